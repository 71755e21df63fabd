// What the server keeps between editor sessions: each closed record's
// analysis, by the hash of its content, under the configuration and the
// build that made it. A warm start reads and hashes the files (on worker
// threads) and parses none whose hash it knows.
import { createHash } from 'node:crypto';
import { promises as fsp, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { serialize, deserialize } from 'node:v8';
import type { FileAnalysis } from '../service/validate';
import type { AssocConfig } from '../service/config';
import type { Edition } from '../service/types';

export interface CacheEntry {
  /** sha1 of the file's bytes. */
  hash: string;
  /** The configuration and edition override it was analysed under. */
  configKey: string;
  analysis: FileAnalysis;
}

export function contentHash(bytes: Buffer | string): string {
  return createHash('sha1').update(bytes).digest('hex');
}

export function configKey(config: AssocConfig, program?: Edition): string {
  return JSON.stringify([config.program ?? null, Object.entries(config.rules).sort(), program ?? null]);
}

/** The folder for caches when the editor gives none: $XDG_CACHE_HOME/assoc-records, or ~/.cache/assoc-records. */
export function defaultCacheDir(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'assoc-records');
}

/** What makes a cached analysis stale however its file reads: this build of the checks. */
export function buildStamp(bundle: string): string {
  try {
    return contentHash(readFileSync(bundle)).slice(0, 16);
  } catch {
    return 'unbuilt';
  }
}

export class AnalysisCache {
  private entries = new Map<string, CacheEntry>();
  private dirty = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** `file`: where the cache lives (undefined: nothing is kept); `stamp`: the build it must come from. */
  constructor(
    private readonly file: string | undefined,
    private readonly stamp: string,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  async load(): Promise<void> {
    if (!this.file) return;
    try {
      const data = deserialize(await fsp.readFile(this.file)) as { stamp: string; entries: Array<[string, CacheEntry]> };
      if (data.stamp === this.stamp) this.entries = new Map(data.entries);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') this.log(`the analysis cache ${this.file} is not readable and is ignored: ${(e as Error).message}`);
    }
  }

  /** The cached entry of a file, whatever its hash (the caller compares). */
  get(uri: string): CacheEntry | undefined {
    return this.entries.get(uri);
  }

  put(uri: string, entry: CacheEntry): void {
    this.entries.set(uri, entry);
    this.dirty = true;
  }

  delete(uri: string): void {
    if (this.entries.delete(uri)) this.dirty = true;
  }

  /** Writes the cache a little after the last change (atomically: a crash leaves the old one). */
  saveSoon(delayMs = 2000): void {
    if (!this.file || !this.dirty) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.save(), delayMs);
    this.timer.unref?.();
  }

  async save(): Promise<void> {
    if (!this.file || !this.dirty) return;
    this.dirty = false;
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      await fsp.mkdir(dirname(this.file), { recursive: true });
      await fsp.writeFile(tmp, serialize({ stamp: this.stamp, entries: [...this.entries] }));
      await fsp.rename(tmp, this.file);
    } catch (e) {
      this.log(`cannot write the analysis cache ${this.file}: ${(e as Error).message}`);
      await fsp.rm(tmp, { force: true }).catch(() => undefined);
    }
  }
}
