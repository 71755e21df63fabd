// The server honours .assocignore as the CLI does: a record it leaves out is
// not indexed, so it conflicts with nothing, neither when the workspace is
// read nor when it changes on disk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LspClient, makeWorkspace, uriOf, codes } from './client';
import { VALID } from '../helpers';

// Claims a DPOR on the subscription VALID claims, overlapping it.
const RIVAL = VALID.replace('Fabrikam, Inc.', 'Fabrikam Europe')
  .replace('6b1e0d0e-2d3f-4a9c-9c1e-0f5c2a7b8e11', '7c2f1e1f-3e4a-4b8d-8d2f-1a6d3b8c9f22')
  .replace('partnerId: 1234567', 'partnerId: 7654321')
  .replace('since: 2024-03-01', 'since: 2024-09-01');
// A record with a mistake of its own and no claim in common with the others: when its diagnostic arrives, the server has caught up.
const MARKER = VALID.replace('6b1e0d0e-2d3f-4a9c-9c1e-0f5c2a7b8e11', '8d3a2f2a-4f5b-4c9e-9e3a-2b7e4c9d0a33')
  .replace('0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b', '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d')
  .replace('licensing: EA', 'licensing: EAX');

test('records that .assocignore leaves out are not indexed, on start or when they change on disk', async () => {
  const dir = makeWorkspace({
    '.assocignore': '# not submitted yet\ndrafts/\n',
    'a.assoc.yaml': VALID,
    'drafts/rival.assoc.yaml': RIVAL,
    'marker.assoc.yaml': MARKER,
  });
  const client = new LspClient(dir);
  try {
    await client.start();
    assert.deepEqual(codes(await client.waitFor(uriOf(dir, 'marker.assoc.yaml'), (ds) => ds.length > 0)), ['schema']);
    assert.deepEqual(client.diagnostics.get(uriOf(dir, 'a.assoc.yaml'))?.diagnostics ?? [], [], 'no conflict with the draft');
    assert.ok(!client.diagnostics.has(uriOf(dir, 'drafts/rival.assoc.yaml')), 'the draft is not checked');

    // A new draft appears on disk: still left out. The marker's change tells when the server has seen both.
    writeFileSync(join(dir, 'drafts', 'second.assoc.yaml'), RIVAL.replace('7654321', '7654322'));
    await client.fileChanged(uriOf(dir, 'drafts/second.assoc.yaml'), 1);
    writeFileSync(join(dir, 'marker.assoc.yaml'), MARKER.replace('licensing: EAX', 'licensing: EAY'));
    await client.fileChanged(uriOf(dir, 'marker.assoc.yaml'), 2);
    await client.waitFor(uriOf(dir, 'marker.assoc.yaml'), (ds) => ds.some((d) => String(d.message).includes('EAY')));
    assert.deepEqual(client.diagnostics.get(uriOf(dir, 'a.assoc.yaml'))?.diagnostics ?? [], []);
    assert.deepEqual(client.diagnostics.get(uriOf(dir, 'drafts/second.assoc.yaml'))?.diagnostics ?? [], []);
    assert.ok(client.logs.some((l) => l.includes('second.assoc.yaml') && l.includes(`left out by ${join(dir, '.assocignore')}`)), client.logs.join('\n'));

    // The same conflict outside drafts/ is found: the walk would have found the draft but for .assocignore.
    writeFileSync(join(dir, 'rival.assoc.yaml'), RIVAL);
    await client.fileChanged(uriOf(dir, 'rival.assoc.yaml'), 1);
    assert.deepEqual(codes(await client.waitFor(uriOf(dir, 'a.assoc.yaml'), (ds) => ds.length > 0)), ['dpor-one-per-subscription']);
  } finally {
    await client.stop();
  }
});

test('an edited .assocignore takes effect at once: what it now lets in is read, what it leaves out leaves the index', async () => {
  const dir = makeWorkspace({ '.assocignore': 'drafts/\n', 'a.assoc.yaml': VALID, 'drafts/rival.assoc.yaml': RIVAL });
  const client = new LspClient(dir);
  try {
    await client.start();
    await client.waitFor(uriOf(dir, 'a.assoc.yaml'), () => true);
    assert.deepEqual(client.diagnostics.get(uriOf(dir, 'a.assoc.yaml'))?.diagnostics ?? [], []);
    writeFileSync(join(dir, '.assocignore'), '# nothing left out\n');
    await client.fileChanged(uriOf(dir, '.assocignore'), 2);
    assert.deepEqual(codes(await client.waitFor(uriOf(dir, 'a.assoc.yaml'), (ds) => ds.length > 0)), ['dpor-one-per-subscription']);
    writeFileSync(join(dir, '.assocignore'), 'drafts/\n');
    await client.fileChanged(uriOf(dir, '.assocignore'), 2);
    await client.waitFor(uriOf(dir, 'a.assoc.yaml'), (ds) => ds.length === 0);
  } finally {
    await client.stop();
  }
});

test('an .assocignore that cannot be read is said in the log, and the records below it are checked', async () => {
  const dir = makeWorkspace({ 'sub/.assocignore/readme.txt': 'a folder where the file should be\n', 'sub/marker.assoc.yaml': MARKER });
  const client = new LspClient(dir);
  try {
    await client.start();
    assert.deepEqual(codes(await client.waitFor(uriOf(dir, 'sub/marker.assoc.yaml'), (ds) => ds.length > 0)), ['schema']);
    assert.ok(client.logs.some((l) => l.includes(`cannot read ${join(dir, 'sub', '.assocignore')}: a folder, not a regular file`)), client.logs.join('\n'));
  } finally {
    await client.stop();
  }
});
