// Reading records from disk: only regular files are
// read (a FIFO, a device or a socket would block or never end), a file over
// the size limit is not read at all, and a folder walk never follows a
// symlink out of the folder it walks. The walk is the CLI's and the server's.
import { constants, existsSync, promises as fsp, openSync, fstatSync, readSync, closeSync, readdir as fsReaddir, type Dirent, type Stats } from 'node:fs';
import { join, relative, resolve, isAbsolute } from 'node:path';
import { glob } from 'tinyglobby';
import { MAX_RECORD_BYTES } from '../service/parse';
import type { IgnoreResolver } from './ignore';

/** Record files: `*.assoc.yaml` and `*.assoc.yml`. */
export const RECORD_FILE = /\.assoc\.ya?ml$/;

/** Folders never searched for records. */
export const SKIP_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git']);

/** Whether a folder is a repository root (it holds `.git`): where the `.assocrc.yaml` and `.assocignore` searches stop. */
export function isRepositoryRoot(dir: string): boolean {
  return existsSync(join(dir, '.git'));
}

/** Whether a path lies in a folder that is never searched. */
export function inSkippedDir(path: string): boolean {
  return path.split(/[\\/]/).some((part) => SKIP_DIRS.has(part));
}

export type ReadResult =
  | { kind: 'text'; text: string; stamp?: FileStamp }
  | { kind: 'oversized'; bytes: number }
  | { kind: 'skipped'; reason: string }
  | { kind: 'missing' }
  | { kind: 'error'; message: string };

/** What a file that is not a regular file is (a `Stats` or a `Dirent`). */
function what(st: Pick<Stats, 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice' | 'isDirectory'>): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isDirectory()) return 'a folder';
  return 'not a regular file';
}

// O_NONBLOCK: opening a FIFO for reading must not wait for a writer.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

const SYSTEM_ERRORS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a file stands where the path needs a folder',
  EEXIST: 'a file stands where the path needs a folder',
  ENOSPC: 'the disk is full',
  EROFS: 'the file system is read-only',
  ENOENT: 'no such file or folder',
  ENXIO: 'nothing is there to read (a socket or an unopened device)',
  ELOOP: 'too many symlinks',
  ENAMETOOLONG: 'the name is too long',
};

/** A failed file operation in a few words, with the system's code: `permission denied (EACCES)`. */
export function systemError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === undefined) return (e as Error).message;
  const words = SYSTEM_ERRORS[code];
  return words ? `${words} (${code})` : code;
}

function failure(e: unknown): ReadResult {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
  return { kind: 'error', message: systemError(e) };
}

/** What a file was when it was read: a later read of the same stamp reads the same bytes (see AnalysisCache). */
export interface FileStamp {
  mtimeMs: number;
  size: number;
  ino: number;
  /** When it was read. */
  readAt: number;
}

export function stampOf(st: Stats, readAt: number): FileStamp {
  return { mtimeMs: st.mtimeMs, size: st.size, ino: st.ino, readAt };
}

function decode(buf: Buffer, bytes: number, st?: Stats): ReadResult {
  if (bytes > MAX_RECORD_BYTES) return { kind: 'oversized', bytes };
  return { kind: 'text', text: buf.toString('utf8', 0, bytes), stamp: st ? stampOf(st, Date.now()) : undefined };
}

/** What a file's status settles before a byte is read: it is not a regular file, or it is too large. */
function refusal(st: Stats, limit: number): ReadResult | undefined {
  if (!st.isFile()) return { kind: 'skipped', reason: `${what(st)}, not a regular file` };
  if (st.size > limit) return { kind: 'oversized', bytes: st.size };
  return undefined;
}

