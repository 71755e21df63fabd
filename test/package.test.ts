// The packages: `npm run package` builds an installable .vsix whose manifest
// declares the language, grammar, settings, commands and problem matcher, and
// which holds what the Marketplace shows (icon, README for extension users,
// changelog) and the manifest's strings for translation; `npm pack` holds only
// what a user of assoc-lint and the server needs, and runs without any
// dependency installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync, inflateSync } from 'node:zlib';

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

const ROOT = join(__dirname, '..');
const MANIFEST = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const NLS = JSON.parse(readFileSync(join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;

let built: string | undefined;
/** The .vsix, built once, by the very command line of `npm run package` (with another output file). */
function vsix(): string {
  if (built) return built;
  const out = join(mkdtempSync(join(tmpdir(), 'assoc-vsix-')), 'assoc.vsix');
  const args = String(MANIFEST.scripts.package).split(/\s+/);
  assert.deepEqual(args.slice(0, 2), ['vsce', 'package']);
  const at = args.indexOf('--out');
  assert.ok(at > 0, 'npm run package names its output file');
  args.splice(at, 2, '--out', out);
  const r = spawnSync(process.execPath, [require.resolve('@vscode/vsce/vsce'), ...args.slice(1)], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  return (built = out);
}

test('the .vsix is built offline and its manifest is complete', () => {
  const files = unzip(readFileSync(vsix()));
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
  const nls = JSON.parse(files.get('extension/package.nls.json')!().toString('utf8'));
  assert.match(nls[/^%(.+)%$/.exec(manifest.capabilities.untrustedWorkspaces.description)![1]], /runs no code/);
  const grammar = JSON.parse(files.get('extension/syntaxes/assoc-yaml.tmLanguage.json')!().toString('utf8'));
  assert.ok(grammar.patterns.some((p: { include: string }) => p.include === 'source.yaml'), 'the grammar builds on YAML');
  assert.match(files.get('extension/dist/server.js')!().toString('utf8'), /^#!\/usr\/bin\/env node/);
  assert.match(files.get('extension/dist/extension.js')!().toString('utf8'), /require\("vscode"\)/, 'vscode stays external');
});

test('the .vsix contributes the $assoc-lint problem matcher and carries the worker thread', () => {
  const files = unzip(readFileSync(vsix()));
  assert.ok(files.has('extension/dist/worker.js'), 'the server indexes on worker threads in VS Code too');
  const manifest = JSON.parse(files.get('extension/package.json')!().toString('utf8'));
  assert.deepEqual(manifest.contributes.problemMatchers.map((m: { name: string }) => m.name), ['assoc-lint']);
  assert.equal(manifest.dependencies, undefined, 'the bundles hold every runtime dependency');
});

/** The `%key%` placeholders of a manifest, wherever they are, with where each is. */
function placeholders(value: unknown, at = ''): Array<{ key: string; at: string }> {
  if (typeof value === 'string') {
    const m = /^%(.+)%$/.exec(value);
    return m ? [{ key: m[1], at }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => placeholders(v, `${at}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => placeholders(v, at ? `${at}.${k}` : k));
  return [];
}

test('the .vsix holds what the Marketplace and the Extensions view show: the icon, the file icons, the README for extension users, the changelog', () => {
  const files = unzip(readFileSync(vsix()));
  const manifest = JSON.parse(files.get('extension/package.json')!().toString('utf8'));
  const packaged = (path: string) => `extension/${path.replace(/^\.\//, '')}`;
  // The icon: a PNG (the Marketplace takes no SVG), the one in the repository.
  assert.equal(manifest.icon, 'images/icon.png');
  assert.deepEqual(files.get(packaged(manifest.icon))?.(), readFileSync(join(ROOT, 'images', 'icon.png')));
  // The file icon of records, one for light themes and one for dark.
  const { light, dark } = manifest.contributes.languages[0].icon;
  for (const icon of [light, dark]) {
    assert.ok(files.has(packaged(icon)), `${icon} is packaged`);
    assert.match(files.get(packaged(icon))!().toString('utf8'), /^<svg [^>]*viewBox="0 0 16 16"/);
  }
  assert.notEqual(light, dark);
  // The README is the one written for extension users, not the repository's; and the changelog.
  assert.equal(files.get('extension/readme.md')?.().toString('utf8'), readFileSync(join(ROOT, 'docs', 'extension', 'README.md'), 'utf8'));
  assert.ok(!files.has('extension/README.md') && !files.has('extension/docs/extension/README.md'), 'one README only');
  assert.equal(files.get('extension/changelog.md')?.().toString('utf8'), readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8'));
  assert.deepEqual(JSON.parse(files.get('extension/package.nls.json')!().toString('utf8')), NLS);
  // The gallery manifest points at them, with the display name and description in English.
  const gallery = files.get('extension.vsixmanifest')!().toString('utf8');
  assert.match(gallery, /<Icon>extension\/images\/icon\.png<\/Icon>/);
  assert.match(gallery, /Type="Microsoft\.VisualStudio\.Services\.Content\.Details" Path="extension\/readme\.md"/);
  assert.match(gallery, /Type="Microsoft\.VisualStudio\.Services\.Content\.Changelog" Path="extension\/changelog\.md"/);
  assert.ok(gallery.includes(`<DisplayName>${NLS.displayName}</DisplayName>`), 'the display name is translated in the gallery manifest');
  assert.ok(!/%[\w.-]+%/.test(gallery), 'no placeholder reaches the gallery manifest');
});

test('the icon is a 128 × 128 PNG with transparent corners, drawn from images/icon.svg as it is now (npm run icon)', () => {
  const png = readFileSync(join(ROOT, 'images', 'icon.png'));
  assert.deepEqual(png.subarray(0, 8), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const chunks: Array<{ type: string; data: Buffer }> = [];
  for (let p = 8; p < png.length; ) {
    const length = png.readUInt32BE(p);
    chunks.push({ type: png.toString('latin1', p + 4, p + 8), data: png.subarray(p + 8, p + 8 + length) });
    p += 12 + length;
  }
  const ihdr = chunks[0];
  assert.equal(ihdr.type, 'IHDR');
  assert.deepEqual([ihdr.data.readUInt32BE(0), ihdr.data.readUInt32BE(4), ihdr.data[8], ihdr.data[9]], [128, 128, 8, 6], '128 × 128, 8-bit RGBA');
  // The first pixel: whatever the row's filter, the first pixel of the first row is stored as it is.
  const pixels = inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  assert.equal(pixels[1 + 3], 0, 'the top-left corner is transparent');
  const source = chunks.find((c) => c.type === 'tEXt' && c.data.toString('latin1').startsWith('Source\0'));
  assert.ok(source, 'the PNG says which SVG it was drawn from');
  const hash = createHash('sha256').update(readFileSync(join(ROOT, 'images', 'icon.svg'))).digest('hex');
  assert.equal(source.data.toString('latin1'), `Source\0images/icon.svg sha256:${hash}`, 'images/icon.svg changed since images/icon.png was drawn: run npm run icon');
});

test("package.nls.json holds every user-facing string of package.json, and only those: each %key% has its string", () => {
  const used = placeholders(MANIFEST);
  for (const { key, at } of used) assert.equal(typeof NLS[key], 'string', `${at}: %${key}% has no string in package.nls.json`);
  for (const { key, at } of used) assert.ok(NLS[key].trim().length > 0 && !/%[\w.-]+%/.test(NLS[key]), `${at}: %${key}% is empty or names another placeholder`);
  assert.deepEqual(Object.keys(NLS).filter((k) => !used.some((u) => u.key === k)), [], 'every string is used');
  // What VS Code shows to people is a placeholder, never a literal.
  const c = MANIFEST.contributes;
  const shown: Array<[string, unknown]> = [
    ['displayName', MANIFEST.displayName],
    ['description', MANIFEST.description],
    ['capabilities.untrustedWorkspaces.description', MANIFEST.capabilities.untrustedWorkspaces.description],
    ['contributes.languages[0].aliases[0]', c.languages[0].aliases[0]],
    ['contributes.configuration.title', c.configuration.title],
    ...Object.entries(c.configuration.properties as Record<string, { description?: string; markdownDescription?: string }>).map(([k, p]): [string, unknown] => [k, p.markdownDescription ?? p.description]),
    ...(c.commands as Array<{ command: string; title: string; category: string }>).flatMap((x): Array<[string, unknown]> => [[`${x.command} title`, x.title], [`${x.command} category`, x.category]]),
    ...(c.problemMatchers as Array<{ name: string; label: string }>).map((m): [string, unknown] => [`problem matcher ${m.name}`, m.label]),
  ];
  for (const [where, value] of shown) assert.match(String(value), /^%[\w.-]+%$/, `${where} is shown to people: put it in package.nls.json`);
  // The edition setting's description is generated by build.mjs from the editions' data.
  const key = /^%(.+)%$/.exec(c.configuration.properties['assoc.program'].markdownDescription)![1];
  const fallback = (MANIFEST.contributes.configuration.properties['assoc.program'].enum as Array<string | null>).filter((e): e is string => e !== null);
  assert.ok(fallback.some((e) => NLS[key].includes(`When empty, ${e}, the default edition.`)), NLS[key]);
});

test('the README for extension users: every link and image works from the Extensions view and the Marketplace, and it names every setting and command', () => {
  const readme = readFileSync(join(ROOT, 'docs', 'extension', 'README.md'), 'utf8');
  // The Extensions view opens only http(s) and mailto links, and shows only https images;
  // without a repository, nothing rewrites a relative link for the Marketplace.
  const targets = [...readme.matchAll(/!?\[[^\]]*\]\(([^)\s]+)[^)]*\)|<(?:a|img)\b[^>]*\b(?:href|src)="([^"]+)"|^\[[^\]]+\]:\s*(\S+)/gm)].map((m) => m[1] ?? m[2] ?? m[3]);
  for (const t of targets) assert.match(t, /^(https:\/\/|mailto:)/, `${t}: a link the Extensions view cannot open`);
  const settings = Object.keys(MANIFEST.contributes.configuration.properties);
  const table = [...readme.matchAll(/^\| `(assoc\.[\w.]+)` \|/gm)].map((m) => m[1]);
  assert.deepEqual(table.sort(), [...settings].sort(), 'the settings table lists exactly the settings');
  for (const c of MANIFEST.contributes.commands as Array<{ title: string; category: string }>) {
    const name = `${NLS[/^%(.+)%$/.exec(c.category)![1]]}: ${NLS[/^%(.+)%$/.exec(c.title)![1]]}`;
    assert.ok(readme.includes(`**${name}**`), `the README names the command ${name}`);
  }
});

test('homepage and repository, when given, are real addresses: the CLI puts the homepage into SARIF and --list-rules', () => {
  for (const field of ['homepage', 'repository'] as const) {
    const value = MANIFEST[field] as string | { url?: string } | undefined;
    if (value === undefined) continue;
    const url = new URL(typeof value === 'string' ? value : String(value.url));
    assert.equal(url.protocol, 'https:', `${field}: ${url.href}`);
    assert.doesNotMatch(url.hostname, /(^|\.)(example(\.(com|net|org))?|invalid|test|localhost)$/, `${field} is a placeholder: ${url.href}`);
  }
});

/** What `npm pack` puts in the package, as it reports it without writing. */
function packed(): { files: string[]; manifest: Record<string, unknown> } {
  const root = join(__dirname, '..');
  const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const [info] = JSON.parse(r.stdout) as Array<{ files: Array<{ path: string }> }>;
  return { files: info.files.map((f) => f.path).sort(), manifest: JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) };
}

test('npm pack holds only what a user needs: the bundles without source maps, the schemas, the docs, the grammar, the extension\'s icons and strings, README, CHANGELOG and LICENSE', () => {
  const { files, manifest } = packed();
  assert.deepEqual(files.filter((f) => f.startsWith('dist/')), ['dist/assoc-lint.js', 'dist/extension.js', 'dist/server.js', 'dist/worker.js']);
  const allowed = /^(dist\/[a-z-]+\.js|schemas\/[a-z-]+\.schema\.json|docs\/.+\.md|syntaxes\/assoc-yaml\.tmLanguage\.json|language-configuration\.json|images\/icon\.png|images\/record-(light|dark)\.svg|package\.json|package\.nls\.json|README\.md|CHANGELOG\.md|LICENSE)$/;
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
