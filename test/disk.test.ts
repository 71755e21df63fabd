// The server's disk mirror: late reads never undo later events, and only a
// file that is gone is dropped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiskMirror } from '../server/src/disk';
import type { ReadResult } from '../server/src/host/files';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

function harness() {
  const reads: Array<ReturnType<typeof deferred<string>>> = [];
  const state = new Map<string, string>();
  const log: string[] = [];
  const open = new Set<string>();
  const mirror = new DiskMirror({
    read: () => {
      const d = deferred<string>();
      reads.push(d);
      return d.promise.then(
        (text): ReadResult => ({ kind: 'text', text }),
        (e: NodeJS.ErrnoException): ReadResult => (e.code === 'ENOENT' ? { kind: 'missing' } : { kind: 'error', message: e.message }),
      );
    },
    isOpen: (u) => open.has(u),
    set: (u, r) => state.set(u, r.kind === 'text' ? r.text : `oversized ${r.bytes}`),
    remove: (u) => state.delete(u),
    log: (m) => log.push(m),
  });
  return { mirror, reads, state, log, open };
}

const enoent = () => Object.assign(new Error('gone'), { code: 'ENOENT' });

test('a read that finishes after a delete does not bring the file back', async () => {
  const h = harness();
  const loading = h.mirror.load('a');
  h.mirror.remove('a');
  h.reads[0].resolve('old text');
  await loading;
  assert.equal(h.state.has('a'), false);
});

test('of two reads, the later event wins even when its read finishes first', async () => {
  const h = harness();
  const first = h.mirror.load('a');
  const second = h.mirror.load('a');
  h.reads[1].resolve('new');
  h.reads[0].resolve('old');
  await Promise.all([first, second]);
  assert.equal(h.state.get('a'), 'new');
});

test('only a missing file is dropped; other read errors keep what was there', async () => {
  const h = harness();
  h.state.set('a', 'kept');
  const busy = h.mirror.load('a');
  h.reads[0].reject(Object.assign(new Error('too many open files'), { code: 'EMFILE' }));
  await busy;
  assert.equal(h.state.get('a'), 'kept');
  assert.match(h.log[0], /too many open files/);
  const gone = h.mirror.load('a');
  h.reads[1].reject(enoent());
  await gone;
  assert.equal(h.state.has('a'), false);
});

test('an open file is never overwritten from disk', async () => {
  const h = harness();
  h.open.add('a');
  await h.mirror.load('a');
  assert.equal(h.reads.length, 0);
});

test('a bulk read (the workspace index) never overwrites a later event about the same file', () => {
  const h = harness();
  const bulk = h.mirror.begin('a');
  h.mirror.remove('a');
  h.mirror.apply('a', bulk, { kind: 'text', text: 'from the index' });
  assert.equal(h.state.has('a'), false);
  const again = h.mirror.begin('b');
  h.mirror.apply('b', again, { kind: 'text', text: 'b' });
  assert.equal(h.state.get('b'), 'b');
});

test('a file that is not a regular file is dropped with a note', () => {
  const h = harness();
  h.state.set('f', 'was here');
  h.mirror.apply('f', h.mirror.begin('f'), { kind: 'skipped', reason: 'a FIFO, not a regular file' });
  assert.equal(h.state.has('f'), false);
  assert.match(h.log[0], /FIFO/);
});
