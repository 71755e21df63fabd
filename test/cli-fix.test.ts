// `assoc-lint --fix` and `--fix-dry-run`, run as a process on copies of the
// examples and of every rule fixture: what is fixed is gone, every file still
// parses, comments and line endings stay, and nothing else is touched.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Lexer } from 'yaml';
import { diffLines } from 'diff';
import { VALID } from './helpers';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'dist', 'assoc-lint.js');

function run(cwd: string, ...args: string[]) {
  const env = { ...process.env };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function copyOf(dir: string): string {
  const to = mkdtempSync(join(tmpdir(), 'assoc-fix-'));
  cpSync(dir, to, { recursive: true });
  return to;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
}

interface Finding {
  file: string;
  line: number;
  column: number;
  rule: string;
  message: string;
}

const findings = (dir: string, ...args: string[]): Finding[] => JSON.parse(run(dir, '.', '--format', 'json', ...args).out);

/** The fixes a run lists: `  file:line:column  rule  title`. */
function fixesListed(text: string): Array<{ file: string; line: number; column: number; rule: string; title: string }> {
  return [...text.matchAll(/^ {2}(\S+):(\d+):(\d+) +(\S+) +(.+)$/gm)].map((m) => ({ file: m[1], line: Number(m[2]), column: Number(m[3]), rule: m[4], title: m[5] }));
}

/** The comments of a YAML text, each with its line. */
function comments(text: string): Array<{ line: number; text: string }> {
  const out: Array<{ line: number; text: string }> = [];
  let line = 0;
  for (const tok of new Lexer().lex(text)) {
    if (tok.startsWith('#')) out.push({ line, text: tok });
    line += (tok.match(/\n/g) ?? []).length;
  }
  return out;
}

/**
 * Why a fixed text loses a comment it should keep, or undefined: every
 * comment stays, except on lines the fix removed whole (a removal with no
 * line written in its place).
 */
function lostComment(before: string, after: string): string | undefined {
  const removedWhole = new Set<number>();
  let line = 0;
  const parts = diffLines(before, after);
  parts.forEach((p, i) => {
    const n = p.count ?? 0;
    if (p.removed && !parts[i + 1]?.added) for (let k = 0; k < n; k++) removedWhole.add(line + k);
    if (!p.added) line += n;
  });
  const left = comments(after).map((c) => c.text);
  for (const c of comments(before)) {
    if (removedWhole.has(c.line)) continue;
    const i = left.indexOf(c.text);
    if (i < 0) return c.text;
    left.splice(i, 1);
  }
  return undefined;
}

before(() => assert.ok(existsSync(BIN), 'build first: node build.mjs'));

test('--fix repairs a copy of examples/ to the findings no fix can settle, keeping comments; a second run has nothing to fix', () => {
  const dir = copyOf(join(ROOT, 'examples'));
  const r = run(dir, '--fix');
  assert.equal(r.code, 1, r.err);
  assert.equal(r.err, '');
  assert.deepEqual(fixesListed(r.out), [
    { file: 'customers/smb/northwind-traders.assoc.yaml', line: 27, column: 9, rule: 'solution-area-eligibility', title: "Remove 'security'" },
    { file: 'customers/smb/northwind-traders.assoc.yaml', line: 44, column: 13, rule: 'schema', title: "Change to 'service-principal'" },
  ]);
  assert.match(r.out, /^Fixed 2 problems in 1 file:\n/);
  // What remains: a date to choose (the overlapping DPORs), a recognition to choose, a PartnerID to fill in.
  assert.deepEqual(
    findings(dir).map((d) => `${d.file} ${d.rule}`),
    [
      'customers/enterprise/adventure-works.assoc.yaml csp-indirect-provider',
      'customers/enterprise/fabrikam.assoc.yaml cpor-role-recognition',
      'customers/enterprise/wide-world-importers.assoc.yaml dpor-one-per-subscription',
      'customers/smb/litware.assoc.yaml dpor-one-per-subscription',
    ],
  );
  assert.match(r.out, /\n4 problems \(4 errors, 0 warnings, 0 info\) in 8 files checked\.\n$/);
  for (const f of filesUnder(dir)) {
    const before = readFileSync(join(ROOT, 'examples', f), 'utf8');
    const after = readFileSync(join(dir, f), 'utf8');
    if (f !== 'customers/smb/northwind-traders.assoc.yaml') assert.equal(after, before, `${f} is untouched`);
    else {
      assert.equal(lostComment(before, after), undefined, f);
      assert.match(after, /kind: service-principal {3}# deliberate: misspelt, should be service-principal\n/);
    }
  }
  const again = run(dir, '--fix');
  assert.equal(again.code, 1);
  assert.match(again.out, /^No safe fixes to apply\.\n/);
  assert.equal(readFileSync(join(dir, 'customers/smb/northwind-traders.assoc.yaml'), 'utf8'), readFileSync(join(dir, 'customers/smb/northwind-traders.assoc.yaml'), 'utf8'));
});

test('--fix-dry-run prints a unified diff that git apply takes, writes nothing, and reports what would remain', () => {
  const dir = copyOf(join(ROOT, 'examples'));
  const r = run(dir, '--fix-dry-run');
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, /^--- a\/customers\/smb\/northwind-traders\.assoc\.yaml\n\+\+\+ b\/customers\/smb\/northwind-traders\.assoc\.yaml\n@@ /);
  assert.match(r.out, /\nWould fix 2 problems in 1 file:\n/);
  assert.match(r.out, /\n4 problems \(4 errors, 0 warnings, 0 info\) in 8 files checked\.\n$/);
  for (const f of filesUnder(dir)) assert.equal(readFileSync(join(dir, f), 'utf8'), readFileSync(join(ROOT, 'examples', f), 'utf8'), `${f} is untouched`);
  // The diff, applied by git, gives what --fix writes.
  const patch = r.out.slice(0, r.out.indexOf('Would fix'));
  const applied = copyOf(join(ROOT, 'examples'));
  const git = spawnSync('git', ['apply', '-'], { cwd: applied, input: patch, encoding: 'utf8' });
  assert.equal(git.status, 0, git.stderr);
  const fixed = copyOf(join(ROOT, 'examples'));
  run(fixed, '--fix');
  for (const f of filesUnder(fixed)) assert.equal(readFileSync(join(applied, f), 'utf8'), readFileSync(join(fixed, f), 'utf8'), f);
  // With a machine-readable report, the diff goes to standard error and the report stays parseable.
  const json = run(dir, '--fix-dry-run', '--format', 'json');
  assert.equal(JSON.parse(json.out).length, 4);
  assert.match(json.err, /^--- a\/customers\/smb\/northwind-traders\.assoc\.yaml\n/);
});

test('--fix on every rule fixture: each fix it lists is gone, no file stops parsing, no comment is lost, and line endings stay', () => {
  const dir = copyOf(join(ROOT, 'test', 'fixtures', 'rules'));
  const beforeFix = findings(dir);
  const originals = new Map(filesUnder(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
  const r = run(dir, '.', '--fix', '--format', 'json');
  assert.notEqual(r.code, 2, r.err);
  const fixed = fixesListed(r.err);
  assert.ok(fixed.length >= 10, `${fixed.length} fixes`);
  for (const rule of ['schema', 'solution-area-eligibility']) assert.ok(fixed.some((f) => f.rule === rule), `a ${rule} fix`);
  const afterFix = JSON.parse(r.out) as Array<Finding>;
  assert.deepEqual(afterFix, findings(dir), 'the report is what is on disk now');

  const key = (d: { file: string; rule: string; message: string }) => `${d.file}\u0000${d.rule}\u0000${d.message}`;
  const count = (ds: Finding[]) => {
    const m = new Map<string, number>();
    for (const d of ds) m.set(key(d), (m.get(key(d)) ?? 0) + 1);
    return m;
  };
  const was = count(beforeFix);
  const now = count(afterFix);
  const fixedKeys = new Map<string, number>();
  for (const f of fixed) {
    // The fixes of the first pass stand where the diagnostics were before the run.
    const d = beforeFix.find((x) => x.file === f.file && x.line === f.line && x.column === f.column && x.rule === f.rule);
    if (d) fixedKeys.set(key(d), (fixedKeys.get(key(d)) ?? 0) + 1);
  }
  assert.ok(fixedKeys.size > 0);
  for (const [k, n] of fixedKeys) assert.ok((now.get(k) ?? 0) <= (was.get(k) ?? 0) - n, `still there: ${k.replace(/\u0000/g, ' | ')}`);

  const changed = new Set(fixed.map((f) => f.file));
  for (const [f, before] of originals) {
    const after = readFileSync(join(dir, f), 'utf8');
    if (!changed.has(f)) {
      assert.equal(after, before, `${f} has nothing fixed and is untouched`);
      continue;
    }
    assert.notEqual(after, before, f);
    const syntax = (ds: Finding[]) => ds.filter((d) => d.file === f && d.rule === 'yaml-syntax').length;
    assert.ok(syntax(afterFix) <= syntax(beforeFix), `${f} still parses`);
    assert.equal(lostComment(before, after), undefined, `${f} keeps its comments`);
    assert.equal(after.includes('\r\n'), before.includes('\r\n'), `${f} keeps its line endings`);
  }
});

test('--fix keeps CRLF line endings, applies fixes that touch one another in later passes, and changes no file outside the run', () => {
  const record = VALID.replace(
    'associations:\n',
    'associations:\n  - type: CPOR\n    partnerId: 1234567\n    role: OSU\n    recognition: usage\n    workload: Teams\n    solutionAreas:\n      - modern-work\n      - data-ai\n      - infrastructure\n    since: 2024-01-01\n',
  );
  const crlf = record.replace(/\n/g, '\r\n');
  const dir = mkdtempSync(join(tmpdir(), 'assoc-fix-'));
  writeFileSync(join(dir, 'a.assoc.yaml'), crlf);
  writeFileSync(join(dir, 'b.assoc.yaml'), crlf.replace('6b1e0d0e', '1b1e0d0e').replace('0f1e2d3c', '1f1e2d3c'));
  const r = run(dir, 'a.assoc.yaml', '--fix');
  assert.equal(r.code, 0, r.out + r.err);
  assert.deepEqual(
    fixesListed(r.out).map((f) => `${f.rule} ${f.title}`),
    ["solution-area-eligibility Remove 'data-ai'", "solution-area-eligibility Remove 'infrastructure'"],
  );
  const after = readFileSync(join(dir, 'a.assoc.yaml'), 'utf8');
  assert.equal(after, crlf.replace('      - data-ai\r\n      - infrastructure\r\n', ''));
  assert.doesNotMatch(after.replace(/\r\n/g, ''), /\n/, 'every line still ends in CRLF');
  assert.equal(readFileSync(join(dir, 'b.assoc.yaml'), 'utf8'), crlf.replace('6b1e0d0e', '1b1e0d0e').replace('0f1e2d3c', '1f1e2d3c'), 'b was not in the run');
});

test('--fix does not write a file that is not valid UTF-8: exit 2, saying why', () => {
  const dir = mkdtempSync(join(tmpdir(), 'assoc-fix-'));
  const bytes = Buffer.concat([Buffer.from(VALID.replace('version: 1', 'versoin: 1')), Buffer.from('# caf\xe9\n', 'latin1')]);
  writeFileSync(join(dir, 'a.assoc.yaml'), bytes);
  const r = run(dir, '--fix');
  assert.equal(r.code, 2);
  assert.match(r.err, /^assoc-lint: not fixed: a\.assoc\.yaml is not valid UTF-8$/m);
  assert.ok(readFileSync(join(dir, 'a.assoc.yaml')).equals(bytes), 'the file is as it was');
});

test('--stdin with --fix-dry-run prints the diff of the text read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'assoc-fix-'));
  const r = spawnSync(process.execPath, [BIN, '--stdin', '--stdin-filename', 'x.assoc.yaml', '--fix-dry-run'], {
    cwd: dir,
    input: VALID.replace('segment: enterprise', 'segment: enterprice'),
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^--- a\/x\.assoc\.yaml\n\+\+\+ b\/x\.assoc\.yaml\n@@ -2,7 \+2,7 @@\n customer:\n {3}name: Fabrikam, Inc\.\n {3}tenantId: [^\n]+\n- {2}segment: enterprice\n\+ {2}segment: enterprise\n/);
  assert.ok(!existsSync(join(dir, 'x.assoc.yaml')));
});

test('--fix-dry-run: a file name with a space, or not ASCII, still gives a diff that patch -p1 and git apply take', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'assoc-fix-'));
  const text = VALID.replace('segment: enterprise', 'segment: enterprice');
  writeFileSync(join(dir, 'fabrikam prod.assoc.yaml'), text);
  writeFileSync(join(dir, 'fabrikam-ü.assoc.yaml'), text.replace('6b1e0d0e', '1b1e0d0e').replace('0f1e2d3c', '1f1e2d3c'));
  const r = run(dir, '--fix-dry-run');
  assert.equal(r.code, 0, r.err);
  // As git writes it: a name with a space ends with a tab, or patch takes the name to end at the space.
  assert.match(r.out, /^--- a\/fabrikam prod\.assoc\.yaml\t\n\+\+\+ b\/fabrikam prod\.assoc\.yaml\t\n@@ /m);
  assert.match(r.out, /^--- "a\/fabrikam-\\303\\274\.assoc\.yaml"\n/m);
  const patch = r.out.slice(0, r.out.indexOf('Would fix'));
  const fixed = readFileSync(join(dir, 'fabrikam prod.assoc.yaml'), 'utf8').replace('enterprice', 'enterprise');
  for (const [tool, args] of [
    ['git', ['apply', '-']],
    ['patch', ['-p1', '--batch']],
  ] as const) {
    if (spawnSync(tool, ['--version']).error) {
      t.diagnostic(`${tool} is not installed: not tried`);
      continue;
    }
    const copy = copyOf(dir);
    const applied = spawnSync(tool, args, { cwd: copy, input: patch, encoding: 'utf8' });
    assert.equal(applied.status, 0, `${tool}: ${applied.stdout}${applied.stderr}`);
    assert.equal(readFileSync(join(copy, 'fabrikam prod.assoc.yaml'), 'utf8'), fixed, tool);
    assert.match(readFileSync(join(copy, 'fabrikam-ü.assoc.yaml'), 'utf8'), /segment: enterprise\n/, tool);
  }
});

