// The server under faults, over real stdio: hostile URIs and roots, a rule
// that throws, files that are not files, requests out of order, broken
// framing. After each, the server still answers a hover correctly, or has
// exited cleanly saying why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CodeActionRequest,
  DidChangeTextDocumentNotification,
  DidChangeWorkspaceFoldersNotification,
  HoverRequest,
  type CodeAction,
  type Hover,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { LspClient, SERVER, makeWorkspace, uriOf, codes } from './client';
import { VALID } from '../helpers';

const OTHER = VALID.replace('Fabrikam, Inc.', 'Fabrikam Europe')
  .replace('6b1e0d0e-2d3f-4a9c-9c1e-0f5c2a7b8e11', '7c2f1e1f-3e4a-4b8d-8d2f-1a6d3b8c9f22')
  .replace('partnerId: 1234567', 'partnerId: 7654321')
  .replace('since: 2024-03-01', 'since: 2024-09-01');

const DPOR_LINE = VALID.split('\n').findIndex((l) => l.includes('type: DPOR'));

/** Runs a test's steps against a server that is stopped however they end. */
async function using(client: LspClient, steps: () => Promise<void>): Promise<void> {
  try {
    await steps();
  } finally {
    await client.stop();
  }
}

/** The server answers a hover on DPOR with its documentation. */
async function hoversFine(client: LspClient, uri: string): Promise<void> {
  const h = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: DPOR_LINE, character: 11 } })) as Hover | null;
  assert.ok(h, 'no hover');
  assert.match((h.contents as MarkupContent).value, /Digital Partner of Record/);
}

test('URIs Node cannot take for a path (Latin-1 escapes, %2F, a host) neither in didOpen nor in workspace folders bring the server down', async () => {
  const dir = makeWorkspace({ 'a.assoc.yaml': VALID });
  const client = new LspClient(dir);
  await using(client, async () => {
    await client.start();
    const hostile = ['file:///ws/caf%E9.assoc.yaml', 'file:///ws/a%2Fb.assoc.yaml', 'file://host/share/c.assoc.yaml', 'untitled:Untitled-1'];
    for (const uri of hostile) await client.open(uri, VALID.replace('licensing: EA', 'licensing: EAX'));
    await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
      event: { added: hostile.map((uri) => ({ uri, name: 'x' })), removed: [{ uri: 'file://other/host', name: 'y' }] },
    });
    // Each is still checked as a document on its own.
    for (const uri of hostile) assert.ok(codes(await client.waitFor(uri, (ds) => ds.length > 0)).includes('schema'), uri);
    await client.open(uriOf(dir, 'a.assoc.yaml'), VALID);
    await hoversFine(client, uriOf(dir, 'a.assoc.yaml'));
    await hoversFine(client, hostile[0]);
  });
});

// file://. is what Neovim sends when started as `nvim file`; file:. and file:.. are read alike, never as the
// root of the file system, which is what a URL parser makes of them.
for (const [root, under] of [
  ['file://.', ''],
  ['file:.', ''],
  ['file:..', 'sub'],
]) {
  test(`a relative root (${root}) is taken from the working folder`, async () => {
    const dir = makeWorkspace({ 'a.assoc.yaml': VALID, 'sub/b.assoc.yaml': OTHER });
    const client = new LspClient(dir, { cwd: join(dir, under) });
    await using(client, async () => {
      await client.start({ rootUri: root, rootPath: '.', workspaceFolders: [{ uri: root, name: '.' }] });
      const b = await client.waitFor(uriOf(dir, 'sub/b.assoc.yaml'), (ds) => ds.length > 0);
      assert.deepEqual(codes(b), ['dpor-one-per-subscription']);
      await client.open(uriOf(dir, 'a.assoc.yaml'), VALID);
      await hoversFine(client, uriOf(dir, 'a.assoc.yaml'));
    });
  });
}

