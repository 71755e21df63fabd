// Scenario tests of the built assoc-lint binary, run as a process.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, existsSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { VALID } from './helpers';

const BIN = join(__dirname, '..', 'dist', 'assoc-lint.js');

function run(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'assoc-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

// A second customer whose record claims a DPOR on Fabrikam's subscription, overlapping.
const OTHER = VALID.replace('Fabrikam, Inc.', 'Fabrikam Europe')
  .replace('6b1e0d0e-2d3f-4a9c-9c1e-0f5c2a7b8e11', '7c2f1e1f-3e4a-4b8d-8d2f-1a6d3b8c9f22')
  .replace('partnerId: 1234567', 'partnerId: 7654321')
  .replace('since: 2024-03-01', 'since: 2024-09-01');

// One warning (a 5-digit partner ID) and one info (TPOR in 2026-05) and no error.
const WARN = VALID.replace('partnerId: 1234567', 'partnerId: 12345').replace(
  'associations:\n',
  'program: "2026-05"\nassociations:\n  - type: TPOR\n    channel: microsoft-direct\n    agreement: EA-48213\n    advisor: Kim Akers\n',
);

before(() => assert.ok(existsSync(BIN), 'build first: node build.mjs'));

test('clean files: exit 0 and a short summary', () => {
  const dir = workspace({ 'a.assoc.yaml': VALID });
  const r = run(dir);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /No problems found \(1 file checked\)/);
});

test('--format json as the README gives it: fields, 1-based positions, relative paths; errors exit 1', () => {
  const dir = workspace({ 'customers/fabrikam.assoc.yaml': VALID, 'customers/eu/fabrikam-eu.assoc.yml': OTHER, 'notes.yaml': 'not: a record' });
  const r = run(dir, '--format', 'json');
  assert.equal(r.code, 1, r.err);
  const out = JSON.parse(r.out);
  assert.deepEqual(
    out.map((d: { file: string; line: number; rule: string }) => [d.file, d.line, d.rule]),
    [
      ['customers/eu/fabrikam-eu.assoc.yml', 16, 'dpor-one-per-subscription'],
      ['customers/fabrikam.assoc.yaml', 16, 'dpor-one-per-subscription'],
    ],
  );
  assert.deepEqual(Object.keys(out[0]), ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'rule', 'message']);
  assert.deepEqual([out[0].column, out[0].endLine, out[0].endColumn, out[0].severity], [11, 16, 15, 'error']);
  assert.equal(typeof out[0].message, 'string');
});

test('stylish groups by file and names the rule', () => {
  const dir = workspace({ 'a.assoc.yaml': VALID, 'b.assoc.yaml': OTHER });
  const r = run(dir, 'a.assoc.yaml', 'b.assoc.yaml');
  assert.equal(r.code, 1);
  assert.match(r.out, /^a\.assoc\.yaml\n  16:11 +error +.*dpor-one-per-subscription$/m);
  assert.match(r.out, /2 problems \(2 errors, 0 warnings, 0 info\) in 2 files checked\./);
});

test('cross-file rules only see the files given', () => {
  const dir = workspace({ 'a.assoc.yaml': VALID, 'b.assoc.yaml': OTHER });
  assert.equal(run(dir, 'a.assoc.yaml').code, 0);
});

