// What the server keeps between editor sessions: each closed record's
// analysis, by the hash of its content, under the configuration and the
// build that made it. A warm start reads and hashes the files (on worker
// threads) and parses none whose hash it knows.
import { createHash } from 'node:crypto';
import { createWriteStream, promises as fsp, readFileSync, type Stats } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { FileAnalysis } from '../service/validate';
import { packClaims, unpackClaims, type PackedClaims } from '../service/packed';
import type { AssocConfig } from '../service/config';
import type { FileStamp } from './files';
import type { Diagnostic } from 'vscode-languageserver-types';

export interface CacheEntry {
  /** sha1 of the file's bytes. */
  hash: string;
  /** The configuration it was analysed under (`configKey`). */
  configKey: string;
  /** What the file was when it was read. */
  stamp?: FileStamp;
  /** The file's analysis (once the analyses are loaded). */
  analysis?: FileAnalysis;
  /** The diagnostics last published for it, closed. */
  published?: Diagnostic[];
}

/**
 * Whether a file, as it stands now, is the one an entry was made from,
 * without reading it: its stamp is the same, and the file had not changed
 * for two seconds before it was read (so that a change within the same
 * clock tick, which a stamp cannot tell, cannot have followed the read).
 */
export function unchanged(entry: CacheEntry, st: Stats): boolean {
  const s = entry.stamp;
  return !!s && s.mtimeMs === st.mtimeMs && s.size === st.size && s.ino === st.ino && s.mtimeMs <= s.readAt - 2000;
}

type StoredAnalysis = Omit<FileAnalysis, 'claims' | 'parsed' | 'packed'> & { packed: PackedClaims };

interface IndexEntry {
  hash: string;
  configKey: string;
  stamp?: FileStamp;
  published?: Diagnostic[];
}

