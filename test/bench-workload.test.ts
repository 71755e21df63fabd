// The benchmark's workload generator (test/bench/workload.ts): the same seed
// gives the same bytes, the records look like real ones (and are valid apart
// from the conflicts meant to be there), and what the benchmark relies on holds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { aliasRecord, bigRecord, HUB, sizedRecord, workspaceRecordText, writeDporWorkspace, writeWorkspace } from './bench/workload';

const CLI = join(__dirname, '..', 'dist', 'assoc-lint.js');

function lint(paths: string[], cwd: string): Array<{ file: string; line: number; rule: string }> {
  try {
    return JSON.parse(execFileSync(process.execPath, [CLI, '--format', 'json', ...paths], { cwd, encoding: 'utf8' }));
  } catch (e) {
    const err = e as { status?: number; stdout?: string };
    if (err.status === 1 && err.stdout) return JSON.parse(err.stdout);
    throw e;
  }
}

function tmp(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'assoc-workload-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('the same seed writes the same workspace; another seed another', (t) => {
  const a = writeWorkspace(tmp(t), 30, 7);
  const b = writeWorkspace(tmp(t), 30, 7);
  const c = writeWorkspace(tmp(t), 30, 8);
  for (const f of a.files) assert.equal(readFileSync(join(a.dir, f), 'utf8'), readFileSync(join(b.dir, f), 'utf8'));
  assert.notEqual(readFileSync(join(a.dir, a.files[3]), 'utf8'), readFileSync(join(c.dir, c.files[3]), 'utf8'));
  assert.equal(workspaceRecordText(30, 3, 7), readFileSync(join(a.dir, a.files[3]), 'utf8'));
});

test('realistic records: ~50 associations of all five types, 11-13 KB, 10-12 subscriptions, distinct tenants, shared subscriptions', (t) => {
  const ws = writeWorkspace(tmp(t), 2 * HUB);
  const tenants = new Set<string>();
  const subscriptionFiles = new Map<string, number>();
  for (const f of ws.files) {
    const text = readFileSync(join(ws.dir, f), 'utf8');
    const bytes = Buffer.byteLength(text);
    assert.ok(bytes >= 10_500 && bytes <= 13_500, `${f}: ${bytes} bytes`);
    const doc = parseDocument(text);
    assert.deepEqual(doc.errors, [], f);
    const js = doc.toJS() as { customer: { tenantId: string }; subscriptions: Array<{ id: string }>; associations: Array<{ type: string }> };
    assert.equal(js.associations.length, 50, f);
    assert.ok(js.subscriptions.length >= 10 && js.subscriptions.length <= 12, `${f}: ${js.subscriptions.length} subscriptions`);
    tenants.add(js.customer.tenantId);
    for (const s of js.subscriptions) subscriptionFiles.set(s.id, (subscriptionFiles.get(s.id) ?? 0) + 1);
    assert.match(text, /^\s*#/m);
    assert.match(text, /solutionAreas: \[/);
  }
  assert.equal(tenants.size, ws.files.length);
  const shared = [...subscriptionFiles.values()];
  assert.ok(shared.includes(2) && shared.includes(HUB), 'subscriptions shared by pairs and by hubs');
  const all = ws.files.map((f) => readFileSync(join(ws.dir, f), 'utf8')).join('\n');
  for (const type of ['CPOR', 'DPOR', 'PAL', 'CSP', 'TPOR']) assert.match(all, new RegExp(`type: ${type}\\b`));
  assert.match(all, /"[^"\n]+"/, 'some quoted strings');
  assert.match(all, /^ {4}solutionAreas:\n {6}- /m, 'some block lists');
});

test('the workspace is clean but for its cross-file conflicts and edition warnings', (t) => {
  const ws = writeWorkspace(tmp(t), 2 * HUB);
  const rules = new Set(lint(['.'], ws.dir).map((d) => d.rule));
  assert.ok(rules.has('dpor-one-per-subscription'));
  for (const rule of rules) assert.ok(['dpor-one-per-subscription', 'dpor-enterprise-agreement', 'segment-track', 'tpor-no-credit'].includes(rule), rule);
});

test('the edit target: its until decides a conflict in the closed file', (t) => {
  const ws = writeWorkspace(tmp(t), 2 * HUB);
  const lines = readFileSync(join(ws.dir, ws.edit.open), 'utf8').split('\n');
  const line = lines[ws.edit.line];
  assert.equal(line.slice(ws.edit.character, ws.edit.character + ws.edit.resolved.length), ws.edit.resolved);
  const closedConflicts = () => lint([ws.edit.open, ws.edit.closed], ws.dir).filter((d) => d.rule === 'dpor-one-per-subscription' && d.file === ws.edit.closed).length;
  const base = closedConflicts();
  lines[ws.edit.line] = line.slice(0, ws.edit.character) + ws.edit.conflicting + line.slice(ws.edit.character + ws.edit.resolved.length);
  writeFileSync(join(ws.dir, ws.edit.open), lines.join('\n'));
  assert.equal(closedConflicts(), base + 1);
});

test('a big record: 5,000 associations in about 42,000 lines', () => {
  const g = bigRecord(5000);
  const lines = g.text.split('\n').length;
  assert.equal(g.associations, 5000);
  assert.ok(lines > 40_000 && lines < 44_000, `${lines} lines`);
  assert.ok(g.flowAreas.length > 4000 && g.typeValues.length === 5000);
});

test('aliases: 4,000 of them, and written out the same record', () => {
  const a = aliasRecord(4000, 'anchors');
  const w = aliasRecord(4000, 'written');
  assert.equal((a.text.match(/\*areas\d+/g) ?? []).length, 4000);
  assert.doesNotMatch(w.text, /[&*]areas/);
  assert.equal(a.associations, w.associations);
  assert.deepEqual(parseDocument(a.text).toJS({ maxAliasCount: -1 }), parseDocument(w.text).toJS());
});

test('a record of a given size, with a planted date-range error at its end', () => {
  const g = sizedRecord(1_000_000, true);
  const bytes = Buffer.byteLength(g.text);
  assert.ok(Math.abs(bytes - 1_000_000) < 1000, `${bytes} bytes`);
  assert.match(g.text.split('\n')[g.marks.get('planted')!], /until: 2024-01-01/);
  assert.deepEqual(parseDocument(g.text).errors, []);
});

test('DPOR workloads: one subscription for all, or one each', (t) => {
  const one = writeDporWorkspace(tmp(t), 5, 10, 'one-subscription');
  const each = writeDporWorkspace(tmp(t), 5, 10, 'distinct');
  const ids = (ws: typeof one) =>
    ws.files.flatMap((f) => (parseDocument(readFileSync(join(ws.dir, f), 'utf8')).toJS() as { subscriptions: Array<{ id: string }> }).subscriptions.map((s) => s.id));
  assert.equal(new Set(ids(one)).size, 1);
  assert.equal(new Set(ids(each)).size, 50);
  assert.equal(one.dpors, 50);
});
