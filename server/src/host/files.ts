// Reading records from disk: only regular files are
// read (a FIFO, a device or a socket would block or never end), a file over
// the size limit is not read at all, and a folder walk never follows a
// symlink out of the folder it walks.
import { constants, promises as fsp, openSync, fstatSync, readSync, closeSync, type Dirent, type Stats } from 'node:fs';
import { join, relative, resolve, sep, isAbsolute } from 'node:path';
import { MAX_RECORD_BYTES } from '../service/parse';

/** Record files: `*.assoc.yaml` and `*.assoc.yml`. */
export const RECORD_FILE = /\.assoc\.ya?ml$/;

/** Folders never searched for records. */
export const SKIP_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git']);

/** Whether a path lies in a folder that is never searched. */
export function inSkippedDir(path: string): boolean {
  return path.split(/[\\/]/).some((part) => SKIP_DIRS.has(part));
}

export type ReadResult =
  | { kind: 'text'; text: string }
  | { kind: 'oversized'; bytes: number }
  | { kind: 'skipped'; reason: string }
  | { kind: 'missing' }
  | { kind: 'error'; message: string };

function what(st: Stats): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isDirectory()) return 'a folder';
  return 'not a regular file';
}

// O_NONBLOCK: opening a FIFO for reading must not wait for a writer.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

function failure(e: unknown): ReadResult {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
  return { kind: 'error', message: code ?? (e as Error).message };
}

function decode(buf: Buffer, bytes: number): ReadResult {
  if (bytes > MAX_RECORD_BYTES) return { kind: 'oversized', bytes };
  return { kind: 'text', text: buf.toString('utf8', 0, bytes) };
}

/** Reads a record file, if it is a regular file within the size limit. */
export async function readRecord(path: string, limit = MAX_RECORD_BYTES): Promise<ReadResult> {
  let fh: fsp.FileHandle | undefined;
  try {
    fh = await fsp.open(path, OPEN_FLAGS);
    const st = await fh.stat();
    if (!st.isFile()) return { kind: 'skipped', reason: `${what(st)}, not a regular file` };
    if (st.size > limit) return { kind: 'oversized', bytes: st.size };
    const buf = Buffer.alloc(st.size + 1);
    let n = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, n, buf.length - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
      if (n === buf.length) return { kind: 'oversized', bytes: Math.max(n, st.size) };
    }
    return decode(buf, n);
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
    if (!st.isFile()) return { kind: 'skipped', reason: `${what(st)}, not a regular file` };
    if (st.size > limit) return { kind: 'oversized', bytes: st.size };
    const buf = Buffer.alloc(st.size + 1);
    let n = 0;
    for (;;) {
      const bytesRead = readSync(fd, buf, n, buf.length - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
      if (n === buf.length) return { kind: 'oversized', bytes: Math.max(n, st.size) };
    }
    return decode(buf, n);
  } catch (e) {
    return failure(e);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export interface WalkResult {
  /** Record files found, absolute, sorted. */
  files: string[];
  /** What was passed over, and why. */
  notes: string[];
}

function within(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * The record files under a folder. Symlinks are followed only where they
 * lead inside the folder being walked; FIFOs, devices and sockets are passed
 * over with a note; `node_modules` and `.git` are never entered.
 */
export async function walkRecords(root: string, accept: (path: string) => boolean = () => true): Promise<WalkResult> {
  const files: string[] = [];
  const notes: string[] = [];
  let rootReal: string;
  try {
    rootReal = await fsp.realpath(root);
  } catch (e) {
    notes.push(`cannot read ${root}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return { files, notes };
  }
  const seen = new Set<string>([rootReal]);
  const visit = async (dir: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await fsp.readdir(dir, { withFileTypes: true });
    } catch (e) {
      notes.push(`cannot read ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = join(dir, e.name);
      if (e.isDirectory()) {
        if (SKIP_DIRS.has(e.name) || !accept(full + sep)) continue;
        await visit(full);
      } else if (e.isFile()) {
        if (RECORD_FILE.test(e.name) && accept(full)) files.push(full);
      } else if (e.isSymbolicLink()) {
        if (SKIP_DIRS.has(e.name)) continue;
        let real: string;
        let st: Stats;
        try {
          real = await fsp.realpath(full);
          st = await fsp.stat(real);
        } catch {
          if (RECORD_FILE.test(e.name)) notes.push(`skipped ${full}: a broken symlink`);
          continue;
        }
        if (!within(rootReal, real)) {
          if (RECORD_FILE.test(e.name) || st.isDirectory()) notes.push(`skipped ${full}: a symlink out of the folder being checked`);
          continue;
        }
        if (st.isDirectory()) {
          if (seen.has(real) || !accept(full + sep)) continue;
          seen.add(real);
          await visit(full);
        } else if (RECORD_FILE.test(e.name)) {
          if (!st.isFile()) notes.push(`skipped ${full}: ${what(st)}, not a regular file`);
          else if (accept(full)) files.push(full);
        }
      } else if (RECORD_FILE.test(e.name)) {
        notes.push(`skipped ${full}: not a regular file`);
      }
    }
  };
  await visit(resolve(root));
  return { files, notes };
}
