// Reading and analysing closed records, on worker threads when there are
// many: the work of indexing a workspace (the server) or checking a tree
// (the CLI). Each file is read, parsed and analysed where it is; only its
// findings and claims travel back. The calling thread takes its share too,
// between its other work: one worker for each other core.
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseRecord, oversized, type ParsedRecord } from '../service/parse';
import { analyzeFile, type FileAnalysis } from '../service/validate';
import type { AssocConfig } from '../service/config';
import type { Edition } from '../service/types';
import { readRecord, readRecordSync, type FileStamp } from './files';
import { contentHash } from './cache';

export interface AnalyzeTask {
  path: string;
  uri?: string;
  config: AssocConfig;
  program?: Edition;
  /** Hash the content (for a cache), and skip the parse if it hashes to `known`: the analysis is at hand. */
  hash?: { known?: string };
  /** Keep what the coverage report needs of the record. */
  summary?: boolean;
  /** Analyse the same parse again under each of these editions (the coverage report's comparisons). */
  alsoUnder?: Edition[];
}

export type AnalyzeResult =
  | { path: string; uri: string; kind: 'analysis'; analysis: FileAnalysis; under?: FileAnalysis[]; hash?: string; stamp?: FileStamp }
  | { path: string; uri: string; kind: 'known'; hash: string; stamp?: FileStamp }
  | { path: string; uri: string; kind: 'skipped'; reason: string }
  | { path: string; uri: string; kind: 'missing' }
  | { path: string; uri: string; kind: 'error'; message: string };

/** A record's analysis under the task's edition, and under each edition it also asks for: one parse for all. */
export function analyses(task: Pick<AnalyzeTask, 'config' | 'program' | 'summary' | 'alsoUnder'>, parsed: ParsedRecord): { analysis: FileAnalysis; under?: FileAnalysis[] } {
  const analysis = analyzeFile(parsed, task.config, task.program, { summary: task.summary });
  const under = task.alsoUnder?.map((e) => (e === analysis.edition ? analysis : analyzeFile(parsed, task.config, e, { summary: task.summary })));
  return under ? { analysis, under } : { analysis };
}

/** Reads and analyses one file, here (a worker thread reads synchronously: it has nothing else to do meanwhile). */
export async function analyzeTask(task: AnalyzeTask, sync = false): Promise<AnalyzeResult> {
  const uri = task.uri ?? pathToFileURL(task.path).href;
  const read = sync ? readRecordSync(task.path) : await readRecord(task.path);
  switch (read.kind) {
    case 'text':
      try {
        const hash = task.hash ? contentHash(read.text) : undefined;
        if (hash !== undefined && hash === task.hash?.known) return { path: task.path, uri, kind: 'known', hash, stamp: read.stamp };
        return { path: task.path, uri, kind: 'analysis', ...analyses(task, parseRecord(uri, read.text, -1)), hash, stamp: read.stamp };
      } catch (e) {
        return { path: task.path, uri, kind: 'error', message: `internal error: ${(e as Error).stack ?? String(e)}` };
      }
    case 'oversized':
      return { path: task.path, uri, kind: 'analysis', ...analyses(task, oversized(uri, read.bytes, -1)) };
    case 'skipped':
      return { path: task.path, uri, kind: 'skipped', reason: read.reason };
    case 'missing':
      return { path: task.path, uri, kind: 'missing' };
    case 'error':
      return { path: task.path, uri, kind: 'error', message: read.message };
  }
}

/** Below this many files, threads cost more than they save. */
const THREADS_FROM = 48;
const BATCH = 16;
/** How long the calling thread analyses files before it turns to its other work (messages from the workers, an editor's requests). */
const HERE_SLICE_MS = 1;
/** How long idle threads are kept for the next bulk read. */
const IDLE_MS = 15_000;

/**
 * Worker threads kept between bulk reads. A thread takes tens of
 * milliseconds to start, and its first files run before its code is
 * compiled: a server starts its threads while the editor is still saying
 * hello, and keeps them for a while after. Idle threads do not keep the
 * process alive, and stop after IDLE_MS.
 *
 * One worker for each core but the calling thread's, which analyses files
 * too: a worker costs its own compiled copy of every hot function, and its
 * results must be copied across, where the calling thread's need not.
 */
export class WorkerPool {
  private workers: Worker[] = [];
  private busy = false;
  private idle?: ReturnType<typeof setTimeout>;

  constructor(
    readonly script: string,
    readonly size = availableParallelism() - 1,
  ) {}

  /** Whether threads can be had at all (a core besides the calling thread's, and the worker script). */
  usable(): boolean {
    return this.size >= 1 && existsSync(this.script);
  }

  /** Starts the threads now, ahead of a bulk read. */
  warm(): void {
    if (this.busy || !this.usable()) return;
    this.fill(this.size);
    this.rest();
  }

