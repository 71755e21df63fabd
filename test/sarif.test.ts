// assoc-lint's SARIF as GitHub code scanning takes it: validated by the SARIF
// Multitool (installed once, from test/sarif/package-lock.json, into the
// ignored .sarif-multitool/) with no warning, with and without a homepage;
// paths relative to the repository root whatever folder assoc-lint runs in.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatSarif, ruleHelpUri, sarifRuleName, type CliDiagnostic } from '../server/src/cli/formats';
import { ALL_RULE_META } from '../server/src/service/rules';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'dist', 'assoc-lint.js');
const LOCKED = join(__dirname, 'sarif');
const INSTALL = join(ROOT, '.sarif-multitool');

/** The Multitool's binary for this platform, installed from the lockfile unless that very install is there. */
function multitool(): string | undefined {
  const wanted = readFileSync(join(LOCKED, 'package-lock.json'), 'utf8');
  const installed = join(INSTALL, 'package-lock.json');
  const exe = join(INSTALL, 'node_modules', '@microsoft', `sarif-multitool-${process.platform}`, process.platform === 'win32' ? 'Sarif.Multitool.exe' : 'Sarif.Multitool');
  if (!(existsSync(exe) && existsSync(installed) && readFileSync(installed, 'utf8') === wanted)) {
    rmSync(INSTALL, { recursive: true, force: true });
    mkdirSync(INSTALL, { recursive: true });
    copyFileSync(join(LOCKED, 'package.json'), join(INSTALL, 'package.json'));
    copyFileSync(join(LOCKED, 'package-lock.json'), installed);
    console.log('installing the SARIF Multitool into .sarif-multitool/ from its lockfile (once)');
    execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: INSTALL, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  // Its package only marks it executable in an install script, which is not run.
  if (existsSync(exe) && process.platform !== 'win32') execFileSync('chmod', ['u+x', exe]);
  return existsSync(exe) ? exe : undefined;
}

let tool: string | undefined;
before(() => {
  assert.ok(existsSync(BIN), 'build first: node build.mjs');
  tool = multitool();
});

/** What the Multitool's `validate` reports on a SARIF file: its results (warnings and errors), as `id: message` lines. */
function validate(sarif: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'assoc-sarif-'));
  writeFileSync(join(dir, 'in.sarif'), sarif);
  const r = spawnSync(tool!, ['validate', join(dir, 'in.sarif'), '--output', join(dir, 'out.sarif')], { encoding: 'utf8', env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const log = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8'));
  const results = (log.runs[0].results ?? []) as Array<{ ruleId: string; level?: string; message: { arguments?: string[] } }>;
  return results.map((x) => `${x.ruleId} (${x.level ?? 'warning'}): ${(x.message.arguments ?? []).join(', ')}`);
}

function lint(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args, '--format', 'sarif'], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('the SARIF of the examples (every rule, cross-file related locations) passes the Multitool with no warning', (t) => {
  if (!tool) return t.skip(`the SARIF Multitool has no build for ${process.platform}`);
  const r = lint(ROOT, 'examples/');
  assert.equal(r.code, 1, r.err);
  assert.ok(JSON.parse(r.out).runs[0].results.some((x: { relatedLocations?: unknown[] }) => x.relatedLocations?.length));
  assert.deepEqual(validate(r.out), []);
  // The Multitool does speak up: the same log with `name` equal to `id` is warned about.
  const bad = JSON.parse(r.out);
  bad.runs[0].tool.driver.rules[0].name = bad.runs[0].tool.driver.rules[0].id;
  delete bad.runs[0].tool.driver.informationUri;
  const warnings = validate(JSON.stringify(bad));
  assert.ok(warnings.some((w) => w.startsWith('SARIF1001')), warnings.join('\n'));
  assert.ok(warnings.some((w) => w.startsWith('SARIF2005')), warnings.join('\n'));
});

test('with a homepage, each rule has a helpUri under it; without one, none: both pass the Multitool with no warning', (t) => {
  if (!tool) return t.skip(`the SARIF Multitool has no build for ${process.platform}`);
  const d: CliDiagnostic = { file: 'a.assoc.yaml', path: '/repo/a.assoc.yaml', line: 3, column: 5, endLine: 3, endColumn: 9, severity: 'warning', rule: 'partner-id-format', message: 'A PartnerID has 7 digits.' };
  const base = { version: '1.2.3', srcRoot: '/repo', informationUri: 'file:///opt/assoc/README.md' };
  const without = JSON.parse(formatSarif([d], base));
  assert.ok(without.runs[0].tool.driver.rules.every((r: { helpUri?: string }) => r.helpUri === undefined));
  assert.equal(without.runs[0].tool.driver.informationUri, 'file:///opt/assoc/README.md');
  const homepage = 'https://github.com/contoso/assoc-records#readme';
  const withHome = JSON.parse(formatSarif([d], { ...base, homepage, informationUri: homepage }));
  const rule = withHome.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'partner-id-format');
  assert.equal(rule.helpUri, 'https://github.com/contoso/assoc-records/blob/HEAD/docs/rules/partner-id-format.md');
  assert.equal(rule.help.text, `${rule.fullDescription.text} See ${rule.helpUri}.`);
  for (const log of [without, withHome]) assert.deepEqual(validate(JSON.stringify(log)), []);
});

