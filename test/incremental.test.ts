// The incremental and parallel paths give exactly what a from-scratch,
// single-thread run gives: random edit sequences on an open record (parsed
// again only where an edit can reach), and random workspaces analysed on
// worker threads and loaded in bulk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { createAssocService } from '../server/src/service/service';
import { parseRecord } from '../server/src/service/parse';
import { analyzeAll, WorkerPool, type AnalyzeResult } from '../server/src/host/analyze';
import { emptyConfig } from '../server/src/service/config';
import { CORPUS } from './fuzz/cases';
import { VALID } from './helpers';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 200);
const URI = 'file:///ws/edited.assoc.yaml';

/** A record with many associations, each with its comments and quirks. */
const BASE = `${VALID}${Array.from({ length: 8 }, (_, i) => `  # association ${i}\n  - type: ${['PAL', 'CPOR', 'CSP', 'DPOR'][i % 4]}\n    partnerId: ${1234500 + i}   # partner ${i}\n    subscription: fabrikam-prod\n    solutionAreas: [infrastructure, security]\n    since: 2024-0${1 + (i % 9)}-01\n`).join('')}`;

const SNIPPETS = ['x', ' ', '\n', '\n    ', '\n  - ', '- ', ': ', '#', ' # c', 'until: 2023-01-01\n    ', 'type: DPOR', '  ', '\t', '"', "'", '[', ']', '{', '}', ',', '&a ', '*a', '\r\n', '---\n', 'solutionAreas: [modern-work]\n    '];

const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.nat({ max: 12 }),
  insert: fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ maxLength: 6 })),
});

test(`random edit sequences: what is parsed again only in part answers as a from-scratch parse (${RUNS} sequences)`, () => {
  let spliced = 0;
  fc.assert(
    fc.property(fc.constantFrom(BASE, ...CORPUS.filter((t) => (t.match(/- type:/g) ?? []).length >= 3)), fc.array(edit, { minLength: 1, maxLength: 8 }), (base, edits) => {
      const svc = createAssocService();
      svc.open(URI, base, 1);
      let text = base;
      edits.forEach((e, n) => {
        // Most edits fall inside the associations, where the incremental path applies.
        const from = text.indexOf('associations:');
        const at = from >= 0 ? from + Math.floor(e.at * (text.length - from)) : Math.floor(e.at * text.length);
        text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
        svc.open(URI, text, n + 2);
        const fresh = createAssocService();
        fresh.open(URI, text, 1);
        assert.deepEqual(svc.diagnostics(URI), fresh.diagnostics(URI), `after edit ${n + 1}:\n${text}`);
        const mine = svc.analysis(URI)!.parsed!;
        const scratch = parseRecord(URI, text);
        assert.deepEqual(JSON.parse(JSON.stringify(mine.root)), JSON.parse(JSON.stringify(scratch.root)), `tree after edit ${n + 1}`);
        assert.deepEqual(mine.comments, scratch.comments, `comments after edit ${n + 1}`);
      });
    }),
    { numRuns: RUNS, includeErrorInReport: true },
  );
  // The test must exercise the incremental path, not only fall back to full reads.
  const svc = createAssocService();
  svc.open(URI, BASE, 1);
  const before = svc.analysis(URI)!.parsed!;
  svc.open(URI, BASE.replace('partnerId: 1234502', 'partnerId: 1234599'), 2);
  if (svc.analysis(URI)!.parsed!.root === before.root) spliced++;
  assert.equal(spliced, 1, 'an edit inside one association reuses the tree');
});

/** Record texts written as files of a new folder, and a service that read them one at a time in this thread. */
function workspaceOf(prefix: string, texts: string[]): { paths: string[]; single: ReturnType<typeof createAssocService> } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const paths = texts.map((t, i) => {
    const path = join(dir, `f${i}.assoc.yaml`);
    writeFileSync(path, t);
    return path;
  });
  const single = createAssocService();
  for (const [i, path] of paths.entries()) single.load(pathToFileURL(path).href, texts[i]);
  return { paths, single };
}

test('random workspaces: analysed on worker threads and loaded in bulk, the same diagnostics as one at a time in one thread', async () => {
  const samples = fc.sample(fc.array(fc.constantFrom(...CORPUS), { minLength: 60, maxLength: 90 }), { numRuns: 3, seed: Number(process.env.PROPERTY_SEED ?? 7) });
  for (const texts of samples) {
    const { paths, single } = workspaceOf('assoc-par-', texts);
    const parallel = createAssocService();
    let threads = 0;
    await analyzeAll(
      paths.map((path) => ({ path, config: emptyConfig() })),
      (results) => {
        for (const r of results) if (r.kind === 'analysis') parallel.loadAnalysis(r.analysis, { track: false });
        threads++;
      },
      { workerScript: join(__dirname, '..', 'dist', 'worker.js'), threads: 2 },
    );
    assert.ok(threads > 1);
    for (const path of paths) {
      const uri = pathToFileURL(path).href;
      assert.deepEqual(parallel.diagnostics(uri), single.diagnostics(uri), uri);
    }
  }
});

test('a pool of threads serves run after run with the same threads; a run while another is under way gets threads of its own; all give the diagnostics of one thread', async () => {
  const { paths, single } = workspaceOf('assoc-pool-', fc.sample(fc.constantFrom(...CORPUS), { numRuns: 70, seed: 11 }));
  const pool = new WorkerPool(join(__dirname, '..', 'dist', 'worker.js'), 2);
  const run = async () => {
    const svc = createAssocService();
    await analyzeAll(
      paths.map((path) => ({ path, config: emptyConfig() })),
      (results: AnalyzeResult[]) => {
        for (const r of results) if (r.kind === 'analysis') svc.loadAnalysis(r.analysis, { track: false });
      },
      { pool },
    );
    for (const path of paths) {
      const uri = pathToFileURL(path).href;
      assert.deepEqual(svc.diagnostics(uri), single.diagnostics(uri), uri);
    }
  };
  try {
    pool.warm();
    const warmed = pool.threadIds();
    assert.equal(warmed.length, 2);
    await run();
    assert.deepEqual(pool.threadIds(), warmed, 'the first run used the threads started ahead of it');
    await Promise.all([run(), run()]);
    assert.deepEqual(pool.threadIds(), warmed, "the pool keeps its threads; the second run's own are gone");
  } finally {
    pool.stop();
  }
  assert.deepEqual(pool.threadIds(), []);
});

test('a bulk read whose worker thread dies fails, and the calling thread stops taking its share of the files', async () => {
  const { paths } = workspaceOf('assoc-dies-', fc.sample(fc.constantFrom(...CORPUS), { numRuns: 400, seed: 13 }));
  // A worker that stops as soon as it is sent work.
  const dir = mkdtempSync(join(tmpdir(), 'assoc-dying-worker-'));
  const script = join(dir, 'worker.js');
  writeFileSync(script, "require('node:worker_threads').parentPort.on('message', () => process.exit(3));\n");
  let taken = 0;
  await assert.rejects(
    analyzeAll(
      paths.map((path) => ({ path, config: emptyConfig() })),
      (results) => {
        taken += results.length;
        // A slow taker: this thread is still far from through its share when the worker's end is noticed.
        const until = performance.now() + 5;
        while (performance.now() < until);
      },
      { workerScript: script, threads: 1 },
    ),
    /a worker thread stopped \(exit 3\)/,
  );
  const atFailure = taken;
  assert.ok(atFailure < paths.length, `the run failed before every file was read here (${atFailure} of ${paths.length})`);
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  assert.equal(taken, atFailure, 'nothing more arrives once the run has failed');
});