test('--format sarif is valid SARIF 2.1.0', () => {
  const dir = workspace({ 'a.assoc.yaml': VALID, 'b.assoc.yaml': OTHER, 'w.assoc.yaml': WARN.replace('6b1e0d0e', '9b1e0d0e').replace('0f1e2d3c', '9f1e2d3c') });
  const r = run(dir, '--format', 'sarif');
  assert.equal(r.code, 1);
  const log = JSON.parse(r.out);
  const schemaPath = require.resolve('@microsoft/sarif-multitool-linux/sarif-2.1.0.json');
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
  const valid = validate(JSON.parse(r.out));
  assert.ok(valid, JSON.stringify(validate.errors?.slice(0, 5)));
  const results = log.runs[0].results;
  assert.deepEqual(results.map((x: { level: string }) => x.level).sort(), ['error', 'error', 'note', 'warning']);
  const first = results.find((x: { ruleId: string }) => x.ruleId === 'dpor-one-per-subscription');
  const rule = log.runs[0].tool.driver.rules[first.ruleIndex];
  assert.equal(rule.id, 'dpor-one-per-subscription');
  assert.match(rule.help.markdown, /^# dpor-one-per-subscription\n[\s\S]*## How to fix/, 'the rule page is the rule help');
  assert.deepEqual(first.locations[0].physicalLocation.region, { startLine: 16, startColumn: 11, endLine: 16, endColumn: 15 });
  assert.equal(first.locations[0].physicalLocation.artifactLocation.uri, 'a.assoc.yaml');
  assert.equal(first.relatedLocations[0].physicalLocation.artifactLocation.uri, 'b.assoc.yaml');
  assert.match(first.relatedLocations[0].message.text, /DPOR of partner 7654321/);
});

test('--format github prints workflow commands', () => {
  const dir = workspace({ 'a b.assoc.yaml': WARN });
  const r = run(dir, '--format', 'github');
  assert.equal(r.code, 0, r.err);
  const lines = r.out.trim().split('\n');
  assert.equal(lines.length, 2);
  assert.match(lines[0], /^::notice file=a b\.assoc\.yaml,line=17,col=11,endLine=17,endColumn=15,title=tpor-no-credit::TPOR earns/);
  assert.match(lines[1], /^::warning file=a b\.assoc\.yaml,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=partner-id-format::.*\(partner-id-format\)$/);
});

test('--max-warnings and --quiet', () => {
  const dir = workspace({ 'w.assoc.yaml': WARN });
  assert.equal(run(dir, '--max-warnings', '1').code, 0);
  const over = run(dir, '--max-warnings', '0');
  assert.equal(over.code, 1);
  assert.match(over.err, /1 warnings, more than --max-warnings 0/);
  const quiet = run(dir, '--quiet', '--format', 'json');
  assert.deepEqual(JSON.parse(quiet.out), []);
});

test('--program overrides the file and the configuration', () => {
  const text = VALID.replace('associations:\n', 'program: "2026-05"\nassociations:\n').replace('licensing: EA', 'licensing: AzurePlan');
  const dir = workspace({ 'a.assoc.yaml': text, '.assocrc.yaml': 'program: 2026-05\n' });
  const rules = (args: string[]) => JSON.parse(run(dir, '--format', 'json', ...args).out).map((d: { rule: string }) => d.rule);
  assert.deepEqual(rules([]), ['dpor-enterprise-agreement']);
  assert.deepEqual(rules(['--program', '2023-08']), []);
});

test('.assocrc.yaml changes severities and turns rules off; the nearest one applies', () => {
  const bad = VALID.replace('partnerId: 1234567', 'partnerId: 12345');
  const dir = workspace({
    'a.assoc.yaml': bad,
    'strict/b.assoc.yaml': bad.replace('6b1e0d0e', '1b1e0d0e'),
    'strict/.assocrc.yaml': 'rules:\n  partner-id-format: error\n',
    'quiet/c.assoc.yaml': bad.replace('6b1e0d0e', '2b1e0d0e').replace('0f1e2d3c', '1f1e2d3c'),
    'quiet/.assocrc.yaml': 'rules: { partner-id-format: off }\n',
  });
  const r = run(dir, '--format', 'json');
  const out = JSON.parse(r.out).map((d: { file: string; severity: string; rule: string }) => `${d.file} ${d.severity} ${d.rule}`);
  assert.ok(out.includes('a.assoc.yaml warning partner-id-format'), out.join('\n'));
  assert.ok(out.includes('strict/b.assoc.yaml error partner-id-format'), out.join('\n'));
  assert.ok(!out.some((l: string) => l.startsWith('quiet/')), out.join('\n'));
});

test('a broken .assocrc.yaml is reported and fails the run', () => {
  const dir = workspace({ 'a.assoc.yaml': VALID, '.assocrc.yaml': 'rules:\n  no-such-rule: error\n  schema: loud\n' });
  const r = run(dir);
  assert.equal(r.code, 2);
  assert.match(r.err, /\.assocrc\.yaml:2: unknown rule `no-such-rule`/);
  assert.match(r.err, /\.assocrc\.yaml:3: `schema` must be error, warning, info or off/);
});

test('usage errors exit 2 with a message', () => {
  const dir = workspace({ 'a.assoc.yaml': VALID });
  for (const args of [['--format', 'xml'], ['--program', '2024-01'], ['--max-warnings', 'many'], ['--no-such-flag']]) {
    const r = run(dir, ...args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, /^assoc-lint: /);
    assert.doesNotMatch(r.err, /at .*\.js:\d+/, 'no stack trace');
  }
  const help = run(dir, '--help');
  assert.equal(help.code, 0);
  assert.match(help.out, /Usage: assoc-lint/);
});

test('a missing path is reported, the other paths are still checked, exit 2', () => {
  const dir = workspace({ 'b.assoc.yaml': VALID.replace('licensing: EA', 'licensing: XX') });
  const r = run(dir, 'missing.assoc.yaml', 'b.assoc.yaml', '--format', 'json');
  assert.equal(r.code, 2);
  assert.match(r.err, /no such file or folder: missing\.assoc\.yaml/);
  assert.equal(JSON.parse(r.out)[0].rule, 'schema');
});

test('bad input in a folder: each file gets its diagnostic and the run goes on', () => {
  const dir = workspace({
    'bin.assoc.yaml': '\u0000\u0001binary',
    'empty.assoc.yaml': '',
    'list.assoc.yaml': '- 1\n',
    'broken.assoc.yaml': 'version: [1\n',
    'two.assoc.yaml': `${VALID}---\nversion: 1\n`,
    'ok.assoc.yaml': VALID.replace('6b1e0d0e', 'ab1e0d0e').replace('0f1e2d3c', 'af1e2d3c'),
  });
  const r = run(dir, '--format', 'json');
  assert.equal(r.code, 1);
  assert.equal(r.err, '');
  const byFile = new Map<string, string[]>();
  for (const d of JSON.parse(r.out)) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d.rule]);
  assert.deepEqual(byFile.get('bin.assoc.yaml'), ['yaml-syntax']);
  assert.deepEqual(byFile.get('empty.assoc.yaml'), ['schema']);
  assert.deepEqual(byFile.get('list.assoc.yaml'), ['schema']);
  assert.ok(byFile.get('broken.assoc.yaml')?.every((x) => x === 'yaml-syntax'));
  assert.deepEqual(byFile.get('two.assoc.yaml'), ['yaml-syntax']);
  assert.equal(byFile.get('ok.assoc.yaml'), undefined);
});

