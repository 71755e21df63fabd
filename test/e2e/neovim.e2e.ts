// The server from Neovim's built-in LSP client, a standard client that was not
// written alongside it: cross-file diagnostics, hover, completion, outline,
// definition, and a quick fix applied by Neovim itself that keeps the comments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from './codeserver';

test('Neovim drives the language server over stdio', () => {
  const nvim = spawnSync('sh', ['-c', 'command -v nvim'], { encoding: 'utf8' }).stdout.trim();
  assert.ok(nvim, 'Neovim is needed for this test (apt-get install neovim)');
  const base = mkdtempSync(join(tmpdir(), 'assoc-nvim-'));
  const root = join(base, 'workspace');
  cpSync(join(REPO, 'test', 'fixtures', 'editor'), root, { recursive: true });
  const out = join(base, 'out.json');
  const r = spawnSync(nvim, ['--headless', '--clean', '-u', 'NONE', '-c', `luafile ${join(__dirname, 'neovim', 'check.lua')}`], {
    env: { ...process.env, ASSOC_ROOT: root, ASSOC_SERVER: join(REPO, 'dist', 'server.js'), ASSOC_OUT: out },
    encoding: 'utf8',
    timeout: 120000,
  });
  assert.ok(existsSync(out), `Neovim wrote no result: ${r.stdout}${r.stderr}`);
  const seen = JSON.parse(readFileSync(out, 'utf8'));
  assert.deepEqual(seen.diagnostics.before, { a: ['dpor-one-per-subscription'], b: ['dpor-one-per-subscription'] });
  assert.match(seen.hover, /Digital Partner of Record/);
  assert.equal(seen.definition_line, seen.name_line);
  assert.ok(seen.symbols.includes('DPOR 1234567 → fabrikam-prod'), seen.symbols.join(', '));
  assert.deepEqual(seen.completion, ['fabrikam-prod']);
  assert.ok(seen.actions.some((t: string) => t.startsWith('End this association on 2024-08-31')), seen.actions.join(', '));
  assert.deepEqual(seen.diagnostics.after, { a: [], b: [] });
  const text = readFileSync(join(root, 'fabrikam.assoc.yaml'), 'utf8');
  assert.match(text, /    since: 2024-03-01\n    until: 2024-08-31\n/);
  assert.ok(text.includes('# We took over operations in March 2024.') && text.includes('# the production landing zone'));
});
