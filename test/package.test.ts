// The packages: `npm run package` builds an installable .vsix whose manifest
// declares the language, grammar, settings, commands and problem matcher; `npm
// pack` holds only what a user of assoc-lint and the server needs, and runs
// without any dependency installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
  assert.deepEqual(manifest.contributes.commands.map((c: { command: string }) => c.command).sort(), ['assoc.restartServer', 'assoc.showCoverage', 'assoc.showOutput']);
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, true);
  assert.match(manifest.capabilities.untrustedWorkspaces.description, /runs no code/);
  const grammar = JSON.parse(files.get('extension/syntaxes/assoc-yaml.tmLanguage.json')!().toString('utf8'));
  assert.ok(grammar.patterns.some((p: { include: string }) => p.include === 'source.yaml'), 'the grammar builds on YAML');
  assert.match(files.get('extension/dist/server.js')!().toString('utf8'), /^#!\/usr\/bin\/env node/);
  assert.match(files.get('extension/dist/extension.js')!().toString('utf8'), /require\("vscode"\)/, 'vscode stays external');
});

test('the .vsix contributes the $assoc-lint problem matcher and carries the worker thread', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'assoc-vsix-')), 'assoc.vsix');
  const vsce = require.resolve('@vscode/vsce/vsce');
  const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out], { cwd: join(__dirname, '..'), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const files = unzip(readFileSync(out));
  assert.ok(files.has('extension/dist/worker.js'), 'the server indexes on worker threads in VS Code too');
  const manifest = JSON.parse(files.get('extension/package.json')!().toString('utf8'));
  assert.deepEqual(manifest.contributes.problemMatchers.map((m: { name: string }) => m.name), ['assoc-lint']);
  assert.equal(manifest.dependencies, undefined, 'the bundles hold every runtime dependency');
});

/** What `npm pack` puts in the package, as it reports it without writing. */
function packed(): { files: string[]; manifest: Record<string, unknown> } {
  const root = join(__dirname, '..');
  const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const [info] = JSON.parse(r.stdout) as Array<{ files: Array<{ path: string }> }>;
  return { files: info.files.map((f) => f.path).sort(), manifest: JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) };
}

test('npm pack holds only what a user needs: the bundles without source maps, the schemas, the docs, the grammar, README and LICENSE', () => {
  const { files, manifest } = packed();
  assert.deepEqual(files.filter((f) => f.startsWith('dist/')), ['dist/assoc-lint.js', 'dist/extension.js', 'dist/server.js', 'dist/worker.js']);
  const allowed = /^(dist\/[a-z-]+\.js|schemas\/[a-z-]+\.schema\.json|docs\/.+\.md|syntaxes\/assoc-yaml\.tmLanguage\.json|language-configuration\.json|package\.json|README\.md|LICENSE)$/;
  assert.deepEqual(files.filter((f) => !allowed.test(f)), [], 'nothing else: no sources, tests, examples, CI scripts or source maps');
  for (const f of ['schemas/assoc.schema.json', 'schemas/assocrc.schema.json', 'docs/ci.md', 'docs/rules/README.md', 'docs/rules/dpor-one-per-subscription.md', 'README.md', 'LICENSE']) assert.ok(files.includes(f), f);
  // What package.json points at is in the package.
  const bins = Object.values(manifest.bin as Record<string, string>);
  for (const f of [...bins, String(manifest.main).replace(/^\.\//, '')]) assert.ok(files.includes(f), f);
  assert.equal(manifest.dependencies, undefined, 'no runtime dependencies: esbuild bundles them into dist/');
});

test('the packed package runs with no node_modules at all: assoc-lint (on worker threads too) and the language server', () => {
  const root = join(__dirname, '..');
  const dir = mkdtempSync(join(tmpdir(), 'assoc-pack-'));
  const r = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const [{ filename }] = JSON.parse(r.stdout) as Array<{ filename: string }>;
  assert.equal(spawnSync('tar', ['xzf', join(dir, filename), '-C', dir]).status, 0);
  const pkg = join(dir, 'package');
  const lint = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [join(pkg, 'dist', 'assoc-lint.js'), ...args], { cwd, encoding: 'utf8' });
  const examples = lint(join(root, 'examples'), '--format', 'json');
  assert.equal(examples.status, 1, examples.stderr);
  assert.equal(JSON.parse(examples.stdout).length, 6);
  // Enough files for worker threads (dist/worker.js of the package).
  const many = mkdtempSync(join(tmpdir(), 'assoc-many-'));
  for (let i = 0; i < 60; i++) writeFileSync(join(many, `r${i}.assoc.yaml`), 'version: [\n');
  const threaded = lint(many, '--format', 'json');
  assert.equal(JSON.parse(threaded.stdout).length, 60, threaded.stderr);
  // The rule pages --list-rules names are in the package.
  const rules = JSON.parse(lint(dir, '--list-rules', '--format', 'json').stdout) as Array<{ docs: string }>;
  for (const rule of rules) assert.ok(rule.docs.startsWith(join(pkg, 'docs', 'rules')) && existsSync(rule.docs), rule.docs);
  const server = spawnSync(process.execPath, [join(pkg, 'dist', 'server.js'), '--version'], { encoding: 'utf8' });
  assert.equal(server.status, 0, server.stderr);
});