test('the shipped examples show exactly their deliberate mistakes', () => {
  const r = run(join(__dirname, '..'), 'examples/', '--format', 'json');
  assert.equal(r.code, 1, r.err);
  const got = JSON.parse(r.out).map((d: { file: string; rule: string }) => `${d.file.replace('examples/customers/', '')} ${d.rule}`);
  assert.deepEqual(got, [
    'enterprise/adventure-works.assoc.yaml csp-indirect-provider',
    'enterprise/fabrikam.assoc.yaml cpor-role-recognition',
    'enterprise/wide-world-importers.assoc.yaml dpor-one-per-subscription',
    'smb/litware.assoc.yaml dpor-one-per-subscription',
    'smb/northwind-traders.assoc.yaml solution-area-eligibility',
    'smb/northwind-traders.assoc.yaml schema',
  ]);
  const marked = JSON.parse(r.out).every((d: { file: string; line: number }) => {
    const lines = readFileSync(join(__dirname, '..', d.file), 'utf8').split('\n');
    return lines.slice(Math.max(0, d.line - 3), d.line + 2).some((l) => l.includes('# deliberate'));
  });
  assert.ok(marked, 'every finding is marked # deliberate near its line');
});

test('FIFOs, devices and symlinks out of the folder are passed over with a note; the other results are all printed', () => {
  const outside = workspace({ 'secret.assoc.yaml': 'version: TOP-SECRET-VALUE\n' });
  const dir = workspace({ 'a.assoc.yaml': VALID, 'b.assoc.yaml': OTHER });
  spawnSync('mkfifo', [join(dir, 'pipe.assoc.yaml')]);
  symlinkSync('/dev/zero', join(dir, 'zero.assoc.yaml'));
  symlinkSync(join(outside, 'secret.assoc.yaml'), join(dir, 'leak.assoc.yaml'));
  const started = Date.now();
  const r = spawnSync(process.execPath, [BIN, '.', '--format', 'json'], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
  assert.ok(Date.now() - started < 20_000, 'no hang');
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).map((d: { file: string; rule: string }) => [d.file, d.rule]), [
    ['a.assoc.yaml', 'dpor-one-per-subscription'],
    ['b.assoc.yaml', 'dpor-one-per-subscription'],
  ]);
  assert.match(r.stderr, /pipe\.assoc\.yaml: a FIFO, not a regular file/);
  assert.match(r.stderr, /zero\.assoc\.yaml: a symlink out of the folder being checked/);
  assert.match(r.stderr, /leak\.assoc\.yaml: a symlink out of the folder being checked/);
  assert.doesNotMatch(r.stdout + r.stderr, /TOP-SECRET/);
});

test('a FIFO named on the command line is not read: exit 2, saying why', () => {
  const dir = workspace({ 'a.assoc.yaml': VALID });
  spawnSync('mkfifo', [join(dir, 'pipe.assoc.yaml')]);
  const r = spawnSync(process.execPath, [BIN, 'a.assoc.yaml', 'pipe.assoc.yaml'], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /cannot read pipe\.assoc\.yaml: a FIFO, not a regular file/);
  assert.match(r.stdout, /No problems found \(1 file checked\)/);
});

test('a rule that fails is an internal error: exit 2, its diagnostic printed, every other rule and file still checked', () => {
  const dir = workspace({ 'a.assoc.yaml': VALID, 'b.assoc.yaml': OTHER.replace('licensing: EA', 'licensing: EAX') });
  const r = spawnSync(process.execPath, [BIN, '.', '--format', 'json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, ASSOC_TEST_FAIL_RULE: 'date-range' } });
  assert.equal(r.status, 2);
  const out = JSON.parse(r.stdout) as Array<{ file: string; rule: string; message: string }>;
  assert.deepEqual(out.filter((d) => d.rule === 'date-range').map((d) => d.file), ['a.assoc.yaml', 'b.assoc.yaml']);
  assert.ok(out.some((d) => d.rule === 'schema'));
  assert.match(r.stderr, /internal error: a\.assoc\.yaml: the check date-range failed/);
});

test('a file over 10 MB is one diagnostic, not read', () => {
  const dir = workspace({ 'big.assoc.yaml': `version: 1\nnote: "${'x'.repeat(10 * 1024 * 1024 + 10)}"\n` });
  const r = run(dir, '--format', 'json');
  assert.equal(r.code, 1);
  assert.deepEqual(JSON.parse(r.out).map((d: { line: number; rule: string }) => [d.line, d.rule]), [[1, 'yaml-syntax']]);
});
