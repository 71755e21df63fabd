// npm run bench: the scale benchmark. Not a test: it asserts nothing and is
// not part of `npm test`. It generates deterministic workloads (workload.ts)
// in a temporary folder and measures, in one run:
//   floor   the `yaml` floor: parseDocument, parseDocument+toJS and js-yaml's
//           load of the same workspaces, single-threaded, in a child process;
//   server  our server over stdio (dist/server.js): initialized -> last
//           publishDiagnostics of a 2,000- and a 10,000-record workspace, peak
//           RSS once indexed, an open file's own diagnostics while indexing, a
//           second (warm) start, and cross-file edit latency (30 samples);
//   cli     assoc-lint --format json over the same workspaces: wall time, RSS;
//   yls     yaml-language-server with schemas/assoc.schema.json and our server
//           on one 5,000-association record: open, 20 edits, 20 hovers;
//   dpor    10,000 DPORs on one subscription vs each on its own (CLI, server,
//           the largest publishDiagnostics message);
//   alias   4,000 aliases vs the same record written out (CLI, server);
//   size    a 9.5 MB record (checked, not refused?) and an 11 MiB one (one
//           diagnostic within 1 s?);
// then the linear-growth ratios 10,000 vs 2,000, and prints a table of the
// targets, each a ratio or a bound measured in this run, with PASS/FAIL.
//
//   npm run bench                         everything, full size (~20 min at most)
//   npm run bench -- --scale 0.1          smaller workloads, for a quick run
//   npm run bench -- --only server,cli    some groups (floor server cli yls dpor alias size)
//   npm run bench -- --timeout 60         seconds allowed to each measurement (default 120)
//   other options: --quiet-ms N (default 1500), --seed N, --keep (keep the
//   workloads), --out FILE (default BENCHMARKS.md for a full run at scale 1,
//   test-output/bench/BENCHMARKS.md otherwise, so a quick run never replaces
//   the committed figures).
//
// How things are measured:
// - times are wall-clock, performance.now() in this process; server times run
//   from sending a request or notification to the dispatch of the matching
//   message here;
// - "all diagnostics published": every record file has had a
//   publishDiagnostics and none has come for --quiet-ms; the figure is the time
//   of the last one (the quiet period is not counted);
// - peak RSS: of a server, VmHWM in /proc/<pid>/status once it has settled; of
//   the CLI and the floor, the child's own getrusage maxRSS at exit (the same
//   kernel figure), written by rss-preload.cjs;
// - a measurement that runs past its timeout, or whose process dies, is
//   reported as TIMEOUT or CRASH and the run carries on; a figure that timed
//   out is at least the time it ran, which can be enough to fail a target
//   (FAIL (TIMEOUT)).
import { parseArgs } from 'node:util';
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { BenchClient, ServerDied, Timeout } from './lsp';
import { fmtBytes, fmtMB, fmtMs, MB, percentile, runNode, type ChildResult } from './proc';
import { aliasRecord, bigRecord, DEFAULT_SEED, sizedRecord, writeDporWorkspace, writeWorkspace, type Generated, type WorkspaceInfo } from './workload';

const ROOT = join(__dirname, '..', '..');
const SERVER = join(ROOT, 'dist', 'server.js');
const CLI = join(ROOT, 'dist', 'assoc-lint.js');
const YLS = join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
const FLOOR = join(__dirname, 'floor.ts');
const SCHEMA = join(ROOT, 'schemas', 'assoc.schema.json');
const GROUPS = ['floor', 'server', 'cli', 'yls', 'dpor', 'alias', 'size'] as const;
type Group = (typeof GROUPS)[number];

// ------------------------------------------------------------------ options

