// What a closed record leaves in memory: its analysis, never its text. A
// string sliced from the text (13 characters or more) or joined from such a
// slice with `+` keeps the whole text alive, and a workspace of thousands of
// records would hold all of them. The heap is searched for a line that is only
// in the text; a control holds the text on purpose, to show the search finds it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { setFlagsFromString, writeHeapSnapshot } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createAssocService } from '../server/src/service/service';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const EXAMPLES = join(__dirname, '..', 'examples', 'customers', 'enterprise');

/** Whether the heap, after a full collection, holds a string with `a` and `b` together (neither alone is searched for). */
function heapHolds(a: string, b: string): boolean {
  // The last regular expression match keeps its subject alive: let it be something else.
  /x/.exec('x');
  gc();
  const dir = mkdtempSync(join(tmpdir(), 'assoc-heap-'));
  try {
    const file = writeHeapSnapshot(join(dir, 'h.heapsnapshot'));
    return readFileSync(file, 'utf8').includes(a + b);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every example record, each under a first line of its own that names nothing else. */
function records(): Array<{ uri: string; text: string; marks: [string, string] }> {
  return readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.assoc.yaml'))
    .map((f) => {
      const marks: [string, string] = [`m${randomBytes(8).toString('hex')}`, randomBytes(8).toString('hex')];
      // The customer's name becomes a claim's note: long enough to be sliced from the text.
      const text = `# ${marks[0]}${marks[1]}\n${readFileSync(join(EXAMPLES, f), 'utf8')}`.replace(/^( {2}name: )(.*)$/m, '$1$2 Holdings International');
      return { uri: `file:///ws/${f}`, text, marks };
    });
}

/** Loads every example record as a closed file; returns the marks of their texts (and lets go of the texts). */
function loadAll(service: ReturnType<typeof createAssocService>): Array<[string, string]> {
  const loaded = records();
  for (const r of loaded) service.load(r.uri, r.text, { track: false });
  const claims = loaded.reduce((n, r) => n + (service.analysis(r.uri)?.claims.length ?? 0), 0);
  assert.ok(claims > 20, `the examples make claims (${claims})`);
  assert.ok(loaded.some((r) => service.analysis(r.uri)?.claims.some((c) => (c.note?.length ?? 0) >= 13)), 'some claim keeps a long note');
  return loaded.map((r) => r.marks);
}

test('a closed record keeps no part of its text alive; the search finds a text that is kept', { timeout: 120_000 }, () => {
  const service = createAssocService({});
  // Loaded in a function of its own: a text last handled here could still be in this frame.
  const marks = loadAll(service);
  // The control: a text of the same kind, held here.
  const [control] = records();
  assert.equal(heapHolds(...control.marks), true, 'the control: a text held is found');
  for (const [i, [a, b]] of marks.entries()) assert.equal(heapHolds(a, b), false, `text ${i} of ${marks.length} is still in memory`);
  // The analyses are all still there.
  assert.equal(service.uris().length, marks.length);
});
