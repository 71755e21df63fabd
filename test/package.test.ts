// The extension package: `npm run package` builds an installable .vsix whose
// manifest declares the language, grammar, settings and commands.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

/** The entries of a zip archive, read from its central directory. */
function unzip(buf: Buffer): Map<string, () => Buffer> {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'not a zip archive');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, () => Buffer>();
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50);
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    out.set(name, () => {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      return method === 8 ? inflateRawSync(data) : Buffer.from(data);
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

test('the .vsix is built offline and its manifest is complete', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'assoc-vsix-')), 'assoc.vsix');
  const vsce = require.resolve('@vscode/vsce/vsce');
  const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out], {
    cwd: join(__dirname, '..'),
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const files = unzip(readFileSync(out));
  const names = [...files.keys()];
  for (const f of ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/server.js', 'extension/syntaxes/assoc-yaml.tmLanguage.json', 'extension/schemas/assoc.schema.json', 'extension/language-configuration.json', 'extension.vsixmanifest']) {
    assert.ok(names.includes(f), `${f} missing from ${names.join(', ')}`);
  }
  assert.ok(names.some((n) => /^extension\/docs\/rules\/dpor-one-per-subscription\.md$/.test(n)), 'rule docs are packaged');
  assert.ok(!names.some((n) => /node_modules|\/test\/|\.ts$|\.map$/.test(n)), `unexpected files: ${names.join(', ')}`);

  const manifest = JSON.parse(files.get('extension/package.json')!().toString('utf8'));
  assert.equal(manifest.main, './dist/extension.js');
  assert.deepEqual(manifest.contributes.languages[0].filenamePatterns, ['*.assoc.yaml', '*.assoc.yml']);
  assert.equal(manifest.contributes.grammars[0].scopeName, 'source.assoc-yaml');
  assert.deepEqual(Object.keys(manifest.contributes.configuration.properties).sort(), ['assoc.format.sortKeys', 'assoc.inlayHints.subscriptionNames', 'assoc.program', 'assoc.rules', 'assoc.trace.server']);
  assert.deepEqual(manifest.contributes.commands.map((c: { command: string }) => c.command).sort(), ['assoc.restartServer', 'assoc.showOutput']);
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, true);
  assert.match(manifest.capabilities.untrustedWorkspaces.description, /runs no code/);
  const grammar = JSON.parse(files.get('extension/syntaxes/assoc-yaml.tmLanguage.json')!().toString('utf8'));
  assert.ok(grammar.patterns.some((p: { include: string }) => p.include === 'source.yaml'), 'the grammar builds on YAML');
  assert.match(files.get('extension/dist/server.js')!().toString('utf8'), /^#!\/usr\/bin\/env node/);
  assert.match(files.get('extension/dist/extension.js')!().toString('utf8'), /require\("vscode"\)/, 'vscode stays external');
});
