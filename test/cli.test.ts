// Scenario tests of the built assoc-lint binary, run as a process.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync, readFileSync, existsSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { VALID, makeWorkspace } from './helpers';

const BIN = join(__dirname, '..', 'dist', 'assoc-lint.js');

/** The environment without the colour switches of whoever runs the tests. */
function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const e = { ...process.env, ...extra };
  for (const k of ['FORCE_COLOR', 'NO_COLOR'] as const) if (!(k in extra)) delete e[k];
  return e;
}

function runWith(cwd: string, args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', input: options.input, env: env(options.env) });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function run(cwd: string, ...args: string[]) {
  return runWith(cwd, args);
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
  const dir = makeWorkspace({ 'a.assoc.yaml': VALID });
  const r = run(dir);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /No problems found \(1 file checked\)/);
});

test('--format json as the README gives it: fields, 1-based positions, relative paths; errors exit 1', () => {
  const dir = makeWorkspace({ 'customers/fabrikam.assoc.yaml': VALID, 'customers/eu/fabrikam-eu.assoc.yml': OTHER, 'notes.yaml': 'not: a record' });
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

test('stylish: the absolute path on a line of its own, then position, severity, rule id and message on one line; the other record named', () => {
  const dir = makeWorkspace({ 'a.assoc.yaml': VALID, 'b.assoc.yaml': OTHER });
  const r = run(dir, 'a.assoc.yaml', 'b.assoc.yaml');
  assert.equal(r.code, 1);
  const lines = r.out.split('\n');
  assert.equal(lines[0], join(dir, 'a.assoc.yaml'));
  assert.match(lines[1], /^  16:11  error  dpor-one-per-subscription  This DPOR overlaps another DPOR on subscription \S+; .* See also b\.assoc\.yaml:16:11\.$/);
  assert.equal(lines[2], '');
  assert.equal(lines[3], join(dir, 'b.assoc.yaml'));
  assert.match(lines[4], /See also a\.assoc\.yaml:16:11\.$/);
  assert.equal(lines[6], '2 problems (2 errors, 0 warnings, 0 info) in 2 files checked.');
  assert.doesNotMatch(r.out, /\x1b\[/, 'no colour when standard output is not a terminal');
});

test('stylish: columns line up within a file; plurals are right', () => {
  const r = run(join(__dirname, '..'), 'examples/customers/smb/northwind-traders.assoc.yaml');
  const rows = r.out.split('\n').slice(1, 3);
  assert.match(rows[0], /^  27:9   error  solution-area-eligibility  CSP does not count/);
  assert.match(rows[1], /^  44:13  error  schema                     "service-principle" is not/);
  assert.match(r.out, /\n2 problems \(2 errors, 0 warnings, 0 info\) in 1 file checked\.\n$/);
  const one = run(makeWorkspace({ 'w.assoc.yaml': WARN.replace('program: "2026-05"\n', '').replace(/  - type: TPOR[\s\S]*?advisor: Kim Akers\n/, '') }));
  assert.match(one.out, /\n1 problem \(0 errors, 1 warning, 0 info\) in 1 file checked\.\n$/);
});

test('cross-file rules only see the files given', () => {
  const dir = makeWorkspace({ 'a.assoc.yaml': VALID, 'b.assoc.yaml': OTHER });
  assert.equal(run(dir, 'a.assoc.yaml').code, 0);
});

test('--format sarif is valid SARIF 2.1.0', () => {
  const dir = makeWorkspace({ 'a.assoc.yaml': VALID, 'b.assoc.yaml': OTHER, 'w.assoc.yaml': WARN.replace('6b1e0d0e', '9b1e0d0e').replace('0f1e2d3c', '9f1e2d3c') });
  const r = run(dir, '--format', 'sarif');
  assert.equal(r.code, 1);
  const log = JSON.parse(r.out);
  const schemaPath = join(__dirname, 'fixtures', 'sarif', 'sarif-2.1.0.json');
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
  const dir = makeWorkspace({ 'a b.assoc.yaml': WARN });
  const r = run(dir, '--format', 'github');
  assert.equal(r.code, 0, r.err);
  const lines = r.out.trim().split('\n');
  assert.equal(lines.length, 2);
  assert.match(lines[0], /^::notice file=a b\.assoc\.yaml,line=17,col=11,endLine=17,endColumn=15,title=tpor-no-credit::TPOR earns/);
  assert.match(lines[1], /^::warning file=a b\.assoc\.yaml,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=partner-id-format::.*\(partner-id-format\)$/);
});

test('--format github names files from the repository root, as GitHub reads them, even when run in a sub-folder', () => {
  // The runner takes a relative `file=` as relative to the repository, not to the step's working-directory.
  const repo = makeWorkspace({ '.git/HEAD': 'ref: refs/heads/main\n', 'records/a.assoc.yaml': VALID, 'records/sub/b.assoc.yaml': OTHER });
  const outside = makeWorkspace({ 'x.assoc.yaml': WARN });
  const r = run(join(repo, 'records'), '.', join(outside, 'x.assoc.yaml'), '--format', 'github');
  assert.equal(r.code, 1, r.err);
  const files = new Set(r.out.trim().split('\n').map((l) => /^::\w+ file=([^,]*),/.exec(l)?.[1]));
  // A file outside the repository keeps its absolute path.
  assert.deepEqual([...files].sort(), [join(outside, 'x.assoc.yaml'), 'records/a.assoc.yaml', 'records/sub/b.assoc.yaml']);
  // The other record of a cross-file finding is named the same way.
  assert.match(r.out, /^::error file=records\/a\.assoc\.yaml,.*See also .*records\/sub\/b\.assoc\.yaml:16:11\./m);
  // Without a repository, the working folder is the root.
  assert.match(run(outside, '--format', 'github').out, /^::notice file=x\.assoc\.yaml,/);
});

test('--max-warnings and --quiet', () => {
  const dir = makeWorkspace({ 'w.assoc.yaml': WARN });
  assert.equal(run(dir, '--max-warnings', '1').code, 0);
  const over = run(dir, '--max-warnings', '0');
  assert.equal(over.code, 1);
  assert.match(over.err, /^assoc-lint: too many warnings: 1 warning, and --max-warnings allows 0$/m);
  const quiet = run(dir, '--quiet', '--format', 'json');
  assert.deepEqual(JSON.parse(quiet.out), []);
  // Stylish says there are no errors, not that there is no problem.
  const said = run(dir, '--quiet');
  assert.equal(said.code, 0);
  assert.equal(said.out, 'No errors found (1 file checked; --quiet hid 2 warnings or info).\n');
  // The short forms, and --quiet leaves warnings out of --max-warnings too.
  const short = run(dir, '-q', '-f', 'json', '--max-warnings', '0');
  assert.equal(short.code, 0);
  assert.deepEqual(JSON.parse(short.out), []);
  assert.equal(run(dir, '-f', 'json').out, run(dir, '--format', 'json').out);
});

test('--program overrides the file and the configuration', () => {
  const text = VALID.replace('associations:\n', 'program: "2026-05"\nassociations:\n').replace('licensing: EA', 'licensing: AzurePlan');
  const dir = makeWorkspace({ 'a.assoc.yaml': text, '.assocrc.yaml': 'program: 2026-05\n' });
  const rules = (args: string[]) => JSON.parse(run(dir, '--format', 'json', ...args).out).map((d: { rule: string }) => d.rule);
  assert.deepEqual(rules([]), ['dpor-enterprise-agreement']);
  assert.deepEqual(rules(['--program', '2023-08']), []);
});

test('.assocrc.yaml changes severities and turns rules off; the nearest one applies', () => {
  const bad = VALID.replace('partnerId: 1234567', 'partnerId: 12345');
  const dir = makeWorkspace({
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
  const dir = makeWorkspace({ 'a.assoc.yaml': VALID, '.assocrc.yaml': 'rules:\n  no-such-rule: error\n  schema: loud\n' });
  const r = run(dir);
  assert.equal(r.code, 2);
  assert.match(r.err, /\.assocrc\.yaml:2: unknown rule `no-such-rule`/);
  assert.match(r.err, /\.assocrc\.yaml:3: `schema` must be error, warning, info or off/);
});

test('usage errors exit 2 with a message in our words, quotes balanced, and a pointer to --help', () => {
  const dir = makeWorkspace({ 'a.assoc.yaml': VALID });
  const cases: Array<[string[], RegExp]> = [
    [['--format', 'xml'], /--format must be stylish, json, sarif or github, not "xml"/],
    [['-f', 'xml'], /--format must be/],
    [['--format'], /--format needs a value \(stylish\|json\|sarif\|github\)/],
    [['--program', '2024-01'], /--program must be 2023-08 or 2026-05, not "2024-01"/],
    [['--max-warnings', 'many'], /--max-warnings takes a whole number, not "many"/],
    [['--no-such-flag'], /^assoc-lint: unknown option --no-such-flag$/m],
    [['--fromat', 'json'], /unknown option --fromat; did you mean --format\?/],
    [['--quiet=yes'], /--quiet takes no value/],
    [['--fix', '--fix-dry-run'], /--fix and --fix-dry-run cannot be used together/],
    [['--stdin-filename', 'a.assoc.yaml'], /--stdin-filename goes with --stdin/],
    [['--stdin', '--fix'], /--fix cannot write to standard input; use --fix-dry-run/],
    [['--color', '--no-color'], /--color and --no-color cannot be used together/],
    [['--list-rules', '--format', 'sarif'], /--list-rules prints text, or JSON with --format json, not sarif/],
    [['--ignore-pattern', '../records/x.assoc.yaml', '.'], /--ignore-pattern \.\.\/records\/x\.assoc\.yaml reaches out of the working folder, and would leave out nothing/],
  ];
  for (const [args, message] of cases) {
    const r = run(dir, ...args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, message, args.join(' '));
    assert.match(r.err, /^assoc-lint: /);
    assert.match(r.err, /Run "assoc-lint --help" to see the options\.\n$/);
    assert.equal(r.err.split("'").length % 2, 1, `balanced quotes: ${r.err}`);
    assert.equal(r.err.split('"').length % 2, 1, `balanced quotes: ${r.err}`);
    assert.doesNotMatch(r.err, /at .*\.js:\d+/, 'no stack trace');
    assert.equal(r.out, '');
  }
});

test('--help names every option, short forms too; -v and --version print the version', () => {
  const help = run(tmpdir(), '--help');
  assert.equal(help.code, 0);
  assert.match(help.out, /^Usage: assoc-lint \[options\] \[paths\.\.\.\]/);
  for (const flag of ['-f, --format', '-o, --output-file', '--program', '--max-warnings', '-q, --quiet', '--fix', '--fix-dry-run', '--stdin', '--stdin-filename', '--ignore-pattern', '--allow-empty', '--color', '--no-color', '--list-rules', '--print-config', '-h, --help', '-v, --version']) {
    assert.ok(help.out.includes(flag), `${flag} in --help`);
  }
  assert.match(help.out, /Exit status:[\s\S]*2  a usage error, a path that matches no record file/);
  assert.ok(help.out.split('\n').every((l) => l.length <= 80), 'the help fits 80 columns');
  assert.equal(run(tmpdir(), '-h').out, help.out);
  const version = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')).version;
  assert.equal(run(tmpdir(), '--version').out, `${version}\n`);
  assert.equal(run(tmpdir(), '-v').out, `${version}\n`);
});

test('a missing path is reported, the other paths are still checked, exit 2', () => {
  const dir = makeWorkspace({ 'b.assoc.yaml': VALID.replace('licensing: EA', 'licensing: XX'), 'c.assoc.yaml': VALID });
  const r = run(dir, 'missing.assoc.yaml', 'b.assoc.yaml', '--format', 'json');
  assert.equal(r.code, 2);
  assert.match(r.err, /no such file or folder: missing\.assoc\.yaml/);
  assert.equal(JSON.parse(r.out)[0].rule, 'schema');
  const clean = run(dir, 'missing.assoc.yaml', 'c.assoc.yaml');
  assert.equal(clean.code, 2);
  assert.doesNotMatch(clean.out, /No problems found/);
  assert.equal(clean.out, 'Not everything could be checked; no problems in the 1 file checked.\n');
  const both = run(dir, 'missing.assoc.yaml', 'b.assoc.yaml');
  assert.match(both.out, /1 problem \(1 error, 0 warnings, 0 info\) in 1 file checked\.\nNot everything could be checked: see the messages above\.\n$/);
});

test('bad input in a folder: each file gets its diagnostic and the run goes on', () => {
  const dir = makeWorkspace({
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
  const outside = makeWorkspace({ 'secret.assoc.yaml': 'version: TOP-SECRET-VALUE\n' });
  const dir = makeWorkspace({ 'a.assoc.yaml': VALID, 'b.assoc.yaml': OTHER });
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
  const dir = makeWorkspace({ 'a.assoc.yaml': VALID });
  spawnSync('mkfifo', [join(dir, 'pipe.assoc.yaml')]);
  const r = spawnSync(process.execPath, [BIN, 'a.assoc.yaml', 'pipe.assoc.yaml'], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /cannot read pipe\.assoc\.yaml: a FIFO, not a regular file/);
  assert.doesNotMatch(r.stdout, /No problems found/);
  assert.match(r.stdout, /no problems in the 1 file checked/);
});

test('a rule that fails is an internal error: exit 2, its diagnostic printed, every other rule and file still checked', () => {
  const dir = makeWorkspace({ 'a.assoc.yaml': VALID, 'b.assoc.yaml': OTHER.replace('licensing: EA', 'licensing: EAX') });
  const r = spawnSync(process.execPath, [BIN, '.', '--format', 'json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, ASSOC_TEST_FAIL_RULE: 'date-range' } });
  assert.equal(r.status, 2);
  const out = JSON.parse(r.stdout) as Array<{ file: string; rule: string; message: string }>;
  assert.deepEqual(out.filter((d) => d.rule === 'date-range').map((d) => d.file), ['a.assoc.yaml', 'b.assoc.yaml']);
  assert.ok(out.some((d) => d.rule === 'schema'));
  assert.match(r.stderr, /internal error: a\.assoc\.yaml: the check date-range failed/);
});

test('a file over 10 MB is one diagnostic, not read', () => {
  const dir = makeWorkspace({ 'big.assoc.yaml': `version: 1\nnote: "${'x'.repeat(10 * 1024 * 1024 + 10)}"\n` });
  const r = run(dir, '--format', 'json');
  assert.equal(r.code, 1);
  assert.deepEqual(JSON.parse(r.out).map((d: { line: number; rule: string }) => [d.line, d.rule]), [[1, 'yaml-syntax']]);
});

// ---- paths that match no record file, globs, .assocignore

test('an empty folder, a mistyped folder and a glob that matches nothing fail the run, naming each path; --allow-empty lets them pass', () => {
  const dir = makeWorkspace({ 'records/a.assoc.yaml': VALID, 'empty/notes.yaml': 'not: a record\n' });
  const empty = run(dir, 'empty');
  assert.equal(empty.code, 2);
  assert.equal(empty.err, 'assoc-lint: no record file (*.assoc.yaml, *.assoc.yml) in the folder empty\n');
  assert.equal(empty.out, 'Nothing was checked.\n');
  const typo = run(dir, 'recrods/');
  assert.equal(typo.code, 2);
  assert.equal(typo.err, 'assoc-lint: no such file or folder: recrods/\n');
  assert.doesNotMatch(typo.out, /No problems found/);
  const glob = run(dir, 'records/*.assoc.yml', 'empty', '--format', 'json');
  assert.equal(glob.code, 2);
  assert.match(glob.err, /no record file \(\*\.assoc\.yaml, \*\.assoc\.yml\) matches the pattern records\/\*\.assoc\.yml\n/);
  assert.match(glob.err, /in the folder empty\n/);
  assert.deepEqual(JSON.parse(glob.out), []);
  // One good path does not hide a bad one.
  const mixed = run(dir, 'records', 'empty');
  assert.equal(mixed.code, 2);
  assert.match(mixed.out, /no problems in the 1 file checked/);
  const allowed = run(dir, 'empty', '--allow-empty');
  assert.equal(allowed.code, 0);
  assert.equal(allowed.out, 'No files checked.\n');
  assert.match(allowed.err, /no record file .* in the folder empty/);
  // A missing path is still a problem with --allow-empty: it is not empty, it is not there.
  assert.equal(run(dir, 'recrods', '--allow-empty').code, 2);
  // The default path, an empty working folder.
  assert.equal(run(join(dir, 'empty')).code, 2);
});

test('a quoted glob is expanded by assoc-lint: record files only, from its fixed leading folders; a path that exists is taken as it is', () => {
  // Every record here is broken, so that each file checked shows in the report.
  const BAD = 'version: [\n';
  const dir = makeWorkspace({
    'records/2024/a.assoc.yaml': BAD,
    'records/2025/b.assoc.yml': BAD,
    'records/2025/c.yaml': BAD,
    'records/node_modules/x.assoc.yaml': BAD,
    'other/d.assoc.yaml': BAD,
    'lit[eral]/e.assoc.yaml': BAD,
  });
  const files = (args: string[]) => {
    const r = run(dir, ...args, '--format', 'json');
    assert.equal(r.err, '', args.join(' '));
    return [...new Set(JSON.parse(r.out).map((d: { file: string }) => d.file))];
  };
  assert.deepEqual(files(['records/**/*.assoc.{yaml,yml}']), ['records/2024/a.assoc.yaml', 'records/2025/b.assoc.yml']);
  assert.deepEqual(files(['records/**']), ['records/2024/a.assoc.yaml', 'records/2025/b.assoc.yml']);
  assert.deepEqual(files([join(dir, 'records', '*', 'a.assoc.yaml'), 'records/2025/*']), ['records/2024/a.assoc.yaml', 'records/2025/b.assoc.yml']);
  assert.deepEqual(files(['**/*.assoc.yaml']), ['lit[eral]/e.assoc.yaml', 'other/d.assoc.yaml', 'records/2024/a.assoc.yaml']);
  // `lit[eral]` exists, so it is a folder, not a pattern.
  assert.deepEqual(files(['lit[eral]']), ['lit[eral]/e.assoc.yaml']);
});

test('.assocignore and --ignore-pattern leave files out of folder walks and globs; a file named on the command line is skipped with a note', () => {
  const dir = makeWorkspace({
    '.git/HEAD': '',
    '.assocignore': '# not submitted yet\ndrafts/\n',
    'a.assoc.yaml': VALID,
    'drafts/rival.assoc.yaml': OTHER,
    'archive/old.assoc.yaml': 'version: [\n',
    'archive/older.assoc.yaml': 'version: [\n',
  });
  const r = run(dir, '--ignore-pattern', 'archive/old.assoc.yaml', '--ignore-pattern', 'older*');
  assert.equal(r.code, 0, r.out + r.err);
  assert.equal(r.out, 'No problems found (1 file checked).\n');
  assert.equal(r.err, '');
  // Without --ignore-pattern the archive is checked; without .assocignore the draft conflicts.
  assert.equal(run(dir).code, 1);
  const named = run(dir, 'a.assoc.yaml', 'drafts/rival.assoc.yaml');
  assert.equal(named.code, 0);
  assert.equal(named.err, `assoc-lint: skipped drafts/rival.assoc.yaml: left out by ${join(dir, '.assocignore')}\n`);
  assert.equal(named.out, 'No problems found (1 file checked).\n');
  // A folder whose every record is left out is an empty folder, saying why.
  const drafts = run(dir, 'drafts');
  assert.equal(drafts.code, 2);
  assert.match(drafts.err, /no record file \(\*\.assoc\.yaml, \*\.assoc\.yml\) in the folder drafts \(1 record file left out by \.assocignore or --ignore-pattern\)/);
  // A glob too: here every folder it reaches is left out.
  const glob = run(dir, '*/*.assoc.yaml', '--ignore-pattern', 'archive');
  assert.equal(glob.code, 2);
  assert.match(glob.err, /no record file .* matches the pattern \*\/\*\.assoc\.yaml \(2 folders left out by \.assocignore or --ignore-pattern\)/);
  // Above the repository root (.git), an .assocignore is not read.
  const sub = makeWorkspace({ '.assocignore': '*.assoc.yaml\n', 'repo/.git/HEAD': '', 'repo/a.assoc.yaml': VALID });
  assert.equal(run(join(sub, 'repo')).out, 'No problems found (1 file checked).\n');
});

// ---- --stdin

test('--stdin with --stdin-filename behaves exactly like the file: every format, the same output and exit status', () => {
  const root = join(__dirname, '..');
  for (const file of ['examples/customers/smb/northwind-traders.assoc.yaml', 'examples/customers/enterprise/contoso.assoc.yaml']) {
    const text = readFileSync(join(root, file), 'utf8');
    for (const format of ['stylish', 'json', 'sarif', 'github']) {
      const direct = run(root, file, '--format', format);
      const piped = runWith(root, ['--stdin', '--stdin-filename', file, '--format', format], { input: text });
      assert.deepEqual(piped, direct, `${file} as ${format}`);
    }
  }
});

test('--stdin: cross-file rules compare it with the other files of the run, where it stands for the file it names', () => {
  const dir = makeWorkspace({ 'a.assoc.yaml': VALID, 'b.assoc.yaml': VALID.replace('6b1e0d0e', '1b1e0d0e').replace('0f1e2d3c', '1f1e2d3c') });
  // On disk b does not conflict with a; the text piped in for b does.
  const direct = run(dir, '--format', 'json');
  assert.equal(direct.code, 0);
  const r = runWith(dir, ['--stdin', '--stdin-filename', 'b.assoc.yaml', '.', '--format', 'json'], { input: OTHER });
  assert.equal(r.code, 1, r.err);
  assert.deepEqual(JSON.parse(r.out).map((d: { file: string; rule: string }) => `${d.file} ${d.rule}`), ['a.assoc.yaml dpor-one-per-subscription', 'b.assoc.yaml dpor-one-per-subscription']);
  // Alone, the text has nothing to conflict with.
  assert.equal(runWith(dir, ['--stdin', '--stdin-filename', 'b.assoc.yaml'], { input: OTHER }).code, 0);
  // Without a name it is <stdin>, configured from the working folder.
  const anon = runWith(dir, ['--stdin'], { input: VALID.replace('licensing: EA', 'licensing: XX') });
  assert.equal(anon.code, 1);
  assert.match(anon.out, /^<stdin>\n  13:16  error  schema  /);
  // .assocignore applies to the name given.
  writeFileSync(join(dir, '.assocignore'), 'b.assoc.yaml\n');
  const ignored = runWith(dir, ['--stdin', '--stdin-filename', 'b.assoc.yaml'], { input: OTHER });
  assert.equal(ignored.code, 0);
  assert.match(ignored.err, /skipped b\.assoc\.yaml: left out by .*\.assocignore/);
});

test('--stdin over the size limit is one diagnostic, as the file would be', () => {
  const dir = makeWorkspace({});
  const big = `version: 1\nnote: "${'x'.repeat(10 * 1024 * 1024 + 10)}"\n`;
  writeFileSync(join(dir, 'big.assoc.yaml'), big);
  const piped = runWith(dir, ['--stdin', '--stdin-filename', 'big.assoc.yaml', '--format', 'json'], { input: big });
  assert.deepEqual(piped, run(dir, 'big.assoc.yaml', '--format', 'json'));
  assert.equal(piped.code, 1);
});

// ---- --output-file

test('--output-file writes the report to a file, making its folder; standard output stays empty; a file that cannot be written is exit 2', () => {
  const dir = makeWorkspace({ 'a.assoc.yaml': VALID, 'b.assoc.yaml': OTHER });
  const r = run(dir, '--format', 'sarif', '--output-file', 'reports/out.sarif');
  assert.equal(r.code, 1);
  assert.equal(r.out, '');
  assert.equal(JSON.parse(readFileSync(join(dir, 'reports', 'out.sarif'), 'utf8')).runs[0].results.length, 2);
  const short = run(dir, '-o', 'out.txt', '--color');
  assert.equal(short.code, 1);
  assert.match(readFileSync(join(dir, 'out.txt'), 'utf8'), /\x1b\[31merror/, '--color colours a file too');
  run(dir, '-o', 'plain.txt', '--no-color');
  assert.doesNotMatch(readFileSync(join(dir, 'plain.txt'), 'utf8'), /\x1b\[/);
  const bad = run(dir, '-o', join(dir, 'a.assoc.yaml', 'out.txt'));
  assert.equal(bad.code, 2);
  assert.match(bad.err, /^assoc-lint: cannot write .*out\.txt: a file stands where the path needs a folder \((ENOTDIR|EEXIST)\)$/m);
});

// ---- --list-rules, --print-config

test('--list-rules: every rule, its default severity, editions, description and a page that exists; --format json', () => {
  const r = run(tmpdir(), '--list-rules');
  assert.equal(r.code, 0);
  const rules = JSON.parse(run(tmpdir(), '--list-rules', '--format', 'json').out) as Array<{ id: string; defaultSeverity: string; editions: string[]; description: string; docs: string }>;
  assert.equal(rules.length, 25);
  const table = readFileSync(join(__dirname, '..', 'docs', 'rules', 'README.md'), 'utf8');
  for (const rule of rules) {
    assert.ok(existsSync(rule.docs), rule.docs);
    assert.ok(table.includes(`[${rule.id}](${rule.id}.md) | ${rule.defaultSeverity} |`), rule.id);
    assert.ok(r.out.includes(`\n  ${rule.description}\n  ${rule.docs}\n`), rule.id);
  }
  assert.match(r.out, /^dpor-enterprise-agreement +warning +edition 2026-05 only$/m);
  assert.match(r.out, /^dpor-one-per-subscription +error +all editions$/m);
});

test('--print-config: the edition and each severity, and where each comes from', () => {
  const dir = makeWorkspace({
    '.git/HEAD': '',
    'team/.assocrc.yaml': 'program: 2026-05\nrules:\n  partner-id-format: error\n  cpor-poe: off\n',
    'team/a.assoc.yaml': VALID,
    'team/b.assoc.yaml': VALID.replace('associations:\n', 'program: "2023-08"\nassociations:\n'),
    'c.assoc.yaml': VALID,
  });
  const json = (args: string[]) => JSON.parse(run(dir, '--format', 'json', '--print-config', ...args).out);
  const a = json(['team/a.assoc.yaml']);
  assert.deepEqual(a.edition, { value: '2026-05', source: { kind: 'config', path: join(dir, 'team', '.assocrc.yaml') } });
  assert.equal(a.configFile, join(dir, 'team', '.assocrc.yaml'));
  const rule = (c: { rules: Array<{ id: string; runs: boolean }> }, id: string) => c.rules.find((x) => x.id === id);
  assert.deepEqual(rule(a, 'partner-id-format'), { id: 'partner-id-format', severity: 'error', source: { kind: 'config', path: join(dir, 'team', '.assocrc.yaml') }, runs: true });
  assert.deepEqual(rule(a, 'cpor-poe'), { id: 'cpor-poe', severity: 'off', source: { kind: 'config', path: join(dir, 'team', '.assocrc.yaml') }, runs: false });
  assert.deepEqual(rule(a, 'schema'), { id: 'schema', severity: 'error', source: { kind: 'default' }, runs: true });
  assert.deepEqual(json(['team/b.assoc.yaml']).edition, { value: '2023-08', source: { kind: 'file', line: 15 } });
  assert.deepEqual(json(['team/b.assoc.yaml', '--program', '2026-05']).edition, { value: '2026-05', source: { kind: 'option' } });
  const c = json(['c.assoc.yaml']);
  assert.deepEqual([c.edition, c.configFile], [{ value: '2023-08', source: { kind: 'default' } }, null]);
  assert.equal(rule(c, 'segment-track')?.runs, false, 'segment-track runs only in 2026-05');

  const text = run(dir, '--print-config', 'team/b.assoc.yaml');
  assert.equal(text.code, 0);
  assert.match(text.out, /^Edition: 2023-08, from the file's program: \(line 15\)$/m);
  assert.match(text.out, /^  partner-id-format +error +from .*team\/\.assocrc\.yaml$/m);
  assert.match(text.out, /^  segment-track +warning +from default +\(does not run in 2023-08\)$/m);
  // A file that is not there yet: what a record there would get.
  const missing = run(dir, '--print-config', 'team/new.assoc.yaml');
  assert.equal(missing.code, 0);
  assert.match(missing.out, /^Edition: 2026-05, from .*team\/\.assocrc\.yaml$/m);
  assert.match(missing.err, /team\/new\.assoc\.yaml does not exist/);
  // A folder is not a record: no configuration is printed for it (its parent's would be the wrong one), exit 2.
  const folder = run(dir, '--print-config', 'team');
  assert.equal(folder.code, 2);
  assert.equal(folder.out, '');
  assert.equal(folder.err, 'assoc-lint: team is a folder: --print-config takes the path of a record file (which need not exist yet)\n');
  // A broken configuration is exit 2, as when linting.
  writeFileSync(join(dir, 'team', '.assocrc.yaml'), 'rules:\n  no-such-rule: error\n');
  assert.equal(run(dir, '--print-config', 'team/a.assoc.yaml').code, 2);
});