for (const rule of ['date-range', 'dpor-one-per-subscription']) {
  test(`a rule that throws (${rule}) gives one diagnostic naming it, and every other rule and file is still checked`, async () => {
    const dir = makeWorkspace({ 'a.assoc.yaml': VALID, 'b.assoc.yaml': OTHER.replace('licensing: EA', 'licensing: EAX') });
    const client = new LspClient(dir, { env: { ...process.env, ASSOC_TEST_FAIL_RULE: rule } });
  await using(client, async () => {
      await client.start();
      const b = await client.waitFor(uriOf(dir, 'b.assoc.yaml'), (ds) => ds.length > 0);
      assert.ok(b.some((d) => d.code === rule && /The check .* failed on this file/.test(String(d.message))), JSON.stringify(b));
      assert.ok(b.some((d) => d.code === 'schema'), 'the other checks ran');
      await client.open(uriOf(dir, 'a.assoc.yaml'), VALID);
      const a = await client.waitFor(uriOf(dir, 'a.assoc.yaml'), (ds) => ds.some((d) => d.code === rule));
      assert.equal(a.filter((d) => d.code === rule).length, 1);
      await client.change(uriOf(dir, 'a.assoc.yaml'), 2, [{ text: VALID.replace('since: 2024-03-01', 'since: 2024-03-02') }]);
      await hoversFine(client, uriOf(dir, 'a.assoc.yaml'));
  });
  });
}

test('requests out of order: a change to a document never opened, a stale version, positions past the end, cancellation, an unknown method', async () => {
  const dir = makeWorkspace({ 'a.assoc.yaml': VALID });
  const client = new LspClient(dir);
  await using(client, async () => {
    await client.start();
    const uri = uriOf(dir, 'a.assoc.yaml');
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: uriOf(dir, 'never-opened.assoc.yaml'), version: 3 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }],
    });
    await client.open(uri, VALID, 5);
    await client.change(uri, 4, [{ range: { start: { line: 999, character: 0 }, end: { line: 1000, character: 5 } }, text: '# appended\n' }]);
    for (const position of [{ line: 10_000, character: 0 }, { line: 0, character: 10_000 }, { line: -1, character: -5 }]) {
      await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
    }
    await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: { line: 500, character: 0 }, end: { line: 900, character: 0 } },
      context: { diagnostics: [{ range: { start: { line: 700, character: 0 }, end: { line: 700, character: 3 } }, message: 'stale', code: 'schema', source: 'assoc', data: { kind: 'remove-field' } }] },
    });
    const cancelled = client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 1 } });
    await client.connection.sendNotification('$/cancelRequest', { id: 999 });
    await cancelled;
    await assert.rejects(client.connection.sendRequest('assoc/noSuchMethod', {}), /Unhandled method|not found/i);
    await hoversFine(client, uri);
  });
});

test('FIFOs, devices, sockets and symlinks out of the workspace are passed over; indexing finishes and nothing outside is read', async () => {
  const outside = mkdtempSync(join(tmpdir(), 'assoc-secret-'));
  writeFileSync(join(outside, 'secret.assoc.yaml'), 'version: TOP-SECRET-VALUE\n');
  const dir = makeWorkspace({ 'a.assoc.yaml': VALID, 'b.assoc.yaml': OTHER });
  spawnSync('mkfifo', [join(dir, 'pipe.assoc.yaml')]);
  symlinkSync('/dev/zero', join(dir, 'zero.assoc.yaml'));
  symlinkSync(join(outside, 'secret.assoc.yaml'), join(dir, 'leak.assoc.yaml'));
  mkdirSync(join(dir, 'linked'));
  symlinkSync(outside, join(dir, 'linked', 'out'));
  const client = new LspClient(dir);
  await using(client, async () => {
    await client.start();
    assert.deepEqual(codes(await client.waitFor(uriOf(dir, 'b.assoc.yaml'), (ds) => ds.length > 0)), ['dpor-one-per-subscription']);
    for (const p of client.diagnostics.values()) for (const d of p.diagnostics) assert.doesNotMatch(String(d.message), /TOP-SECRET/);
    assert.ok(!client.diagnostics.has(uriOf(dir, 'leak.assoc.yaml')));
    await client.open(uriOf(dir, 'a.assoc.yaml'), VALID);
    await hoversFine(client, uriOf(dir, 'a.assoc.yaml'));
  });
});

test('mistakes in .assocrc.yaml are diagnostics in that file, with a close match to change to', async () => {
  const config = 'program: 2026-5\nrules:\n  partner-id-fromat: error\n  schema: eror\nrule: {}\n';
  const dir = makeWorkspace({ 'a.assoc.yaml': VALID, '.assocrc.yaml': config });
  const client = new LspClient(dir);
  await using(client, async () => {
    await client.start();
    const rc = uriOf(dir, '.assocrc.yaml');
    const ds = await client.waitFor(rc, (x) => x.length >= 4);
    assert.deepEqual(ds.map((d) => [d.code, d.range.start.line]), [['config', 0], ['config', 2], ['config', 3], ['config', 4]]);
    await client.open(rc, config);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: rc }, range: ds[1].range, context: { diagnostics: ds } })) as CodeAction[];
    const titles = actions.map((a) => a.title);
    for (const t of ["Change to '2026-05'", "Change to 'partner-id-format'", "Change to 'error'"]) assert.ok(titles.includes(t), `${t} in ${titles.join(', ')}`);
    // `rule` is close to `rules`, but the file has `rules` already: that fix would write a duplicate key, so it is not offered.
    assert.ok(!titles.includes("Change to 'rules'"), titles.join(', '));
    await client.open(uriOf(dir, 'a.assoc.yaml'), VALID);
    await hoversFine(client, uriOf(dir, 'a.assoc.yaml'));
  });
});

