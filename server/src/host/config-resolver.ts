import { dirname, join } from 'node:path';
import { CONFIG_FILE, parseConfig, type AssocConfig, type ConfigProblem } from '../service/config';
import { readSmallFile } from './files';

/** A configuration file is small: anything larger is not one. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** A configuration file's text: undefined when there is none; what cannot be read is said through `report`. */
export function readConfigFile(path: string, report: (message: string) => void): string | undefined {
  return readSmallFile(path, MAX_CONFIG_BYTES, 'a configuration file', report);
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
  /** The configuration in force in each folder, and the file it comes from. */
  private byDir = new Map<string, { config: AssocConfig; file: string } | null>();
  private found = new Set<string>();

  constructor(private readonly io: ConfigIO) {}

  forDir(dir: string): AssocConfig | null {
    return this.lookup(dir)?.config ?? null;
  }

  /** The `.assocrc.yaml` in force in a folder (for `--print-config`), or null when there is none. */
  fileFor(dir: string): string | null {
    return this.lookup(dir)?.file ?? null;
  }

  private lookup(dir: string): { config: AssocConfig; file: string } | null {
    const cached = this.byDir.get(dir);
    if (cached !== undefined) return cached;
    const file = join(dir, CONFIG_FILE);
    const text = this.io.read(file);
    let found: { config: AssocConfig; file: string } | null = null;
    if (text !== undefined) {
      this.found.add(file);
      const { config, problems } = parseConfig(text);
      for (const p of problems) this.io.problem(file, p);
      found = { config, file };
    } else {
      const parent = dirname(dir);
      found = parent === dir || this.io.isRoot(dir) ? null : this.lookup(parent);
    }
    this.byDir.set(dir, found);
    return found;
  }

  /** The configuration files read so far. */
  files(): string[] {
    return [...this.found];
  }

  clear(): void {
    this.byDir.clear();
    this.found.clear();
  }
}
