import { dirname, join } from 'node:path';
import { CONFIG_FILE, parseConfig, type AssocConfig, type ConfigProblem } from './config';

/** Record files: `*.assoc.yaml` and `*.assoc.yml`. */
export const RECORD_FILE = /\.assoc\.ya?ml$/;

/** Folders never searched for records. */
export const SKIP_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git']);

/** Whether a path lies in a folder that is never searched. */
export function inSkippedDir(path: string): boolean {
  return path.split(/[\\/]/).some((part) => SKIP_DIRS.has(part));
}

export interface ConfigIO {
  /** The text of a file, or undefined when there is none. */
  read(path: string): string | undefined;
  /** Whether the search for `.assocrc.yaml` stops at this folder (a workspace or repository root). */
  isRoot(dir: string): boolean;
  problem(file: string, problem: ConfigProblem): void;
}

/**
 * The nearest `.assocrc.yaml` at or above a folder, up to a root: one lookup
 * for the CLI and the server, each folder read once until `clear()`.
 */
export class ConfigResolver {
  private byDir = new Map<string, AssocConfig | null>();

  constructor(private readonly io: ConfigIO) {}

  forDir(dir: string): AssocConfig | null {
    const cached = this.byDir.get(dir);
    if (cached !== undefined) return cached;
    const file = join(dir, CONFIG_FILE);
    const text = this.io.read(file);
    let found: AssocConfig | null = null;
    if (text !== undefined) {
      const { config, problems } = parseConfig(text);
      for (const p of problems) this.io.problem(file, p);
      found = config;
    } else {
      const parent = dirname(dir);
      found = parent === dir || this.io.isRoot(dir) ? null : this.forDir(parent);
    }
    this.byDir.set(dir, found);
    return found;
  }

  clear(): void {
    this.byDir.clear();
  }
}
