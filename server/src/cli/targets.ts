// The files a run checks, from the paths on the command line: a file as it
// is, a folder walked for record files, and a glob pattern (one the shell did
// not expand, because it was quoted) walked from its fixed leading folders.
import { promises as fsp } from 'node:fs';
import { resolve, sep } from 'node:path';
import { isDynamicPattern } from 'tinyglobby';
import { systemError, walkRecords, type WalkResult } from '../host/files';
import type { IgnoreResolver } from '../host/ignore';
import { plural } from './formats';

export interface Targets {
  /** Absolute paths, each once, in the order found. */
  files: string[];
  /** Paths that failed (exit 2): missing, unreadable, or matching no record file. */
  problems: string[];
  /** What was passed over, and why. */
  notes: string[];
}

/** A glob pattern's fixed leading folders, and the rest: `records/**\/*.assoc.yaml` is `records` and `**\/*.assoc.yaml`. */
export function splitGlob(pattern: string): { base: string; rest: string } {
  const parts = pattern.split(sep === '/' ? '/' : /[\\/]/);
  let i = 0;
  while (i < parts.length - 1 && !isDynamicPattern(parts[i])) i++;
  const fixed = parts.slice(0, i);
  const base = fixed.length === 0 ? '.' : fixed.join('/') || '/';
  return { base, rest: parts.slice(i).join('/') };
}

function leftOut(ignored: WalkResult['ignored']): string {
  const what = [ignored.files > 0 ? plural(ignored.files, 'record file') : '', ignored.folders > 0 ? plural(ignored.folders, 'folder') : ''].filter(Boolean);
  return what.length > 0 ? ` (${what.join(' and ')} left out by .assocignore or --ignore-pattern)` : '';
}

export const RECORD_KINDS = '*.assoc.yaml, *.assoc.yml';

/** Finds the record files the paths name. `allowEmpty`: a path that matches no record file is not a problem. */
export async function findTargets(paths: readonly string[], ignore: IgnoreResolver, allowEmpty: boolean): Promise<Targets> {
  const files = new Set<string>();
  const problems: string[] = [];
  const notes: string[] = [];
  const empty = (message: string) => (allowEmpty ? notes : problems).push(message);
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = (await fsp.stat(p)).isDirectory();
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if ((code === 'ENOENT' || code === 'ENOTDIR') && isDynamicPattern(p)) {
        const { base, rest } = splitGlob(p);
        const walked = await walkRecords(base, { patterns: [rest], ignore });
        notes.push(...walked.notes.filter((n) => !n.startsWith('cannot read ') || walked.files.length > 0));
        if (walked.files.length === 0) empty(`no record file (${RECORD_KINDS}) matches the pattern ${p}${leftOut(walked.ignored)}`);
        for (const f of walked.files) files.add(f);
      } else if (code === 'ENOENT' || code === 'ENOTDIR') problems.push(`no such file or folder: ${p}`);
      else problems.push(`cannot read ${p}: ${systemError(e)}`);
      continue;
    }
    if (isDir) {
      const walked = await walkRecords(p, { ignore });
      notes.push(...walked.notes);
      if (walked.files.length === 0) empty(`no record file (${RECORD_KINDS}) in the folder ${p}${leftOut(walked.ignored)}`);
      for (const f of walked.files) files.add(f);
      continue;
    }
    // A file named on the command line is checked whatever its name, unless it is left out.
    const full = resolve(p);
    const by = ignore.ignoredBy(full);
    if (by) notes.push(`skipped ${p}: left out by ${by}`);
    else files.add(full);
  }
  return { files: [...files], problems, notes };
}

