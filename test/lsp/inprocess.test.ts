// The server run in this process over a pair of streams (startServer with no
// module-level state): the same answers as over stdio, and several servers
// side by side in one process do not share anything.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HoverRequest, CodeActionRequest, type CodeAction, type Hover, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { LspClient, makeWorkspace, uriOf, codes } from './client';
import { VALID } from '../helpers';

const OTHER = VALID.replace('Fabrikam, Inc.', 'Fabrikam Europe')
  .replace('6b1e0d0e-2d3f-4a9c-9c1e-0f5c2a7b8e11', '7c2f1e1f-3e4a-4b8d-8d2f-1a6d3b8c9f22')
  .replace('partnerId: 1234567', 'partnerId: 7654321')
  .replace('since: 2024-03-01', 'since: 2024-09-01');

test('two servers in one process: cross-file diagnostics, hover and a fix in each, nothing shared', async () => {
  const conflict = makeWorkspace({ 'a.assoc.yaml': VALID, 'b.assoc.yaml': OTHER });
  const clean = makeWorkspace({ 'a.assoc.yaml': VALID });
  const one = new LspClient(conflict, { inProcess: true });
  const two = new LspClient(clean, { inProcess: true });
  try {
    await Promise.all([one.start(), two.start()]);
    const a = await one.waitFor(uriOf(conflict, 'a.assoc.yaml'), (ds) => ds.length > 0);
    assert.deepEqual(codes(a), ['dpor-one-per-subscription']);
    assert.deepEqual(await two.waitFor(uriOf(clean, 'a.assoc.yaml'), () => true), []);
    await one.open(uriOf(conflict, 'a.assoc.yaml'), VALID);
    const line = VALID.split('\n').findIndex((l) => l.includes('type: DPOR'));
    const h = (await one.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uriOf(conflict, 'a.assoc.yaml') }, position: { line, character: 11 } })) as Hover;
    assert.match((h.contents as MarkupContent).value, /Digital Partner of Record/);
    const actions = (await one.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: uriOf(conflict, 'a.assoc.yaml') }, range: a[0].range, context: { diagnostics: a } })) as CodeAction[];
    assert.ok(actions.some((x) => x.title.startsWith('End this association on 2024-08-31')), actions.map((x) => x.title).join(', '));
  } finally {
    await Promise.all([one.stop(), two.stop()]);
  }
});

test('every version of an open document is answered with its diagnostics, even when they did not change', async () => {
  const dir = makeWorkspace({ 'a.assoc.yaml': VALID, 'b.assoc.yaml': OTHER });
  const client = new LspClient(dir, { inProcess: true });
  try {
    await client.start();
    const a = uriOf(dir, 'a.assoc.yaml');
    await client.waitFor(a, (ds) => ds.length > 0);
    await client.open(a, VALID, 7);
    await client.waitFor(a, () => client.diagnostics.get(a)?.version === 7);
    await client.change(a, 8, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# a comment\n' }]);
    await client.waitFor(a, () => client.diagnostics.get(a)?.version === 8);
    assert.deepEqual(codes(client.diagnostics.get(a)!.diagnostics), ['dpor-one-per-subscription']);
  } finally {
    await client.stop();
  }
});
