// The server's disk mirror: late reads never undo later events, and only a
// file that is gone is dropped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiskMirror } from '../server/src/disk';

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
      return d.promise;
    },
    isOpen: (u) => open.has(u),
    set: (u, t) => state.set(u, t),
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

test('loading many files keeps at most N reads in flight', async () => {
  const h = harness();
  const uris = Array.from({ length: 50 }, (_, i) => `f${i}`);
  const all = h.mirror.loadAll(uris, 4);
  let maxInFlight = 0;
  for (let done = 0; done < 50; done++) {
    await new Promise((r) => setImmediate(r));
    maxInFlight = Math.max(maxInFlight, h.reads.length - done);
    h.reads[done].resolve(`text ${done}`);
  }
  await all;
  assert.equal(h.state.size, 50);
  assert.ok(maxInFlight <= 4, `in flight: ${maxInFlight}`);
});
