// `.assocignore`: record files and folders to leave out, in gitignore syntax.
// Looked up like `.assocrc.yaml`: for each folder, the nearest `.assocignore`
// at or above it applies, looking no higher than a root (the repository root,
// a folder with `.git`; in the editor also the workspace folder). Only that
// one file applies: a nearer `.assocignore` replaces one further up rather
// than adding to it. Its patterns are relative to the folder that holds it.
// The CLI's `--ignore-pattern`s apply on top, relative to the working folder.
import ignore, { type Ignore } from 'ignore';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { isRepositoryRoot, readSmallFile } from './files';

export const IGNORE_FILE = '.assocignore';

/** An ignore file is small: anything larger is not one. */
const MAX_IGNORE_BYTES = 1024 * 1024;

export interface IgnoreIO {
  /** The text of a file, or undefined when there is none. */
  read(path: string): string | undefined;
  /** Whether the search for `.assocignore` stops at this folder. */
  isRoot(dir: string): boolean;
}

interface Rules {
  /** Where the patterns are relative to. */
  base: string;
  /** What to call them in a note: the file's path, or `--ignore-pattern`. */
  source: string;
  matcher: Ignore;
}

/** Case-sensitive, as git is on Linux and as the glob patterns are. */
function matcherOf(patterns: string | readonly string[]): Ignore {
  return ignore({ ignorecase: false }).add(patterns);
}

/** `path` relative to `base` with forward slashes, or undefined when it is not below `base`. */
function below(base: string, path: string): string | undefined {
  const rel = relative(base, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return sep === '/' ? rel : rel.split(sep).join('/');
}

/**
 * Decides which files and folders are left out: the nearest `.assocignore`
 * of each folder (each folder looked up once), and extra patterns.
 */
export class IgnoreResolver {
  private byDir = new Map<string, Rules | null>();
  private readonly extra: Rules | undefined;

  /** `patterns`: extra gitignore patterns (`--ignore-pattern`), relative to `base`. */
  constructor(
    private readonly io: IgnoreIO,
    extra?: { patterns: readonly string[]; base: string },
  ) {
    this.extra = extra && extra.patterns.length > 0 ? { base: extra.base, source: '--ignore-pattern', matcher: matcherOf(extra.patterns) } : undefined;
  }

  /** The `.assocignore` that applies in a folder: the nearest at or above it, up to a root. */
  private forDir(dir: string): Rules | null {
    const cached = this.byDir.get(dir);
    if (cached !== undefined) return cached;
    const file = join(dir, IGNORE_FILE);
    const text = this.io.read(file);
    let found: Rules | null;
    if (text !== undefined) found = { base: dir, source: file, matcher: matcherOf(text) };
    else {
      const parent = dirname(dir);
      found = parent === dir || this.io.isRoot(dir) ? null : this.forDir(parent);
    }
    this.byDir.set(dir, found);
    return found;
  }

  /** What leaves an absolute path out (an `.assocignore`'s path, or `--ignore-pattern`), or undefined when nothing does. */
  ignoredBy(path: string, isDir = false): string | undefined {
    for (const rules of [this.forDir(dirname(path)), this.extra]) {
      if (!rules) continue;
      const rel = below(rules.base, path);
      if (rel !== undefined && rules.matcher.ignores(isDir ? `${rel}/` : rel)) return rules.source;
    }
    return undefined;
  }
}

/** An ignore resolver on the disk: `.git` marks a repository root, and so does any folder `isRoot` names. */
export function diskIgnore(options: { isRoot?: (dir: string) => boolean; patterns?: readonly string[]; base?: string; report?: (message: string) => void } = {}): IgnoreResolver {
  const report = options.report ?? (() => undefined);
  return new IgnoreResolver(
    { read: (path) => readSmallFile(path, MAX_IGNORE_BYTES, 'an ignore file', report), isRoot: (dir) => options.isRoot?.(dir) === true || isRepositoryRoot(dir) },
    options.patterns ? { patterns: options.patterns, base: options.base ?? process.cwd() } : undefined,
  );
}