/** Runs the server on raw bytes; resolves with its exit code and stderr (or null if it is still running after the wait). */
function raw(bytes: string, waitMs = 4000): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      proc.kill();
      resolve({ code: null, stderr });
    }, waitMs);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
    proc.stdin.write(bytes);
  });
}

for (const [what, bytes] of [
  ['a Content-Length that is not a number', 'Content-Length: abc\r\n\r\n{}'],
  ['no Content-Length at all', 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{"jsonrpc":"2.0"}'],
  ['a Content-Length too short for its message', 'Content-Length: 5\r\n\r\n{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}'],
  // The reader would wait for ever for a body no client can send, deaf to every message after it.
  ['a Content-Length larger than any message can be', 'Content-Length: 99999999999\r\n\r\n{}'],
  ['a huge Content-Length after a good message', `Content-Length: 2\r\n\r\n{}content-length: ${2 ** 40}\r\n\r\n{"jsonrpc":"2.0","method":"exit"}`],
] as const) {
  test(`broken framing (${what}): the server exits, saying why on stderr, so the client can restart it`, async () => {
    const { code, stderr } = await raw(bytes);
    assert.notEqual(code, null, 'the server is still running, deaf');
    assert.notEqual(code, 0);
    assert.match(stderr, /cannot read the client's message/);
  });
}

test('--help and --version answer; no transport is a usage error, not a crash', () => {
  const help = spawnSync(process.execPath, [SERVER, '--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--stdio/);
  const version = spawnSync(process.execPath, [SERVER, '--version'], { encoding: 'utf8' });
  assert.equal(version.status, 0);
  assert.match(version.stdout, /^\d+\.\d+\.\d+/);
  const none = spawnSync(process.execPath, [SERVER], { encoding: 'utf8' });
  assert.equal(none.status, 2);
  assert.doesNotMatch(none.stderr, /Connection input stream is not set/);
  assert.match(none.stderr, /^assoc-language-server: say how to talk to the editor: give --stdio or --node-ipc\.$/m);
  const wrong = spawnSync(process.execPath, [SERVER, '--stdoi'], { encoding: 'utf8' });
  assert.equal(wrong.status, 2);
  assert.match(wrong.stderr, /^assoc-language-server: --stdoi does not say how to talk to the editor: give --stdio or --node-ipc\.$/m);
});

test('a warm start reuses the last session\'s analyses by content hash, and reads again what changed', async () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'assoc-cache-'));
  const files: Record<string, string> = { 'a.assoc.yaml': VALID, 'b.assoc.yaml': OTHER };
  for (let i = 0; i < 60; i++) files[`more/c${i}.assoc.yaml`] = VALID.replace('Fabrikam, Inc.', `Customer ${i}`).replace('6b1e0d0e-2d3f-4a9c-9c1e-', `6b1e0d0e-2d3f-4a9c-9c1e-${String(i).padStart(2, '0')}`.slice(0, 24)).replace('0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b', `0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f${String(i).padStart(4, '0')}`);
  const dir = makeWorkspace(files);
  const env = { ...process.env, ASSOC_CACHE_DIR: cacheDir };
  const session = async () => {
    const client = new LspClient(dir, { env });
    let seen: Map<string, string[]> = new Map();
    await using(client, async () => {
      await client.start();
      await client.waitFor(uriOf(dir, 'b.assoc.yaml'), (ds) => ds.length > 0);
      await client.waitFor(uriOf(dir, 'more/c59.assoc.yaml'), () => true);
      await new Promise((r) => setTimeout(r, 1500)); // the cache is written a moment after indexing
      seen = new Map([...client.diagnostics].map(([u, p]) => [u, codes(p.diagnostics)]));
    });
    return { seen, logs: client.logs };
  };
  const cold = await session();
  assert.ok(cold.logs.some((l) => /indexed 62 record file\(s\), 0 of them unchanged/.test(l)), cold.logs.join('\n'));
  writeFileSync(join(dir, 'a.assoc.yaml'), VALID.replace('since: 2024-03-01', 'since: 2025-03-01'));
  // A file is taken by its stamp only once it has stood unchanged for two seconds before it was read.
  await new Promise((r) => setTimeout(r, 2100));
  const warm = await session();
  assert.ok(warm.logs.some((l) => /indexed 62 record file\(s\), 61 of them unchanged/.test(l)), warm.logs.join('\n'));
  assert.deepEqual(warm.seen.get(uriOf(dir, 'b.assoc.yaml')), ['dpor-one-per-subscription'], 'the changed file was read again: its DPOR still overlaps');
  for (const [uri, got] of cold.seen) if (!uri.endsWith('/a.assoc.yaml') && !uri.endsWith('/b.assoc.yaml')) assert.deepEqual(warm.seen.get(uri), got, uri);
  // Files that had not changed for a while when last read are taken by their stamps, not read at all.
  const still = await session();
  assert.ok(still.logs.some((l) => /62 record file\(s\), 62 of them unchanged since the last session \(62 not even read\)/.test(l)), still.logs.join('\n'));
  assert.deepEqual(still.seen, warm.seen);
  // Without the analyses, the stamps alone take nothing: every record is read, and the log says so.
  for (const f of readdirSync(cacheDir)) if (f.endsWith('.analyses.jsonl')) rmSync(join(cacheDir, f));
  const lost = await session();
  assert.ok(lost.logs.some((l) => /62 record file\(s\), 0 of them unchanged since the last session \(0 not even read\)/.test(l)), lost.logs.join('\n'));
  assert.deepEqual(lost.seen, warm.seen);
});

test('a record open as it stands on disk when a session ends is not read again at the next start; one open with unsaved edits is', async () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'assoc-cache-'));
  const dir = makeWorkspace({ 'a.assoc.yaml': VALID, 'b.assoc.yaml': OTHER });
  const env = { ...process.env, ASSOC_CACHE_DIR: cacheDir };
  const session = async (during: (client: LspClient) => Promise<void> = async () => undefined, atStart?: (client: LspClient) => Promise<void>) => {
    const client = new LspClient(dir, { env });
    await using(client, async () => {
      await client.start();
      await atStart?.(client);
      await client.waitFor(uriOf(dir, 'b.assoc.yaml'), (ds) => ds.length > 0);
      // An unchanged workspace is published from the cache before it is indexed: wait for the index.
      for (let i = 0; i < 200 && !client.logs.some((l) => l.startsWith('indexed')); i++) await new Promise((r) => setTimeout(r, 25));
      await during(client);
    });
    return client.logs;
  };
  await session();
  // A new record, opened as the disk has it as the session starts (so the index passes it over), once it has stood two seconds.
  const fresh = VALID.replace('Fabrikam, Inc.', 'Tailspin').replace('6b1e0d0e', '7c2f1e1f').replace('0f1e2d3c', '1a2b3c4d');
  writeFileSync(join(dir, 'c.assoc.yaml'), fresh);
  await new Promise((r) => setTimeout(r, 2100));
  const opened = await session(
    async (client) => void (await client.waitFor(uriOf(dir, 'c.assoc.yaml'), () => true)),
    async (client) => client.open(uriOf(dir, 'c.assoc.yaml'), fresh),
  );
  assert.ok(opened.some((l) => /indexed 2 record file\(s\)/.test(l)), `the open record was not indexed: ${opened.join('\n')}`);
  const after = await session(async (client) => {
    // Open with an edit not saved: its file on disk is what the next session must read.
    await client.open(uriOf(dir, 'c.assoc.yaml'), fresh.replace('Tailspin', 'Tailspin Toys'));
    await client.waitFor(uriOf(dir, 'c.assoc.yaml'), () => true);
  });
  assert.ok(after.some((l) => /indexed 3 record file\(s\), 3 of them unchanged since the last session \(3 not even read\)/.test(l)), after.join('\n'));
  writeFileSync(join(dir, 'c.assoc.yaml'), fresh.replace('Tailspin', 'Tailspin Toys'));
  await new Promise((r) => setTimeout(r, 2100));
  const last = await session();
  assert.ok(last.some((l) => /indexed 3 record file\(s\), 2 of them unchanged since the last session \(2 not even read\)/.test(l)), last.join('\n'));
});
