// Reading and analysing closed records, on worker threads when there are
// many: the work of indexing a workspace (the server) or checking a tree
// (the CLI). Each file is read, parsed and analysed where it is; only its
// findings and claims travel back.
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

/**
 * Analyses files, on worker threads when they are many and a worker script
 * is at hand; results arrive in batches, in no particular order.
 */
export async function analyzeAll(tasks: AnalyzeTask[], onResults: (results: AnalyzeResult[]) => void, options: { workerScript?: string; threads?: number } = {}): Promise<void> {
  const script = options.workerScript;
  const threads = Math.min(options.threads ?? availableParallelism(), Math.ceil(tasks.length / BATCH));
  if (!script || !existsSync(script) || tasks.length < THREADS_FROM || threads < 2) {
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
      worker.on('message', (results: AnalyzeResult[]) => {
        inFlight--;
        // The next batch goes out before these are taken in, so the worker never waits for this thread.
        send();
        try {
          onResults(results);
        } catch (e) {
          reject(e);
        }
      });
      worker.on('error', reject);
      worker.on('exit', (code) => (next < tasks.length || inFlight > 0 || code !== 0 ? reject(new Error(`a worker thread stopped (exit ${code})`)) : undefined));
      // Two batches in flight: one being worked on, one waiting.
      send();
      send();
    });
  const workers = Array.from({ length: threads }, () => new Worker(script));
  try {
    await Promise.all(workers.map(run));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** The worker script next to a bundle (dist/worker.js). */
export function workerScriptNear(dir: string): string {
  return join(dir, 'worker.js');
}
