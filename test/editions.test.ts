// An edition is data: a third, synthetic edition dropped into editions/ of a
// scratch copy of the repository is picked up by the CLI, the server, the
// code lens and the generated schema and settings, with no change to code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, InitializeRequest, InitializedNotification, DidOpenTextDocumentNotification, PublishDiagnosticsNotification, CodeLensRequest, HoverRequest, type CodeLens, type Hover, type MarkupContent, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { spawn } from 'node:child_process';

const ROOT = join(__dirname, '..');
const FIXTURES = join(__dirname, 'fixtures', 'editions');

function scratchCopyWithSyntheticEdition(): string {
  const dir = mkdtempSync(join(tmpdir(), 'assoc-edition-'));
  for (const part of ['build.mjs', 'package.json', 'package.nls.json', 'server', 'client', 'editions', 'schemas', 'docs']) cpSync(join(ROOT, part), join(dir, part), { recursive: true, filter: (src) => !src.includes(`${join('server', 'src', 'service', 'generated')}/`) || src.endsWith('.d.ts') });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  cpSync(join(FIXTURES, '2099-01.yaml'), join(dir, 'editions', '2099-01.yaml'));
  const build = spawnSync(process.execPath, ['build.mjs'], { cwd: dir, encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
  return dir;
}

test('a third edition, as one data file, reaches the CLI, the server, the code lens, the schema and the settings', async () => {
  const dir = scratchCopyWithSyntheticEdition();
  const record = join(FIXTURES, 'synthetic.assoc.yaml');

  // The CLI: the record's own `program:` picks the edition; its table decides.
  const cli = spawnSync(process.execPath, [join(dir, 'dist', 'assoc-lint.js'), record, '--format', 'json'], { encoding: 'utf8' });
  const found = (JSON.parse(cli.stdout) as Array<{ line: number; rule: string; message: string }>).map((d) => [d.line, d.rule]);
  assert.deepEqual(found, [[20, 'solution-area-eligibility']], cli.stdout);
  const help = spawnSync(process.execPath, [join(dir, 'dist', 'assoc-lint.js'), '--help'], { encoding: 'utf8' });
  assert.match(help.stdout, /2023-08\|2026-05\|2099-01/);
  const forced = spawnSync(process.execPath, [join(dir, 'dist', 'assoc-lint.js'), record, '--program', '2026-05', '--format', 'json'], { encoding: 'utf8' });
  assert.ok((JSON.parse(forced.stdout) as Array<{ rule: string }>).some((d) => d.rule === 'dpor-enterprise-agreement'), 'the same record under another edition');

  // The generated schema and the extension's settings name it.
  assert.ok(JSON.parse(readFileSync(join(dir, 'schemas', 'assoc.schema.json'), 'utf8')).properties.program.enum.includes('2099-01'));
  assert.ok(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).contributes.configuration.properties['assoc.program'].enum.includes('2099-01'));

  // The server: diagnostics, hover and code lens follow the edition.
  const proc = spawn(process.execPath, [join(dir, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ASSOC_NO_CACHE: '1' } });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const published = new Promise<PublishDiagnosticsParams>((resolve) => conn.onNotification(PublishDiagnosticsNotification.type, resolve));
  conn.listen();
  try {
    await conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: {} });
    await conn.sendNotification(InitializedNotification.type, {});
    const uri = pathToFileURL(record).href;
    await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'assoc-yaml', version: 1, text: readFileSync(record, 'utf8') } });
    assert.deepEqual((await published).diagnostics.map((d) => d.code), ['solution-area-eligibility']);
    const lenses = (await conn.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) as CodeLens[];
    assert.deepEqual(lenses.map((l) => l.command?.title), [
      'Counts toward Infrastructure (Azure), Modern Work (2099-01)',
      'Counts toward no solution area (2099-01)',
      'Counts toward Infrastructure (Azure) (2099-01)',
    ]);
    const hover = (await conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 11, character: 11 } })) as Hover;
    const text = (hover.contents as MarkupContent).value;
    assert.match(text, /Counts toward, in the 2099-01 edition: Infrastructure \(Azure\), Modern Work\./);
    assert.match(text, /In this synthetic edition PAL also counts toward Modern Work\./);
  } finally {
    conn.dispose();
    proc.kill();
  }
});