export function contentHash(bytes: Buffer | string): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/** What an analysis depends on of its configuration: the edition and each rule's severity. */
export function configKey(config: AssocConfig): string {
  return JSON.stringify([config.program ?? null, Object.entries(config.rules).sort()]);
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

/** Files a write left half done, when the server writing them was killed: `<cache>.<what>.<pid>.tmp` of a process gone. */
async function removeLeftovers(file: string): Promise<void> {
  const dir = dirname(file);
  const prefix = `${basename(file)}.`;
  for (const name of await fsp.readdir(dir).catch(() => [] as string[])) {
    const m = /\.(\d+)\.tmp$/.exec(name);
    if (!m || !name.startsWith(prefix) || Number(m[1]) === process.pid || alive(Number(m[1]))) continue;
    await fsp.rm(join(dir, name), { force: true }).catch(() => undefined);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Two files a workspace: a small index (each record's hash, stamp,
 * configuration and last published diagnostics), read first, and the
 * analyses, one line a record, read after. When no record has changed since
 * the last session, the server can publish from the index at once and build
 * its cross-file index from the analyses afterwards.
 */
export class AnalysisCache {
  private entries = new Map<string, CacheEntry>();
  /** The index is to be written again (hashes, stamps, published diagnostics). */
  private dirty = false;
  /** The analyses are too: a record was read again, added or dropped. Published diagnostics alone change only the index. */
  private analysesDirty = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** `file`: where the cache lives, without extension (undefined: nothing is kept); `stamp`: the build it must come from. */
  constructor(
    private readonly file: string | undefined,
    private readonly stamp: string,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  private failed(e: unknown): void {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') this.log(`the analysis cache ${this.file} is not readable and is ignored: ${(e as Error).message}`);
    this.entries.clear();
  }

  /** Reads the index: hashes, stamps, configurations and published diagnostics. */
  async load(): Promise<void> {
    if (!this.file) return;
    try {
      const data = JSON.parse(await fsp.readFile(`${this.file}.index.json`, 'utf8')) as { stamp: string; entries: Array<[string, IndexEntry]> };
      if (data.stamp !== this.stamp) return;
      for (const [uri, e] of data.entries) this.entries.set(uri, { ...e });
    } catch (e) {
      this.failed(e);
    }
  }

  /** Reads the analyses of the records in the index. */
  async loadAnalyses(): Promise<void> {
    if (!this.file || this.entries.size === 0) return;
    try {
      const text = await fsp.readFile(`${this.file}.analyses.jsonl`, 'utf8');
      let at = text.indexOf('\n');
      if (at < 0 || (JSON.parse(text.slice(0, at)) as { stamp: string }).stamp !== this.stamp) return;
      for (let n = 1; at < text.length - 1; n++) {
        // A moment for the event loop now and then: what the server already sent is written meanwhile.
        if (n % 100 === 0) await new Promise((r) => setImmediate(r));
        const next = text.indexOf('\n', at + 1);
        const [uri, hash, a] = JSON.parse(text.slice(at + 1, next < 0 ? text.length : next)) as [string, string, StoredAnalysis];
        const entry = this.entries.get(uri);
        // Only the analysis of the content the index knows (the two files are written one after the other).
        if (entry?.hash === hash) {
          const { packed, ...rest } = a;
          entry.analysis = { ...rest, claims: unpackClaims(packed, uri) };
        }
        if (next < 0) break;
        at = next;
      }
    } catch (e) {
      this.failed(e);
    }
  }

  /** The cached entry of a file, whatever its hash (the caller compares). */
  get(uri: string): CacheEntry | undefined {
    return this.entries.get(uri);
  }

  /** Every record in the cache. */
  uris(): string[] {
    return [...this.entries.keys()];
  }

  put(uri: string, entry: CacheEntry): void {
    const old = this.entries.get(uri);
    if (old?.hash !== entry.hash || old.analysis !== entry.analysis) this.analysesDirty = true;
    this.entries.set(uri, entry);
    this.dirty = true;
  }

  /** Forgets what the last session published for a record, once said (it is recomputed when saved). */
  said(uri: string): void {
    const e = this.entries.get(uri);
    if (e) e.published = undefined;
  }

  /** Where the diagnostics published for each closed record come from, when the cache is written. */
  publishedOf: (uri: string) => Diagnostic[] | undefined = () => undefined;

  /** The diagnostics changed since the cache was written: it is written again. */
  touch(): void {
    this.dirty = true;
  }

  delete(uri: string): void {
    if (this.entries.delete(uri)) this.dirty = this.analysesDirty = true;
  }

  private saving: Promise<void> = Promise.resolve();
  /** Whether this session has looked for half-written files of killed servers (once is enough). */
  private swept = false;

  /** Writes the cache a little after a change (atomically: a crash leaves the old one); a write already due keeps its time. */
  saveSoon(delayMs = 2000): void {
    if (!this.file || !this.dirty || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.save();
    }, delayMs);
    this.timer.unref?.();
  }

  /** Writes the cache now, after any write under way: two writes never interleave, and the last one's end is awaited. */
  save(): Promise<void> {
    this.saving = this.saving.then(() => this.write());
    return this.saving;
  }

  /** The records whose analyses the cache holds: closed ones (the parse is never kept for a closed file). */
  private stored(): Array<[string, CacheEntry & { analysis: FileAnalysis }]> {
    return [...this.entries].filter((x): x is [string, CacheEntry & { analysis: FileAnalysis }] => !!x[1].analysis && !x[1].analysis.parsed);
  }

  private async write(): Promise<void> {
    if (!this.file || !this.dirty) return;
    const analyses = this.analysesDirty;
    this.dirty = this.analysesDirty = false;
    const file = this.file;
    const tmp = (what: string) => `${file}.${what}.${process.pid}.tmp`;
    try {
      await fsp.mkdir(dirname(file), { recursive: true });
      if (!this.swept) {
        this.swept = true;
        await removeLeftovers(file);
      }
      const stored = this.stored();
      // The analyses file is written again only when an analysis changed: a workspace of thousands of records holds
      // tens of megabytes of them, and an edit that changes what closed records are told changes only the index.
      if (analyses) {
        // The analyses a line at a time, so that they are never one string in memory.
        const out = createWriteStream(tmp('analyses'));
        const write = (line: string) => (out.write(line) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
        await write(`${JSON.stringify({ stamp: this.stamp })}\n`);
        for (const [uri, e] of stored) {
          const { claims, parsed: _, packed: __, ...rest } = e.analysis;
          const { strings, rows } = packClaims(claims);
          await write(`${JSON.stringify([uri, e.hash, { ...rest, packed: { strings, rows: Array.from(rows) } }])}\n`);
        }
        await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
      }
      const index = stored.map(([uri, e]): [string, IndexEntry] => [uri, { hash: e.hash, configKey: e.configKey, stamp: e.stamp, published: this.publishedOf(uri) ?? e.published }]);
      await fsp.writeFile(tmp('index'), JSON.stringify({ stamp: this.stamp, entries: index }));
      if (analyses) await fsp.rename(tmp('analyses'), `${file}.analyses.jsonl`);
      await fsp.rename(tmp('index'), `${file}.index.json`);
    } catch (e) {
      // What was not written is written next time.
      this.dirty = true;
      this.analysesDirty ||= analyses;
      this.log(`cannot write the analysis cache ${file}: ${(e as Error).message}`);
      await Promise.all(['analyses', 'index'].map((w) => fsp.rm(tmp(w), { force: true }).catch(() => undefined)));
    }
  }
}