test('--fix writes nothing while an .assocrc.yaml or .assocignore cannot be understood: the fixes depend on the edition and on which files are in', () => {
  // CSP counts toward security in 2026-05 only: under the default edition, which a mistyped `program` falls back to, removing it looks safe.
  const record = VALID.replace('associations:\n', 'associations:\n  - type: CSP\n    partnerId: 1234567\n    model: direct-bill\n    solutionAreas: [business-applications, security]\n');
  const dir = mkdtempSync(join(tmpdir(), 'assoc-fix-'));
  mkdirSync(join(dir, '.git'));
  writeFileSync(join(dir, '.assocrc.yaml'), 'program: 2026-5\n');
  writeFileSync(join(dir, 'a.assoc.yaml'), record);
  const dry = run(dir, '--fix-dry-run');
  assert.match(dry.out, /^Would fix 1 problem in 1 file:$/m, 'the dry run shows what would be fixed');
  const r = run(dir, '--fix');
  assert.equal(r.code, 2, r.out + r.err);
  assert.match(r.err, /^assoc-lint: \.assocrc\.yaml:1: `program` must be 2023-08 or 2026-05, not "2026-5"$/m);
  assert.match(r.err, /^assoc-lint: not fixed: a\.assoc\.yaml, while the configuration cannot be understood \(see above\)$/m);
  assert.match(r.out, /^No safe fixes to apply\.$/m);
  assert.equal(readFileSync(join(dir, 'a.assoc.yaml'), 'utf8'), record, 'the file is as it was');
  // Once the configuration is right, there is nothing to fix.
  writeFileSync(join(dir, '.assocrc.yaml'), 'program: 2026-05\n');
  assert.equal(run(dir, '--fix').code, 0);
  assert.equal(readFileSync(join(dir, 'a.assoc.yaml'), 'utf8'), record);
  // An .assocignore that cannot be read: the files it would leave out may be in the run.
  mkdirSync(join(dir, '.assocignore'));
  writeFileSync(join(dir, 'b.assoc.yaml'), record.replace('version: 1', 'versoin: 1').replace('6b1e0d0e', '1b1e0d0e'));
  const ignored = run(dir, '--fix');
  assert.equal(ignored.code, 2);
  assert.match(ignored.err, /^assoc-lint: not fixed: b\.assoc\.yaml, while the configuration cannot be understood \(see above\)$/m);
  assert.match(readFileSync(join(dir, 'b.assoc.yaml'), 'utf8'), /^versoin: 1$/m);
});