  /** The threads for one run, or undefined while another run has them. */
  take(count: number): Worker[] | undefined {
    if (this.busy) return undefined;
    this.busy = true;
    if (this.idle) clearTimeout(this.idle);
    this.idle = undefined;
    this.fill(count);
    const out = this.workers.slice(0, count);
    for (const w of out) w.ref();
    return out;
  }

  /** A run is over: its threads wait for the next, unless one of them failed (then all go). */
  give(failed: boolean): void {
    this.busy = false;
    if (failed) this.stop();
    else this.rest();
  }

  /** The threads it holds now, by thread id. */
  threadIds(): number[] {
    return this.workers.map((w) => w.threadId);
  }

  /** Stops every thread now. */
  stop(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = undefined;
    for (const w of this.workers.splice(0)) void w.terminate();
  }

  private fill(count: number): void {
    while (this.workers.length < count) {
      const w = new Worker(this.script);
      // A thread that stops on its own (out of memory) leaves the pool; the run using it, if any, is told by its 'exit'.
      w.once('exit', () => {
        const i = this.workers.indexOf(w);
        if (i >= 0) this.workers.splice(i, 1);
      });
      // An error with no run listening (while idle) must not be thrown: the thread just goes.
      w.on('error', () => undefined);
      this.workers.push(w);
    }
  }

  private rest(): void {
    for (const w of this.workers) w.unref();
    if (this.idle) clearTimeout(this.idle);
    this.idle = setTimeout(() => this.stop(), IDLE_MS);
    this.idle.unref();
  }
}

/**
 * Analyses files, on worker threads and this one when they are many and
 * threads are at hand (a pool, or a worker script to start them from; the
 * pool's size, or `threads`, counts the workers); results arrive in batches,
 * in no particular order.
 */
export async function analyzeAll(tasks: AnalyzeTask[], onResults: (results: AnalyzeResult[]) => void, options: { workerScript?: string; pool?: WorkerPool; threads?: number } = {}): Promise<void> {
  const pool = options.pool ?? (options.workerScript ? new WorkerPool(options.workerScript, options.threads) : undefined);
  const threads = Math.min(pool?.size ?? 0, Math.ceil(tasks.length / BATCH) - 1);
  /** The pool the threads come from: the one given, or one of this run's own while that one is busy. */
  let from: WorkerPool | undefined;
  let workers: Worker[] | undefined;
  if (pool && pool.usable() && tasks.length >= THREADS_FROM && threads >= 1) {
    from = pool;
    workers = pool.take(threads);
    // A pool busy with another run: that run's threads are not shared, and this one gets its own.
    if (!workers) {
      from = new WorkerPool(pool.script, threads);
      workers = from.take(threads);
    }
  }
  if (!from || !workers) {
    for (let i = 0; i < tasks.length; i += BATCH) {
      const batch: AnalyzeResult[] = [];
      for (const t of tasks.slice(i, i + BATCH)) batch.push(await analyzeTask(t));
      onResults(batch);
    }
    return;
  }
  let next = 0;
  const run = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      let inFlight = 0;
      const send = () => {
        if (next >= tasks.length) {
          if (inFlight === 0) resolve();
          return;
        }
        const batch = tasks.slice(next, next + BATCH);
        next += BATCH;
        inFlight++;
        worker.postMessage(batch);
      };
      const onMessage = (results: AnalyzeResult[]) => {
        inFlight--;
        // The next batch goes out before these are taken in, so the worker never waits for this thread.
        send();
        try {
          onResults(results);
        } catch (e) {
          reject(e);
        }
      };
      const onExit = (code: number) => reject(new Error(`a worker thread stopped (exit ${code})`));
      worker.on('message', onMessage);
      worker.on('error', reject);
      worker.on('exit', onExit);
      done.push(() => {
        worker.off('message', onMessage);
        worker.off('error', reject);
        worker.off('exit', onExit);
      });
      // Two batches in flight: one being worked on, one waiting.
      send();
      send();
    });
  /** Set when the run fails: this thread's share stops too. */
  let halted = false;
  /** This thread's share: files one after another for about a millisecond, then its other work. */
  const here = async () => {
    while (!halted && next < tasks.length) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      const start = performance.now();
      const results: AnalyzeResult[] = [];
      while (!halted && next < tasks.length && (results.length === 0 || performance.now() - start < HERE_SLICE_MS)) results.push(await analyzeTask(tasks[next++], true));
      if (results.length > 0) onResults(results);
    }
  };
  const done: Array<() => void> = [];
  let failed = true;
  try {
    await Promise.all([...workers.map(run), here()]);
    failed = false;
  } catch (e) {
    halted = true;
    throw e;
  } finally {
    for (const d of done) d();
    // A pool of this run's own goes now (not waited for: a thread takes a while to stop, and nothing depends on it).
    if (from === pool) from.give(failed);
    else from.stop();
  }
}

/** The worker script next to a bundle (dist/worker.js). */
export function workerScriptNear(dir: string): string {
  return join(dir, 'worker.js');
}
