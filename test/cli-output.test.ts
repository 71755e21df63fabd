// The stylish report as a terminal and VS Code read it: colour only where it
// is wanted, and the `$assoc-lint` problem matcher of package.json finding
// every problem in the real output of the built CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { useColor } from '../server/src/cli/assoc-lint';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'dist', 'assoc-lint.js');

function run(cwd: string, args: string[], extra: NodeJS.ProcessEnv = {}) {
  const env = { ...process.env, ...extra };
  for (const k of ['FORCE_COLOR', 'NO_COLOR', 'TERM'] as const) if (!(k in extra)) delete env[k];
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Runs the CLI with a terminal for standard output (util-linux `script`); returns what the terminal showed. */
function inTerminal(cwd: string, args: string[], extra: NodeJS.ProcessEnv = {}): string {
  const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color', ...extra };
  for (const k of ['FORCE_COLOR', 'NO_COLOR'] as const) if (!(k in extra)) delete env[k];
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd, encoding: 'utf8', env });
  assert.equal(r.status, 1, r.stderr);
  return r.stdout.replace(/\r\n/g, '\n');
}

const ESC = /\x1b\[\d+m/;
const examples = () => {
  const dir = mkdtempSync(join(tmpdir(), 'assoc-out-'));
  cpSync(join(ROOT, 'examples'), dir, { recursive: true });
  return dir;
};

test('colour: on a terminal, unless NO_COLOR or TERM=dumb; FORCE_COLOR anywhere; --color and --no-color win; never in JSON', () => {
  const dir = examples();
  const tty = inTerminal(dir, []);
  assert.match(tty, /\x1b\[31merror/);
  assert.match(tty, /\x1b\[4m\/.*adventure-works\.assoc\.yaml\x1b\[24m/, 'the file header is underlined');
  assert.doesNotMatch(inTerminal(dir, [], { NO_COLOR: '1' }), ESC);
  assert.doesNotMatch(inTerminal(dir, [], { TERM: 'dumb' }), ESC);
  assert.doesNotMatch(inTerminal(dir, ['--no-color']), ESC);
  assert.match(inTerminal(dir, [], { NO_COLOR: '' }), ESC, 'an empty NO_COLOR is not set');

  const plain = run(dir, []).out;
  assert.doesNotMatch(plain, ESC, 'not a terminal: no colour');
  const forced = run(dir, [], { FORCE_COLOR: '1' }).out;
  assert.match(forced, ESC);
  assert.equal(stripVTControlCharacters(forced), plain, 'colour changes nothing else');
  assert.equal(stripVTControlCharacters(tty), plain);
  assert.doesNotMatch(run(dir, [], { FORCE_COLOR: '0' }).out, ESC);
  assert.match(run(dir, [], { FORCE_COLOR: '1', NO_COLOR: '1' }).out, ESC, 'FORCE_COLOR wins over NO_COLOR, as in Node');
  assert.doesNotMatch(run(dir, ['--no-color'], { FORCE_COLOR: '1' }).out, ESC);
  assert.match(run(dir, ['--color'], { NO_COLOR: '1' }).out, ESC);
  assert.doesNotMatch(run(dir, ['--format', 'json'], { FORCE_COLOR: '1' }).out, ESC);
});

test('useColor decides in this order: the option, a file, FORCE_COLOR, NO_COLOR, the terminal', () => {
  assert.equal(useColor(true, true, { NO_COLOR: '1' }, false), true);
  assert.equal(useColor(false, false, { FORCE_COLOR: '1' }, true), false);
  assert.equal(useColor(undefined, true, { FORCE_COLOR: '1' }, true), false);
  assert.equal(useColor(undefined, false, { FORCE_COLOR: 'false' }, true), false);
  assert.equal(useColor(undefined, false, { FORCE_COLOR: '' }, false), true);
  assert.equal(useColor(undefined, false, { NO_COLOR: 'yes' }, true), false);
  assert.equal(useColor(undefined, false, {}, true), true);
  assert.equal(useColor(undefined, false, { TERM: 'dumb' }, true), false);
  assert.equal(useColor(undefined, false, {}, false), false);
});

interface MatcherPattern {
  regexp: string;
  file?: number;
  line?: number;
  column?: number;
  severity?: number;
  code?: number;
  message?: number;
  loop?: boolean;
}

/**
 * A multi-line problem matcher, read as VS Code reads one: a line matching
 * the first pattern names the file, and each following line that matches the
 * looping pattern is a problem in it; the first line that does not ends the
 * loop and is tried as a file line again.
 */
function matchProblems(output: string, [first, loop]: MatcherPattern[]) {
  const head = new RegExp(first.regexp);
  const body = new RegExp(loop.regexp);
  const problems: Array<{ file: string; line: number; column: number; severity: string; code: string; message: string }> = [];
  let file: string | undefined;
  for (const line of output.split('\n')) {
    if (file !== undefined) {
      const m = body.exec(line);
      if (m) {
        problems.push({ file, line: Number(m[loop.line!]), column: Number(m[loop.column!]), severity: m[loop.severity!], code: m[loop.code!], message: m[loop.message!] });
        continue;
      }
      file = undefined;
    }
    const h = head.exec(line);
    if (h) file = h[first.file!];
  }
  return problems;
}

test("the extension's $assoc-lint problem matcher finds every problem of the CLI's stylish output, coloured or not", () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const matcher = manifest.contributes.problemMatchers.find((m: { name: string }) => m.name === 'assoc-lint');
  assert.equal(matcher.fileLocation, 'absolute');
  assert.equal(matcher.owner, 'assoc-lint');
  assert.equal(matcher.pattern, '$assoc-lint-stylish');
  const patterns = manifest.contributes.problemPatterns.find((p: { name: string }) => p.name === 'assoc-lint-stylish').patterns as MatcherPattern[];
  assert.equal(patterns.length, 2);
  assert.equal(patterns[1].loop, true);

  const dir = examples();
  // A warning and an info too, beside the examples' errors (two of them cross-file).
  cpSync(join(ROOT, 'test', 'fixtures', 'rules', 'tpor-no-credit'), join(dir, 'more'), { recursive: true });
  const json = JSON.parse(run(dir, ['--format', 'json']).out) as Array<{ file: string; line: number; column: number; severity: string; rule: string; message: string }>;
  assert.ok(new Set(json.map((d) => d.severity)).size === 3, 'errors, warnings and info');
  const want = json.map((d) => ({ file: join(dir, d.file), line: d.line, column: d.column, severity: d.severity, code: d.rule }));
  for (const output of [run(dir, []).out, stripVTControlCharacters(inTerminal(dir, []))]) {
    const found = matchProblems(output, patterns);
    assert.deepEqual(found.map(({ message: _, ...p }) => p), want);
    found.forEach((p, i) => assert.ok(p.message.startsWith(json[i].message), p.message));
    assert.ok(found.some((p) => /See also \S+:\d+:\d+\.$/.test(p.message)), 'a cross-file finding names the other file');
  }
});