test('rule names are PascalCase and differ from the ids; help text points nowhere inside this repository', () => {
  const log = JSON.parse(lint(ROOT, 'examples/').out);
  const rules = log.runs[0].tool.driver.rules as Array<{ id: string; name: string; help: { text: string; markdown: string } }>;
  assert.equal(rules.length, ALL_RULE_META.length);
  for (const r of rules) {
    assert.match(r.name, /^[A-Z][A-Za-z0-9]+$/);
    assert.notEqual(r.name.toLowerCase(), r.id.toLowerCase());
    assert.doesNotMatch(r.help.text, /docs\/rules|\.md\b/);
    assert.match(r.help.markdown, new RegExp(`^# ${r.id}\\n`));
  }
  assert.equal(sarifRuleName('dpor-one-per-subscription'), 'DporOnePerSubscription');
  assert.equal(sarifRuleName('schema'), 'SchemaCheck');
  assert.equal(ruleHelpUri('https://docs.contoso.example/assoc/', 'schema'), 'https://docs.contoso.example/assoc/docs/rules/schema.md');
  assert.equal(ruleHelpUri('https://docs.contoso.example/assoc', 'schema'), 'https://docs.contoso.example/assoc/docs/rules/schema.md');
});

test('%SRCROOT% is the repository root, so paths are right when assoc-lint runs in a sub-folder; a file outside it has an absolute URI', () => {
  const repo = mkdtempSync(join(tmpdir(), 'assoc-repo-'));
  mkdirSync(join(repo, '.git'));
  cpSync(join(ROOT, 'examples'), join(repo, 'records'), { recursive: true });
  const outside = mkdtempSync(join(tmpdir(), 'assoc-outside-'));
  writeFileSync(join(outside, 'x.assoc.yaml'), 'version: [\n');
  const r = lint(join(repo, 'records', 'customers'), 'smb', join(outside, 'x.assoc.yaml'));
  const run = JSON.parse(r.out).runs[0];
  assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: `${pathToFileURL(repo).href}/` } });
  const locations = run.results.map((x: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }> }) => x.locations[0].physicalLocation.artifactLocation);
  assert.deepEqual(locations, [
    { uri: pathToFileURL(join(outside, 'x.assoc.yaml')).href },
    { uri: 'records/customers/smb/northwind-traders.assoc.yaml', uriBaseId: '%SRCROOT%' },
    { uri: 'records/customers/smb/northwind-traders.assoc.yaml', uriBaseId: '%SRCROOT%' },
  ]);
  const deeper = lint(join(repo, 'records', 'customers', 'smb'), 'northwind-traders.assoc.yaml');
  assert.equal(JSON.parse(deeper.out).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'records/customers/smb/northwind-traders.assoc.yaml');
  // Without a repository, the working folder is the root.
  const loose = lint(outside, '.');
  assert.deepEqual(JSON.parse(loose.out).runs[0].originalUriBaseIds, { '%SRCROOT%': { uri: `${pathToFileURL(outside).href}/` } });
  assert.equal(JSON.parse(loose.out).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'x.assoc.yaml');
});