/** Reads a record file, if it is a regular file within the size limit. */
export async function readRecord(path: string, limit = MAX_RECORD_BYTES): Promise<ReadResult> {
  let fh: fsp.FileHandle | undefined;
  try {
    fh = await fsp.open(path, OPEN_FLAGS);
    const st = await fh.stat();
    const refused = refusal(st, limit);
    if (refused) return refused;
    const buf = Buffer.alloc(st.size + 1);
    let n = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, n, buf.length - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
      if (n === buf.length) return { kind: 'oversized', bytes: Math.max(n, st.size) };
    }
    return decode(buf, n, st);
  } catch (e) {
    return failure(e);
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

/** The same, synchronously (for small files read while answering: `.assocrc.yaml`). */
export function readRecordSync(path: string, limit = MAX_RECORD_BYTES): ReadResult {
  let fd: number | undefined;
  try {
    fd = openSync(path, OPEN_FLAGS);
    const st = fstatSync(fd);
    const refused = refusal(st, limit);
    if (refused) return refused;
    const buf = Buffer.alloc(st.size + 1);
    let n = 0;
    for (;;) {
      const bytesRead = readSync(fd, buf, n, buf.length - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
      if (n === buf.length) return { kind: 'oversized', bytes: Math.max(n, st.size) };
    }
    return decode(buf, n, st);
  } catch (e) {
    return failure(e);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Why a file could not be read, in a few words: `no such file`, `a FIFO, not a regular file`, `permission denied (EACCES)`. */
export function readFailure(r: Exclude<ReadResult, { kind: 'text' }>): string {
  switch (r.kind) {
    case 'missing':
      return 'no such file';
    case 'oversized':
      return `${r.bytes} bytes is over the size limit`;
    case 'skipped':
      return r.reason;
    case 'error':
      return r.message;
  }
}

/**
 * A small file's text (`.assocrc.yaml`, `.assocignore`): undefined when there
 * is none; what cannot be read, or is over `limit` bytes and so cannot be
 * `what` it should be, is said through `report`.
 */
export function readSmallFile(path: string, limit: number, what: string, report: (message: string) => void): string | undefined {
  const r = readRecordSync(path, limit);
  if (r.kind === 'text') return r.text;
  if (r.kind !== 'missing') report(`cannot read ${path}: ${r.kind === 'oversized' ? `${r.bytes} bytes is too large for ${what}` : readFailure(r)}`);
  return undefined;
}

/** Every record file below a folder, as glob patterns relative to it. */
export const RECORD_PATTERNS: readonly string[] = ['**/*.assoc.yaml', '**/*.assoc.yml'];

export interface WalkOptions {
  /** Glob patterns relative to the folder (default: `RECORD_PATTERNS`); only record files are returned whatever they match. */
  patterns?: readonly string[];
  /** What leaves files and folders out: `.assocignore` and `--ignore-pattern`. */
  ignore?: IgnoreResolver;
}

export interface WalkResult {
  /** Record files found, absolute, sorted. */
  files: string[];
  /** What was passed over, and why. */
  notes: string[];
  /** How many record files, and how many folders, `ignore` left out. */
  ignored: { files: number; folders: number };
}

function within(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

type ReaddirCallback = (error: NodeJS.ErrnoException | null, entries: Dirent[]) => void;

/**
 * The record files under a folder, found by `tinyglobby`. Its walk sees each
 * folder's entries through `readdir` below, which keeps what may be entered
 * or read and notes the rest, since on its own the glob would pass FIFOs,
 * devices and sockets over in silence and follow a symlink anywhere:
 * - `node_modules` and `.git` are never entered, and nor is what `ignore`
 *   leaves out;
 * - a symlink to a file is kept only when it leads to a regular file inside
 *   the folder being walked; a symlink to a folder is never followed;
 * - FIFOs, devices and sockets are passed over with a note;
 * - a file reached twice (itself and a link to it, or two links) is taken once.
 * The files come back sorted, so every run lists them in the same order.
 */
export async function walkRecords(root: string, options: WalkOptions = {}): Promise<WalkResult> {
  const notes: string[] = [];
  const ignored = { files: 0, folders: 0 };
  const base = resolve(root);
  let rootReal: string;
  try {
    rootReal = await fsp.realpath(base);
  } catch (e) {
    notes.push(`cannot read ${root}: ${systemError(e)}`);
    return { files: [], notes, ignored };
  }
  const ignoredBy = (path: string, isDir: boolean) => options.ignore?.ignoredBy(path, isDir);
  /** The symlinks kept, and the file each leads to. */
  const links = new Map<string, string>();

  /** Whether the walk may see an entry: enter a folder, or match a file. */
  const admit = async (dir: string, entry: Dirent): Promise<boolean> => {
    const full = join(dir, entry.name);
    const record = RECORD_FILE.test(entry.name);
    if (entry.isDirectory()) {
      if (SKIP_DIRS.has(entry.name)) return false;
      if (ignoredBy(full, true)) {
        ignored.folders++;
        return false;
      }
      return true;
    }
    if (entry.isFile()) {
      if (!record) return false;
      if (ignoredBy(full, false)) {
        ignored.files++;
        return false;
      }
      return true;
    }
    if (entry.isSymbolicLink()) {
      let real: string;
      let st: Stats;
      try {
        real = await fsp.realpath(full);
        st = await fsp.stat(real);
      } catch {
        if (record) notes.push(`skipped ${full}: a broken symlink`);
        return false;
      }
      if (st.isDirectory()) {
        if (SKIP_DIRS.has(entry.name) || ignoredBy(full, true)) return false;
        notes.push(within(rootReal, real) ? `skipped ${full}: a symlink to a folder; symlinked folders are not followed` : `skipped ${full}: a symlink out of the folder being checked`);
        return false;
      }
      if (!record) return false;
      if (ignoredBy(full, false)) {
        ignored.files++;
        return false;
      }
      if (!within(rootReal, real)) notes.push(`skipped ${full}: a symlink out of the folder being checked`);
      else if (!st.isFile()) notes.push(`skipped ${full}: ${what(st)}, not a regular file`);
      else {
        links.set(full, real);
        return true;
      }
      return false;
    }
    if (record && !ignoredBy(full, false)) notes.push(`skipped ${full}: ${what(entry)}, not a regular file`);
    return false;
  };

  const readdir = (path: string, _options: { withFileTypes: true }, callback: ReaddirCallback): void => {
    fsp.readdir(path, { withFileTypes: true }).then(
      async (entries) => {
        const keep = await Promise.all(entries.map((e) => admit(path, e)));
        callback(null, entries.filter((_, i) => keep[i]));
      },
      (e: NodeJS.ErrnoException) => {
        notes.push(`cannot read ${path.replace(/[\\/]+$/, '') || path}: ${systemError(e)}`);
        callback(e, []);
      },
    );
  };

  const found = await glob(options.patterns ?? RECORD_PATTERNS, {
    cwd: base,
    absolute: true,
    dot: true,
    expandDirectories: false,
    // Only the symlinks `readdir` kept reach the glob: symlinks to regular files inside the folder.
    followSymbolicLinks: true,
    // The glob calls only this form of readdir: `(path, { withFileTypes: true }, callback)`.
    fs: { readdir: readdir as unknown as typeof fsReaddir },
  });
  const all = [...new Set(found.map((f) => resolve(f)).filter((f) => RECORD_FILE.test(f)))].sort();
  // One file is checked once: under its own name when the walk finds it, else under the first link to it. Checked
  // twice, it would be a duplicate of itself to the cross-file rules, and --fix would write it twice.
  const taken = new Set(all.filter((f) => !links.has(f)).map((f) => join(rootReal, relative(base, f))));
  const files = all.filter((f) => {
    const real = links.get(f);
    if (real === undefined) return true;
    if (taken.has(real)) {
      notes.push(`skipped ${f}: a symlink to ${join(base, relative(rootReal, real))}, which is checked already`);
      return false;
    }
    taken.add(real);
    return true;
  });
  return { files, notes: [...new Set(notes)].sort(), ignored };
}