const argv = process.argv.slice(2);
const { values: opt } = parseArgs({
  args: argv,
  options: {
    scale: { type: 'string', default: '1' },
    only: { type: 'string' },
    timeout: { type: 'string', default: '120' },
    'quiet-ms': { type: 'string', default: '1500' },
    seed: { type: 'string' },
    keep: { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});
const SCALE = Number(opt.scale);
const TIMEOUT_MS = Number(opt.timeout) * 1000;
const QUIET_MS = Number(opt['quiet-ms']);
const SEED = opt.seed ? Number(opt.seed) : DEFAULT_SEED;
if (!(SCALE > 0) || !(TIMEOUT_MS > 0) || !(QUIET_MS >= 0) || !Number.isFinite(SEED)) {
  console.error('usage: npm run bench -- [--scale F] [--only g1,g2] [--timeout S] [--quiet-ms N] [--seed N] [--keep] [--out FILE]');
  process.exit(2);
}
const only = opt.only ? (opt.only.split(',').map((s) => s.trim()) as Group[]) : [...GROUPS];
for (const g of only) {
  if (!GROUPS.includes(g)) {
    console.error(`unknown group "${g}"; groups: ${GROUPS.join(', ')}`);
    process.exit(2);
  }
}
const runs = (g: Group) => only.includes(g);
const scaled = (n: number, min = 2) => Math.max(min, Math.round(n * SCALE));
const FULL = SCALE === 1 && only.length === GROUPS.length;
const OUT = opt.out ?? (FULL ? join(ROOT, 'BENCHMARKS.md') : join(ROOT, 'test-output', 'bench', 'BENCHMARKS.md'));

const N_SMALL = scaled(2000);
const N_LARGE = scaled(10000);
const BIG_ASSOCS = scaled(5000);
const DPOR_FILES = scaled(1000);
const DPOR_PER_FILE = 10;
const ALIASES = scaled(4000);
const EDIT_SAMPLES = 30;
const YLS_EDITS = 20;
const HOVERS = 20;
const ALIAS_ROUNDS = 5;
const ORDINARY_BYTES = 9_500_000;
const OVERSIZE_BYTES = 11 * MB;

// ------------------------------------------------------------------ results

/** Numeric results by key; why a key has none; and, for one that ran out of time, the least it would have been. */
const R = new Map<string, number>();
const why = new Map<string, string>();
const atLeast = new Map<string, number>();
const rows: Array<{ group: string; what: string; value: string }> = [];
const extra: string[] = [];

function row(group: string, what: string, value: string) {
  rows.push({ group, what, value });
  console.log(`  ${what.padEnd(64)} ${value}`);
}
function put(key: string, v: number) {
  R.set(key, v);
}
/**
 * Records why a measurement has no figure. `after`: how long it had run; for a
 * timeout that is a lower bound of the figure, used by the targets.
 */
function failed(key: string, e: unknown, after?: number): string {
  const reason = e instanceof Timeout ? 'TIMEOUT' : e instanceof ServerDied ? 'CRASH' : 'ERROR';
  const msg = e instanceof Error ? e.message : String(e);
  why.set(key, reason);
  if (after !== undefined && reason === 'TIMEOUT') atLeast.set(key, after);
  console.log(`  !! ${key}: ${reason}: ${msg.split('\n')[0].slice(0, 300)}`);
  if (after === undefined) return reason;
  return reason === 'TIMEOUT' ? `TIMEOUT (> ${fmtMs(after)})` : `${reason} after ${fmtMs(after)}`;
}
const samples = (xs: number[]) => `p50 ${fmtMs(percentile(xs, 50))}, p95 ${fmtMs(percentile(xs, 95))} (n=${xs.length}, min ${fmtMs(Math.min(...xs))}, max ${fmtMs(Math.max(...xs))})`;
const childFail = (r: ChildResult) => (r.timedOut ? new Timeout(`ran past ${TIMEOUT_MS / 1000} s`) : new ServerDied(`exited ${r.signal ?? r.code}: ${r.stderrTail.slice(-300)}`));
const oom = (stderr: string) => (/heap out of memory|Reached heap limit/i.test(stderr) ? ', out of memory' : '');
const rssText = (r: ChildResult) => (r.maxRss === undefined ? 'n/a' : `${fmtMB(r.maxRss)}${r.rssSource === 'poll' ? ' (at least; polled)' : ''}`);

// ------------------------------------------------------------------ workloads (made once, when first needed)

const TMP = mkdtempSync(join(tmpdir(), 'assoc-bench-'));
// The servers' analysis caches (the warm start reads one) go with the workloads, not into the user's cache folder.
process.env.ASSOC_CACHE_DIR ??= join(TMP, 'cache');
const memo = new Map<string, unknown>();
function once<T>(key: string, make: () => T): T {
  if (!memo.has(key)) {
    const t0 = performance.now();
    memo.set(key, make());
    console.log(`  (workload ${key}: ${fmtMs(performance.now() - t0)})`);
  }
  return memo.get(key) as T;
}
const workspace = (n: number) => once(`workspace-${n}`, () => writeWorkspace(join(TMP, `ws-${n}`), n, SEED));
const dporWorkspace = (mode: 'one-subscription' | 'distinct') => once(`dpor-${mode}`, () => writeDporWorkspace(join(TMP, `dpor-${mode}`), DPOR_FILES, DPOR_PER_FILE, mode, SEED));
function single(name: string, make: () => Generated): { path: string; uri: string; gen: Generated } {
  return once(`file-${name}`, () => {
    const gen = make();
    mkdirSync(join(TMP, 'single'), { recursive: true });
    const path = join(TMP, 'single', `${name}.assoc.yaml`);
    writeFileSync(path, gen.text);
    return { path, uri: pathToFileURL(path).href, gen };
  });
}
const bigFile = () => single('big', () => bigRecord(BIG_ASSOCS, SEED));
const aliasFile = (mode: 'anchors' | 'written') => single(`alias-${mode}`, () => aliasRecord(ALIASES, mode, SEED));
const ordinaryFile = () => single('ordinary-9.5MB', () => sizedRecord(ORDINARY_BYTES, true, SEED));
const oversizeFile = () => single('oversize-11MiB', () => sizedRecord(OVERSIZE_BYTES, false, SEED));
/** A workspace folder with no records, for servers that only get opened files. */
const emptyRoot = () =>
  once('empty-root', () => {
    const d = join(TMP, 'empty');
    mkdirSync(d, { recursive: true });
    return d;
  });
const uriOf = (ws: { dir: string }, rel: string) => pathToFileURL(join(ws.dir, rel)).href;
const deadline = (ms = TIMEOUT_MS) => performance.now() + ms;

// ------------------------------------------------------------------ servers

const ours = (root: string, env?: Record<string, string>) => new BenchClient('assoc-language-server', [process.execPath, SERVER, '--stdio'], { root, configuration: { assoc: {} }, env });
const ylsSettings = () => ({
  schemas: { [pathToFileURL(SCHEMA).href]: ['*.assoc.yaml', '*.assoc.yml'] },
  validate: true,
  hover: true,
  completion: true,
  schemaStore: { enable: false },
});
const yls = (root: string) => new BenchClient('yaml-language-server', [process.execPath, YLS, '--stdio'], { root, configuration: { yaml: ylsSettings(), http: {}, '[yaml]': {}, editor: {} } });
const LANG = { ours: 'assoc-yaml', yls: 'yaml' } as const;

/** Starts a server on a folder without records and waits until it checks an opened record with a schema error: settings read, schema loaded. */
async function readyForOpen(kind: 'ours' | 'yls'): Promise<BenchClient> {
  const c = kind === 'ours' ? ours(emptyRoot()) : yls(emptyRoot());
  try {
    await warmUp(c, kind);
  } catch (e) {
    await c.stop();
    throw e;
  }
  return c;
}

async function warmUp(c: BenchClient, kind: 'ours' | 'yls'): Promise<void> {
  const dl = deadline();
  await c.initialize(dl);
  if (kind === 'yls') await c.configurationChanged({ yaml: ylsSettings() });
  const uri = pathToFileURL(join(TMP, 'single', 'warm-up.assoc.yaml')).href;
  const text = 'version: 2\ncustomer:\n  name: Warm-up\n  tenantId: 00000000-0000-4000-8000-000000000000\nassociations: []\n';
  // yaml-language-server reads its settings asynchronously: re-open until the schema is in force.
  for (let v = 1; ; v++) {
    const t = performance.now();
    await c.open(uri, text, LANG[kind], v);
    try {
      await c.until(() => (c.files.get(uri)?.at ?? 0) > t && (c.files.get(uri)?.diagnostics.length ?? 0) > 0, Math.min(dl, performance.now() + 2000), 'the warm-up diagnostics');
      break;
    } catch (e) {
      if (!(e instanceof Timeout) || performance.now() > dl) throw e;
    } finally {
      await c.close(uri);
    }
  }
  await new Promise((r) => setTimeout(r, 300));
}

/** Opens a file and waits for its first publish after the open; returns the time it took. */
async function openToDiagnostics(c: BenchClient, uri: string, text: string, lang: string, dl: number): Promise<number> {
  const t0 = performance.now();
  await c.open(uri, text, lang, 1);
  await c.until(() => (c.files.get(uri)?.at ?? 0) > t0, dl, `diagnostics of ${uri}`);
  return c.files.get(uri)!.at - t0;
}

// ------------------------------------------------------------------ groups

async function floorGroup() {
  console.log('\n== floor: yaml and js-yaml, one thread, in a child process');
  for (const n of [N_SMALL, N_LARGE]) {
    const ws = workspace(n);
    const list = join(TMP, `list-${n}.txt`);
    writeFileSync(list, ws.files.map((f) => join(ws.dir, f)).join('\n'));
    // The reference, parseDocument at the smaller size, is the median of three passes; the rest are one pass
    // (js-yaml is cheap: three), and parseDocument + toJS is left out at the larger size, to keep the run short.
    const modes = n === N_SMALL ? (['parse', 'parse+toJS', 'js-yaml'] as const) : (['parse', 'js-yaml'] as const);
    for (const mode of modes) {
      const passes = mode === 'parse+toJS' || (mode === 'parse' && n !== N_SMALL) ? 1 : 3;
      const key = `floor.${mode}.${n}`;
      const r = await runNode(['--import', 'tsx', FLOOR, mode, list, String(passes)], { timeoutMs: TIMEOUT_MS, cwd: ROOT, keepStdout: 1 << 20 });
      const label = `${mode === 'parse' ? 'parseDocument' : mode === 'parse+toJS' ? 'parseDocument + toJS' : 'js-yaml load'}, ${n} records (${fmtMB(ws.bytes)}, ${ws.associations} associations)`;
      if (r.timedOut || r.code !== 0) {
        row('floor', label, failed(key, childFail(r), r.wallMs) + oom(r.stderrTail));
        continue;
      }
      const out = JSON.parse(r.stdout) as { times: number[]; errors: number };
      const med = percentile(out.times, 50);
      put(key, med);
      const detail = passes > 1 ? `p50 ${fmtMs(med)}, p95 ${fmtMs(percentile(out.times, 95))} of ${passes} passes (first ${fmtMs(out.times[0])})` : fmtMs(med);
      row('floor', label, `${detail}; peak RSS ${rssText(r)}${out.errors ? `; ${out.errors} YAML errors!` : ''}`);
    }
  }
}

async function serverWorkspace(n: number) {
  const ws = workspace(n);
  const uris = ws.files.map((f) => uriOf(ws, f));
  const label = `${n} records`;
  // ---- cold start, with a file opened right after `initialized`, as an editor restoring its tabs does
  const openRel = ws.files[Math.floor(ws.files.length / 2) + 1];
  const openUri = uriOf(ws, openRel);
  let c = ours(ws.dir);
  let settled = false;
  /** The cold starts' times: the first pass measures more besides (the file opened, memory, edits). */
  const coldTimes: number[] = [];
  let coldDetail = '';
  try {
    const dl = deadline();
    const tInit = await c.initialize(dl);
    const tOpen = performance.now();
    await c.open(openUri, readFileSync(join(ws.dir, openRel), 'utf8'), LANG.ours, 1);
    try {
      await c.until(() => {
        const f = c.files.get(openUri);
        return !!f && f.at > tOpen && (f.version === undefined || f.version === 1);
      }, dl, 'the opened file\'s diagnostics');
      const ms = c.files.get(openUri)!.at - tOpen;
      put(`server.openWhileIndexing.${n}`, ms);
      row('server', `${label}: open a file while indexing -> its diagnostics`, `${fmtMs(ms)} (${c.published.size - 1} other files published by then)`);
    } catch (e) {
      row('server', `${label}: open a file while indexing -> its diagnostics`, failed(`server.openWhileIndexing.${n}`, e, performance.now() - tOpen) + oom(c.stderrTail));
    }
    try {
      const last = await c.settled(uris, QUIET_MS, dl);
      const rss = c.peakRss();
      settled = true;
      coldTimes.push(last - tInit);
      let total = 0;
      let withDiags = 0;
      let conflicts = 0;
      for (const u of uris) {
        const ds = c.files.get(u)?.diagnostics ?? [];
        total += ds.length;
        if (ds.length) withDiags++;
        conflicts += ds.filter((d) => d.code === 'dpor-one-per-subscription').length;
      }
      coldDetail = `${total} diagnostics in ${withDiags} files, ${conflicts} DPOR conflicts; ${c.publishCount} publishes`;
      if (rss !== undefined) {
        put(`server.rss.${n}`, rss);
        row('server', `${label}: peak RSS once indexed`, fmtMB(rss));
      }
    } catch (e) {
      const key = `server.all.${n}`;
      const rss = c.peakRss();
      row('server', `${label}: initialized -> all diagnostics published (cold)`, `${failed(key, e, performance.now() - tInit)}${oom(c.stderrTail)} (${c.published.size}/${uris.length} files had diagnostics; peak RSS ${rss ? fmtMB(rss) : 'n/a'})`);
      why.set(`server.rss.${n}`, why.get(key)!);
      if (rss) atLeast.set(`server.rss.${n}`, rss);
    }
    // ---- cross-file edit: the open file's DPOR dates decide a conflict in a closed file
    if (settled) await crossFileEdits(c, ws, n);
    else {
      why.set(`server.crossEdit.${n}`, 'SKIPPED');
      row('server', `${label}: edit a DPOR's dates -> a closed file's diagnostics`, 'skipped: the cold start did not finish');
    }
  } finally {
    await c.stop();
  }
  // ---- two more cold starts at the smaller size, each with a cache of its own, as the floor there is the median of three
  if (settled && n === N_SMALL) {
    for (let pass = 2; pass <= 3; pass++) {
      const cold = ours(ws.dir, { ASSOC_CACHE_DIR: mkdtempSync(join(TMP, 'cold-cache-')) });
      try {
        const dl = deadline();
        const tInit = await cold.initialize(dl);
        await cold.open(openUri, readFileSync(join(ws.dir, openRel), 'utf8'), LANG.ours, 1);
        coldTimes.push((await cold.settled(uris, QUIET_MS, dl)) - tInit);
      } catch (e) {
        coldDetail += `; pass ${pass} failed: ${(e as Error).message}`;
      } finally {
        await cold.stop();
      }
    }
  }
  if (settled) {
    const med = percentile(coldTimes, 50);
    put(`server.all.${n}`, med);
    const passes = coldTimes.length > 1 ? `p50 ${fmtMs(med)}, p95 ${fmtMs(percentile(coldTimes, 95))} of ${coldTimes.length} passes (first ${fmtMs(coldTimes[0])})` : fmtMs(med);
    row('server', `${label}: initialized -> all diagnostics published (cold)`, `${passes} (${coldDetail})`);
  }
  // ---- warm start: the same workspace, unchanged, a second time
  if (!settled) {
    why.set(`server.warm.${n}`, 'SKIPPED');
    row('server', `${label}: second start on the same workspace (warm)`, 'skipped: the cold start did not finish');
    return;
  }
  c = ours(ws.dir);
  const tWarm = performance.now();
  try {
    const dl = deadline();
    const tInit = await c.initialize(dl);
    const last = await c.settled(uris, QUIET_MS, dl);
    put(`server.warm.${n}`, last - tInit);
    row('server', `${label}: second start on the same workspace (warm)`, fmtMs(last - tInit));
  } catch (e) {
    row('server', `${label}: second start on the same workspace (warm)`, failed(`server.warm.${n}`, e, performance.now() - tWarm) + oom(c.stderrTail));
  } finally {
    await c.stop();
  }
}

async function crossFileEdits(c: BenchClient, ws: WorkspaceInfo, n: number) {
  const key = `server.crossEdit.${n}`;
  const what = `${n} records: edit a DPOR's dates -> a closed file's diagnostics`;
  const a = uriOf(ws, ws.edit.open);
  const b = uriOf(ws, ws.edit.closed);
  const conflictsOf = () => (c.files.get(b)?.diagnostics ?? []).filter((d) => d.code === 'dpor-one-per-subscription').length;
  try {
    const t = performance.now();
    await c.open(a, readFileSync(join(ws.dir, ws.edit.open), 'utf8'), LANG.ours, 1);
    await c.until(() => (c.files.get(a)?.at ?? 0) > t, deadline(), 'the edited file\'s diagnostics');
    const base = conflictsOf();
    const lat: number[] = [];
    for (let k = 0; k < EDIT_SAMPLES; k++) {
      const conflicting = k % 2 === 0;
      const want = conflicting ? base + 1 : base;
      const from = conflicting ? ws.edit.resolved : ws.edit.conflicting;
      const to = conflicting ? ws.edit.conflicting : ws.edit.resolved;
      const t0 = performance.now();
      await c.change(a, k + 2, ws.edit.line, ws.edit.character, ws.edit.character + from.length, to);
      await c.until(() => (c.files.get(b)?.at ?? 0) > t0 && conflictsOf() === want, Math.min(deadline(), performance.now() + 10_000), `edit ${k + 1}: the closed file's conflict to ${conflicting ? 'appear' : 'go'}`);
      lat.push(c.files.get(b)!.at - t0);
    }
    put(key, percentile(lat, 50));
    put(`${key}.p95`, percentile(lat, 95));
    row('server', what, samples(lat));
  } catch (e) {
    row('server', what, failed(key, e));
  }
}

async function serverGroup() {
  console.log('\n== server: our language server over stdio, in a workspace');
  await serverWorkspace(N_SMALL);
  await serverWorkspace(N_LARGE);
}

async function cliGroup() {
  console.log('\n== cli: assoc-lint --format json over a workspace');
  for (const n of [N_SMALL, N_LARGE]) {
    const ws = workspace(n);
    const r = await runNode([CLI, '--format', 'json', '.'], { timeoutMs: TIMEOUT_MS, cwd: ws.dir, keepStdout: 256 * MB });
    const what = `${n} records: wall time, peak RSS`;
    if (r.timedOut || (r.code !== 0 && r.code !== 1)) {
      row('cli', what, `${failed(`cli.time.${n}`, childFail(r), r.wallMs)}${oom(r.stderrTail)}; peak RSS ${rssText(r)}`);
      why.set(`cli.rss.${n}`, why.get(`cli.time.${n}`)!);
      if (r.maxRss !== undefined) atLeast.set(`cli.rss.${n}`, r.maxRss);
      continue;
    }
    put(`cli.time.${n}`, r.wallMs);
    if (r.maxRss !== undefined) put(`cli.rss.${n}`, r.maxRss);
    let count = '';
    try {
      count = `, ${(JSON.parse(r.stdout) as unknown[]).length} diagnostics`;
    } catch {
      count = `, ${fmtBytes(r.stdoutBytes)} of output`;
    }
    row('cli', what, `${fmtMs(r.wallMs)}, ${rssText(r)} (exit ${r.code}${count})`);
  }
}

async function ylsGroup() {
  console.log(`\n== yls: yaml-language-server (schema only) and our server, one record of ${BIG_ASSOCS} associations`);
  const f = bigFile();
  const lines = f.gen.text.split('\n').length;
  row('yls', 'the record', `${BIG_ASSOCS} associations, ${lines} lines, ${fmtBytes(Buffer.byteLength(f.gen.text))}`);
  // The edits: the first solution area of a flow list, misspelt, in 20 associations in the middle of the file.
  const middle = f.gen.flowAreas.filter((a) => a.line > lines * 0.4 && a.line < lines * 0.6);
  const step = Math.max(1, Math.floor(middle.length / YLS_EDITS));
  const edits = Array.from({ length: YLS_EDITS }, (_, k) => middle[(k * step) % middle.length]);
  const types = f.gen.typeValues.filter((t) => t.line > lines * 0.4 && t.line < lines * 0.6);
  const hoverAt = Array.from({ length: HOVERS }, (_, k) => types[(k * Math.max(1, Math.floor(types.length / HOVERS))) % types.length]);
  for (const kind of ['yls', 'ours'] as const) {
    const name = kind === 'yls' ? 'yaml-language-server' : 'our server';
    let c: BenchClient | undefined;
    try {
      c = await readyForOpen(kind);
      const uri = pathToFileURL(join(TMP, 'single', `big-${kind}.assoc.yaml`)).href;
      try {
        const ms = await openToDiagnostics(c, uri, f.gen.text, LANG[kind], deadline());
        put(`yls.open.${kind}`, ms);
        row('yls', `${name}: open -> first diagnostics`, `${fmtMs(ms)} (${c.files.get(uri)!.diagnostics.length} diagnostics)`);
      } catch (e) {
        row('yls', `${name}: open -> first diagnostics`, failed(`yls.open.${kind}`, e));
        continue;
      }
      const lat: number[] = [];
      try {
        const dl = deadline();
        for (let k = 0; k < edits.length; k++) {
          const e = edits[k];
          const t0 = performance.now();
          await c.change(uri, k + 2, e.line, e.character, e.character + e.item.length, `${e.item}x`);
          await c.until(() => (c!.files.get(uri)?.at ?? 0) > t0 && !!c!.files.get(uri)?.diagnostics.some((d) => d.line === e.line), dl, `the diagnostics of edit ${k + 1}`);
          lat.push(c.files.get(uri)!.at - t0);
        }
        put(`yls.edit.${kind}`, percentile(lat, 50));
        row('yls', `${name}: edit in the middle -> that version's diagnostics`, samples(lat));
      } catch (e) {
        row('yls', `${name}: edit in the middle -> that version's diagnostics`, `${failed(`yls.edit.${kind}`, e)} after ${lat.length} edits`);
      }
      const hov: number[] = [];
      let empty = 0;
      try {
        const dl = deadline();
        for (const h of hoverAt) {
          const t0 = performance.now();
          const res = await c.hover(uri, h.line, h.character + 1, dl);
          hov.push(performance.now() - t0);
          if (!res) empty++;
        }
        put(`yls.hover.${kind}`, percentile(hov, 50));
        row('yls', `${name}: hover on an association type`, `${samples(hov)}${empty ? `; ${empty} empty` : ''}`);
      } catch (e) {
        row('yls', `${name}: hover on an association type`, failed(`yls.hover.${kind}`, e));
      }
    } catch (e) {
      row('yls', `${name}: start`, failed(`yls.open.${kind}`, e));
    } finally {
      await c?.stop();
    }
  }
}

async function serverAllDiagnostics(dir: string, files: string[], key: string, what: string): Promise<void> {
  const c = ours(dir);
  const t0 = performance.now();
  try {
    const dl = deadline();
    const tInit = await c.initialize(dl);
    const last = await c.settled(files.map((f) => uriOf({ dir }, f)), QUIET_MS, dl);
    put(key, last - tInit);
    put(`${key}.maxMessage`, c.maxPublishBytes);
    row('dpor', what, `${fmtMs(last - tInit)}; largest publishDiagnostics ${fmtBytes(c.maxPublishBytes)}, ${fmtBytes(c.publishBytes)} in all; peak RSS ${fmtMB(c.peakRss() ?? 0)}`);
  } catch (e) {
    put(`${key}.maxMessage`, c.maxPublishBytes);
    const largest = c.publishCount ? `largest publishDiagnostics so far ${fmtBytes(c.maxPublishBytes)}` : 'no publishDiagnostics';
    row('dpor', what, `${failed(key, e, performance.now() - t0)}${oom(c.stderrTail)} (${c.published.size}/${files.length} files had diagnostics; ${largest}; peak RSS ${fmtMB(c.peakRss() ?? 0)})`);
  } finally {
    await c.stop();
  }
}

async function dporGroup() {
  const total = DPOR_FILES * DPOR_PER_FILE;
  console.log(`\n== dpor: ${total} DPORs in ${DPOR_FILES} files, on one subscription or each on its own`);
  for (const mode of ['distinct', 'one-subscription'] as const) {
    const ws = dporWorkspace(mode);
    const label = mode === 'distinct' ? `${total} DPORs on different subscriptions` : `${total} DPORs on one subscription`;
    const r = await runNode([CLI, '--format', 'json', '.'], { timeoutMs: TIMEOUT_MS, cwd: ws.dir });
    if (r.timedOut || (r.code !== 0 && r.code !== 1)) row('dpor', `${label}: CLI`, `${failed(`dpor.cli.${mode}`, childFail(r), r.wallMs)}${oom(r.stderrTail)}; peak RSS ${rssText(r)}`);
    else {
      put(`dpor.cli.${mode}`, r.wallMs);
      row('dpor', `${label}: CLI`, `${fmtMs(r.wallMs)}, ${rssText(r)}, ${fmtBytes(r.stdoutBytes)} of JSON`);
    }
    await serverAllDiagnostics(ws.dir, ws.files, `dpor.server.${mode}`, `${label}: server, initialized -> all diagnostics`);
  }
}

/**
 * Up to ALIAS_ROUNDS rounds of samples within one timeout: the first round
 * always runs (and may time out); another starts only if it should end in time.
 */
class Rounds {
  private readonly start = performance.now();
  private done = 0;

  another(): boolean {
    if (this.done >= ALIAS_ROUNDS) return false;
    const spent = performance.now() - this.start;
    const perRound = this.done ? spent / this.done : 0;
    if (this.done > 0 && spent + 1.2 * perRound > TIMEOUT_MS) return false;
    this.done++;
    return true;
  }

  left(): number {
    return Math.max(1, TIMEOUT_MS - (performance.now() - this.start));
  }
}

async function aliasGroup() {
  console.log(`\n== alias: ${ALIASES} aliases in one record vs the same record written out`);
  const files = { anchors: aliasFile('anchors'), written: aliasFile('written') };
  const name = { anchors: 'with aliases', written: 'written out' } as const;
  row('alias', 'the records', `${files.anchors.gen.associations} associations; ${files.anchors.gen.aliases} aliases, ${fmtBytes(files.anchors.gen.text.length)}; written out ${fmtBytes(files.written.gen.text.length)}`);
  // Each series has its own timeout, so that one that runs out of time leaves the other's figures.
  for (const mode of ['written', 'anchors'] as const) {
    const key = `alias.cli.${mode}`;
    const times: number[] = [];
    const rounds = new Rounds();
    let r: ChildResult | undefined;
    while (rounds.another()) {
      r = await runNode([CLI, '--format', 'json', files[mode].path], { timeoutMs: rounds.left(), cwd: TMP });
      if (r.timedOut || (r.code !== 0 && r.code !== 1)) break;
      times.push(r.wallMs);
      r = undefined;
    }
    if (r) row('alias', `CLI, ${name[mode]}`, `${failed(key, childFail(r), r.wallMs)}${oom(r.stderrTail)}${times.length ? ` after ${times.length} samples` : ''}`);
    else {
      put(key, percentile(times, 50));
      row('alias', `CLI, ${name[mode]}`, samples(times));
    }
  }
  let c: BenchClient | undefined;
  try {
    for (const mode of ['written', 'anchors'] as const) {
      c ??= await readyForOpen('ours');
      const key = `alias.server.${mode}`;
      const times: number[] = [];
      const rounds = new Rounds();
      let t0 = 0;
      try {
        for (let k = 0; rounds.another(); k++) {
          const uri = pathToFileURL(join(TMP, 'single', `alias-${mode}-${k}.assoc.yaml`)).href;
          t0 = performance.now();
          times.push(await openToDiagnostics(c!, uri, files[mode].gen.text, LANG.ours, deadline(rounds.left())));
          await c!.close(uri);
        }
        put(key, percentile(times, 50));
        row('alias', `server, open -> diagnostics, ${name[mode]}`, samples(times));
      } catch (e) {
        row('alias', `server, open -> diagnostics, ${name[mode]}`, failed(key, e, performance.now() - t0) + oom(c.stderrTail));
        if (!(e instanceof Timeout)) throw e;
        // The server is still busy with the file: the next series needs a fresh one.
        await c.stop();
        c = undefined;
      }
    }
  } catch (e) {
    row('alias', 'server', failed('alias.server.anchors', e));
  } finally {
    await c?.stop();
  }
}

async function sizeGroup() {
  console.log('\n== size: an ordinary 9.5 MB record and an 11 MiB one');
  const ordinary = ordinaryFile();
  const oversize = oversizeFile();
  const planted = ordinary.gen.marks.get('planted')!;
  const refusal = (ds: Array<{ line: number; rule?: string; code?: string }>) => ds.length <= 2 && ds.some((d) => (d.rule ?? d.code) === 'yaml-syntax' && d.line === 0);
  for (const [name, f] of [['9.5 MB', ordinary], ['11 MiB', oversize]] as const) {
    const bytes = Buffer.byteLength(f.gen.text);
    const size = `${(bytes / 1e6).toFixed(2)} MB, ${bytes.toLocaleString('en')} bytes, ${f.gen.associations} associations`;
    const key = name === '9.5 MB' ? 'ordinary' : 'oversize';
    const r = await runNode([CLI, '--format', 'json', f.path], { timeoutMs: TIMEOUT_MS, cwd: TMP, keepStdout: 64 * MB });
    if (r.timedOut || (r.code !== 0 && r.code !== 1)) row('size', `${name} record (${size}): CLI`, failed(`size.cli.${key}`, childFail(r), r.wallMs) + oom(r.stderrTail));
    else {
      const ds = (JSON.parse(r.stdout) as Array<{ line: number; rule: string; message: string }>).map((d) => ({ ...d, line: d.line - 1 }));
      put(`size.cli.${key}`, r.wallMs);
      put(`size.cli.${key}.count`, ds.length);
      if (key === 'ordinary') put('size.cli.ordinary.checked', ds.some((d) => d.rule === 'date-range' && d.line === planted) && !refusal(ds) ? 1 : 0);
      else put('size.cli.oversize.one', ds.length === 1 && ds[0].line === 0 ? 1 : 0);
      row('size', `${name} record (${size}): CLI`, `${fmtMs(r.wallMs)}, ${rssText(r)}; ${ds.length} diagnostics${ds.length ? `, first: ${ds[0].rule} line ${ds[0].line + 1}: ${ds[0].message.slice(0, 100)}` : ''}`);
    }
  }
  let c: BenchClient | undefined;
  try {
    c = await readyForOpen('ours');
    for (const [name, f] of [['9.5 MB', ordinary], ['11 MiB', oversize]] as const) {
      const key = name === '9.5 MB' ? 'ordinary' : 'oversize';
      try {
        const ms = await openToDiagnostics(c, f.uri, f.gen.text, LANG.ours, deadline());
        const ds = c.files.get(f.uri)!.diagnostics;
        put(`size.server.${key}`, ms);
        if (key === 'ordinary') put('size.server.ordinary.checked', ds.some((d) => d.code === 'date-range' && d.line === planted) && !refusal(ds) ? 1 : 0);
        else put('size.server.oversize.one', ds.length === 1 && ds[0].line === 0 ? 1 : 0);
        row('size', `${name} record: server, open -> diagnostics`, `${fmtMs(ms)}; ${ds.length} diagnostics (${[...new Set(ds.map((d) => d.code))].join(', ')})`);
      } catch (e) {
        row('size', `${name} record: server, open -> diagnostics`, failed(`size.server.${key}`, e));
      } finally {
        await c.close(f.uri);
      }
    }
  } catch (e) {
    row('size', 'server start', failed('size.server.ordinary', e));
  } finally {
    await c?.stop();
  }
}

// ------------------------------------------------------------------ targets

interface TargetRow {
  target: string;
  figure: string;
  bound: string;
  status: string;
}

function targets(): TargetRow[] {
  const out: TargetRow[] = [];
  const s = `${N_SMALL.toLocaleString('en')} records`;
  const l = `${N_LARGE.toLocaleString('en')} records`;
  const status = (keys: string[], ok: () => boolean) => {
    for (const k of keys) if (!R.has(k)) return why.get(k) ?? 'NOT RUN';
    return ok() ? 'PASS' : 'FAIL';
  };
  // A figure that ran out of time is known to be at least what it had reached: that can be enough to fail.
  const ratio = (target: string, num: string, den: string, bound: number, fmt = (v: number) => fmtMs(v)) => {
    if (!R.has(num) && atLeast.has(num) && R.has(den)) {
      const r = atLeast.get(num)! / R.get(den)!;
      const reason = why.get(num)!;
      out.push({ target, figure: `> ${r.toFixed(2)}× (> ${fmt(atLeast.get(num)!)} / ${fmt(R.get(den)!)})`, bound: `≤ ${bound}×`, status: r > bound ? `FAIL (${reason})` : reason });
      return;
    }
    const have = R.has(num) && R.has(den);
    const r = have ? R.get(num)! / R.get(den)! : NaN;
    out.push({
      target,
      figure: have ? `${r.toFixed(2)}× (${fmt(R.get(num)!)} / ${fmt(R.get(den)!)})` : '—',
      bound: `≤ ${bound}×`,
      status: status([num, den], () => r <= bound),
    });
  };
  const bound = (target: string, key: string, max: number, fmt: (v: number) => string, boundText: string) => {
    if (!R.has(key) && atLeast.has(key)) {
      const v = atLeast.get(key)!;
      out.push({ target, figure: `> ${fmt(v)}`, bound: boundText, status: v > max ? `FAIL (${why.get(key)})` : why.get(key)! });
      return;
    }
    out.push({ target, figure: R.has(key) ? fmt(R.get(key)!) : '—', bound: boundText, status: status([key], () => R.get(key)! <= max) });
  };
  const flag = (target: string, key: string, figureKey: string, fmt: (v: number) => string, yes: string, no: string, boundText: string) =>
    out.push({ target, figure: R.has(key) ? `${R.get(key) ? yes : no}${R.has(figureKey) ? `, ${fmt(R.get(figureKey)!)}` : ''}` : '—', bound: boundText, status: status([key], () => R.get(key) === 1) });

  ratio(`${s}: server, all diagnostics published / yaml parseDocument floor`, `server.all.${N_SMALL}`, `floor.parse.${N_SMALL}`, 0.5);
  ratio(`${s}: the same, moonshot`, `server.all.${N_SMALL}`, `floor.parse.${N_SMALL}`, 0.2);
  ratio(`${s}: warm start (second start, unchanged) / floor`, `server.warm.${N_SMALL}`, `floor.parse.${N_SMALL}`, 0.1);
  bound(`${s}: server peak RSS once indexed`, `server.rss.${N_SMALL}`, 400 * MB, fmtMB, '≤ 400 MB');
  bound(`${s}: open file's own diagnostics while indexing`, `server.openWhileIndexing.${N_SMALL}`, 300, fmtMs, '≤ 300 ms');
  ratio(`${s}: CLI wall time / floor`, `cli.time.${N_SMALL}`, `floor.parse.${N_SMALL}`, 0.5);
  bound(`${s}: CLI peak RSS`, `cli.rss.${N_SMALL}`, 500 * MB, fmtMB, '≤ 500 MB');
  ratio(`${BIG_ASSOCS.toLocaleString('en')}-association record: edit -> diagnostics p50, ours / yaml-language-server`, 'yls.edit.ours', 'yls.edit.yls', 0.25);
  ratio(`${BIG_ASSOCS.toLocaleString('en')}-association record: open -> diagnostics, ours / yaml-language-server`, 'yls.open.ours', 'yls.open.yls', 0.6);
  bound(`${s}: cross-file edit -> closed file updated, p50`, `server.crossEdit.${N_SMALL}`, 50, fmtMs, '≤ 50 ms');
  bound(`${l}: cross-file edit -> closed file updated, p50`, `server.crossEdit.${N_LARGE}`, 50, fmtMs, '≤ 50 ms');
  ratio(`Growth: server all diagnostics, ${l} / ${s}`, `server.all.${N_LARGE}`, `server.all.${N_SMALL}`, 5.5);
  ratio(`Growth: server peak RSS, ${l} / ${s}`, `server.rss.${N_LARGE}`, `server.rss.${N_SMALL}`, 5.5, fmtMB);
  ratio(`Growth: CLI wall time, ${l} / ${s}`, `cli.time.${N_LARGE}`, `cli.time.${N_SMALL}`, 5.5);
  ratio(`Growth: CLI peak RSS, ${l} / ${s}`, `cli.rss.${N_LARGE}`, `cli.rss.${N_SMALL}`, 5.5, fmtMB);
  const d = (DPOR_FILES * DPOR_PER_FILE).toLocaleString('en');
  ratio(`${d} DPORs on one subscription / on different ones: server, all diagnostics`, 'dpor.server.one-subscription', 'dpor.server.distinct', 2);
  ratio(`${d} DPORs on one subscription / on different ones: CLI`, 'dpor.cli.one-subscription', 'dpor.cli.distinct', 2);
  out.push({
    target: `${d} DPORs on one subscription: largest publishDiagnostics message`,
    figure: !R.get('dpor.server.one-subscription.maxMessage')
      ? R.has('dpor.server.one-subscription.maxMessage') ? 'none published' : '—'
      : `${fmtBytes(R.get('dpor.server.one-subscription.maxMessage')!)}${R.has('dpor.server.one-subscription') ? '' : ' (before it stopped)'}`,
    bound: '≤ 1 MB',
    status: (R.get('dpor.server.one-subscription.maxMessage') ?? 0) > MB ? 'FAIL' : status(['dpor.server.one-subscription'], () => R.get('dpor.server.one-subscription.maxMessage')! <= MB),
  });
  const a = ALIASES.toLocaleString('en');
  ratio(`${a} aliases / written out: CLI`, 'alias.cli.anchors', 'alias.cli.written', 1.5);
  ratio(`${a} aliases / written out: server, open -> diagnostics`, 'alias.server.anchors', 'alias.server.written', 1.5);
  flag('9.5 MB ordinary record: checked in full (CLI)', 'size.cli.ordinary.checked', 'size.cli.ordinary', fmtMs, 'checked', 'refused or incomplete', 'not refused');
  flag('9.5 MB ordinary record: checked in full (server)', 'size.server.ordinary.checked', 'size.server.ordinary', fmtMs, 'checked', 'refused or incomplete', 'not refused');
  const over = (target: string, one: string, time: string) =>
    out.push({
      target,
      figure: R.has(time) ? `${fmtMs(R.get(time)!)}, ${R.get(one) ? 'one diagnostic on line 1' : 'not one diagnostic on line 1'}` : '—',
      bound: 'one diagnostic, ≤ 1 s',
      status: status([time, one], () => R.get(one) === 1 && R.get(time)! <= 1000),
    });
  over('11 MiB record: CLI', 'size.cli.oversize.one', 'size.cli.oversize');
  over('11 MiB record: server, open -> diagnostics', 'size.server.oversize.one', 'size.server.oversize');
  return out;
}

// ------------------------------------------------------------------ report

function machine(): string[] {
  const cpu = cpus();
  const model = cpu[0]?.model?.trim() ?? 'unknown';
  const ver = (p: string) => {
    try {
      return (JSON.parse(readFileSync(join(ROOT, 'node_modules', p, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      return '?';
    }
  };
  let commit = '?';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    if (execFileSync('git', ['status', '--porcelain', '--', 'server', 'client'], { cwd: ROOT, encoding: 'utf8' }).trim()) commit += ' (with uncommitted changes to server/ or client/)';
  } catch {
    // not a git checkout
  }
  return [
    `- Machine: ${model}, ${cpu.length} cores, ${(totalmem() / 1024 ** 3).toFixed(1)} GiB RAM (from /proc/cpuinfo and /proc/meminfo)`,
    `- Node ${process.version}; yaml ${ver('yaml')}, js-yaml ${ver('js-yaml')}, yaml-language-server ${ver('yaml-language-server')}, vscode-languageserver ${ver('vscode-languageserver')}`,
    `- Code: assoc-records ${(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version} at commit ${commit}`,
  ];
}

function command(): string {
  return process.env.npm_lifecycle_event === 'bench' ? `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}` : `node --import tsx ${relative(ROOT, __filename)} ${argv.join(' ')}`.trim();
}

function table(head: string[], body: string[][]): string[] {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...body.map((r) => `| ${r.map(esc).join(' | ')} |`)];
}

async function main() {
  const started = new Date();
  const t0 = performance.now();
  const load0 = loadavg();
  console.log(`assoc bench: scale ${SCALE}, groups ${only.join(', ')}, timeout ${TIMEOUT_MS / 1000} s per measurement, workloads in ${TMP}`);
  const plan: Array<[Group, () => Promise<void>]> = [
    ['floor', floorGroup],
    ['server', serverGroup],
    ['cli', cliGroup],
    ['yls', ylsGroup],
    ['dpor', dporGroup],
    ['alias', aliasGroup],
    ['size', sizeGroup],
  ];
  try {
    for (const [g, fn] of plan) {
      if (!runs(g)) continue;
      try {
        await fn();
      } catch (e) {
        console.log(`  !! group ${g} failed: ${(e as Error).stack ?? e}`);
        extra.push(`- The ${g} group stopped on an unexpected error: ${(e as Error).message}`);
      }
    }
  } finally {
    if (!opt.keep) rmSync(TMP, { recursive: true, force: true });
  }
  const elapsed = performance.now() - t0;
  const load1 = loadavg();
  // For comparison with the growth targets: how the floor itself grows.
  if (R.has(`floor.parse.${N_LARGE}`)) console.log('\n== growth of the floor');
  for (const mode of ['parse', 'js-yaml']) {
    const [a, b] = [R.get(`floor.${mode}.${N_LARGE}`), R.get(`floor.${mode}.${N_SMALL}`)];
    if (a !== undefined && b !== undefined) row('growth', `${mode === 'parse' ? 'yaml parseDocument' : 'js-yaml load'} floor, ${N_LARGE} / ${N_SMALL} records`, `${(a / b).toFixed(2)}× (for comparison)`);
  }

  const T = targets().filter((t) => t.status !== 'NOT RUN');
  console.log('\n== targets');
  for (const t of T) console.log(`  ${t.status.padEnd(14)} ${t.target.padEnd(84)} ${t.figure}  (${t.bound})`);
  const pass = T.filter((t) => t.status === 'PASS').length;
  console.log(`\n${pass} of ${T.length} targets met; ${fmtMs(elapsed)} in all.`);

  const md = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` (test/bench/run.ts); every figure below was measured in the run described here. Figures vary from run to run by some percent, more when other work shares the machine.`,
    '',
    `- Command: \`${command()}\``,
    `- Date: ${started.toISOString()}; the run took ${fmtMs(elapsed)}`,
    ...machine(),
    `- Load average (1 min) at the start ${load0[0].toFixed(2)}, at the end ${load1[0].toFixed(2)}`,
    `- Scale ${SCALE}; seed ${SEED}; timeout ${TIMEOUT_MS / 1000} s per measurement; quiet period ${QUIET_MS} ms; groups: ${only.join(', ')}`,
    '',
    '## Targets',
    '',
    `Each target is a ratio of two figures from this run, or a bound. ${pass} of ${T.length} met.`,
    '',
    ...table(['target', 'measured', 'bound', 'result'], T.map((t) => [t.target, t.figure, t.bound, t.status])),
    '',
    '## Measurements',
    '',
    ...table(['group', 'measurement', 'result'], rows.map((r) => [r.group, r.what, r.value])),
    '',
    ...(extra.length ? ['## Problems', '', ...extra, ''] : []),
    '## How it is measured',
    '',
    '- Workloads come from `test/bench/workload.ts`, a seeded generator: realistic records of about 50 associations (all five types, comments, flow and block lists, quoted strings, dates; 11-13 KB), subscriptions shared by pairs of records and by groups of 14, some of whose DPORs overlap.',
    '- Times are wall-clock in the benchmark process. For a server, from sending the request or notification to the arrival of the matching message; "all diagnostics published" is the arrival of the last publishDiagnostics once every record file has had one and none has come for the quiet period, which is not counted.',
    '- The floor: `yaml` parseDocument of every file of the workspace, read and parsed one after another in a fresh child process (the median of three passes at 2,000 records, one pass at 10,000; js-yaml three passes; parseDocument + toJS one pass, at 2,000 only). Our server\'s cold start is measured the same way: the median of three at 2,000 records (each start with an empty cache of its own; the first also measures the file opened while indexing, memory and edits), one at 10,000.',
    '- Peak RSS: for a server, VmHWM from `/proc/<pid>/status` once the workspace has settled; for the CLI and the floor, the child\'s own getrusage maxRSS at exit (`test/bench/rss-preload.cjs`), the same kernel high-water mark.',
    '- The open-while-indexing file is opened right after `initialized`; the cross-file edits change the `until:` of a DPOR in an open file so that a conflict in a closed file appears and goes, 30 times in a row. The warm start is a second server start on the unchanged workspace right after the first; it is faster only if the server keeps something between sessions.',
    '- yaml-language-server gets `schemas/assoc.schema.json` for `*.assoc.yaml` through `yaml.schemas` (settings pushed with didChangeConfiguration and answered to workspace/configuration). Both servers are warmed up with a small record first. Each edit misspells a solution area in the middle of the file; its latency runs to the first publish with a diagnostic on that line. yaml-language-server waits 200 ms (its built-in validation delay) before validating; that is included, as a user sees it.',
    '- A measurement that ran past its timeout is TIMEOUT, one whose process died is CRASH; the run carries on. A figure that timed out is at least the time it had run: when that alone breaks a target, the result is FAIL (TIMEOUT).',
    '',
  ].join('\n');
  mkdirSync(join(OUT, '..'), { recursive: true });
  writeFileSync(OUT, md);
  mkdirSync(join(ROOT, 'test-output', 'bench'), { recursive: true });
  writeFileSync(join(ROOT, 'test-output', 'bench', 'results.json'), JSON.stringify({ date: started.toISOString(), scale: SCALE, results: Object.fromEntries(R), failures: Object.fromEntries(why), rows }, null, 2));
  console.log(`\nwrote ${relative(process.cwd(), OUT) || OUT}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
