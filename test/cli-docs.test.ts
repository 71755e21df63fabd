// What the README, docs/ci.md and .pre-commit-hooks.yaml tell users to run is
// what assoc-lint takes: the README names every option, the workflow's
// commands parse, its SARIF file is the one it uploads, the hooks match record
// files only, and the task's problem matcher is the one the extension
// contributes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseOptions, type Options } from '../server/src/cli/options';

const ROOT = join(__dirname, '..');
const DOC = readFileSync(join(ROOT, 'docs', 'ci.md'), 'utf8');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** The fenced block after a marker or heading in docs/ci.md. */
function block(after: string, lang: string): string {
  const at = DOC.indexOf(after);
  assert.ok(at >= 0, after);
  const m = new RegExp('```' + lang + '\\n([\\s\\S]*?)\\n```').exec(DOC.slice(at));
  assert.ok(m, `a ${lang} block after ${after}`);
  return m[1];
}

/** The options of an `npm exec --no -- assoc-lint ...` command line. */
function assocLint(command: string): Options {
  const m = /^npm exec --no -- assoc-lint(?: (.*))?$/.exec(command.trim());
  assert.ok(m, `runs the installed assoc-lint, never a stranger's: ${command}`);
  const parsed = parseOptions(m[1] ? m[1].split(/\s+/) : []);
  assert.ok(!('help' in parsed) && !('version' in parsed) && !('report' in parsed));
  return parsed;
}

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string>;
  'continue-on-error'?: boolean;
}

test('the GitHub Actions workflow: SARIF written, uploaded even when the linter fails, annotations last', () => {
  const workflow = parse(block('<!-- workflow: assoc-lint -->', 'yaml')) as { jobs: Record<string, { permissions: Record<string, string>; steps: Step[] }> };
  const job = workflow.jobs['assoc-lint'];
  assert.equal(job.permissions['security-events'], 'write');
  const steps = job.steps;
  const sarif = steps.find((s) => s.run?.includes('--format sarif'))!;
  const options = assocLint(sarif.run!);
  assert.equal(options.format, 'sarif');
  assert.equal(sarif['continue-on-error'], true);
  const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
  assert.equal(upload.with?.sarif_file, options.outputFile);
  assert.equal(upload.if, 'always()');
  const last = steps[steps.length - 1];
  assert.equal(assocLint(last.run!).format, 'github');
  assert.ok(steps.indexOf(sarif) < steps.indexOf(upload) && steps.indexOf(upload) < steps.indexOf(last));
  assert.ok(steps.some((s) => s.run === 'npm ci'));
});

test('the VS Code task uses the problem matcher the extension contributes', () => {
  const tasks = JSON.parse(block('## VS Code tasks', 'json')) as { tasks: Array<{ command: string; problemMatcher: string }> };
  assert.equal(tasks.tasks[0].problemMatcher, '$assoc-lint');
  assert.ok(manifest.contributes.problemMatchers.some((m: { name: string }) => `$${m.name}` === tasks.tasks[0].problemMatcher));
  assert.equal(assocLint(tasks.tasks[0].command).format, 'stylish');
});

test('.pre-commit-hooks.yaml: both hooks run the package\'s assoc-lint on record files only, in one run', () => {
  const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{ id: string; entry: string; language: string; files: string; require_serial?: boolean; pass_filenames?: boolean }>;
  assert.deepEqual(hooks.map((h) => h.id), ['assoc-lint', 'assoc-lint-all']);
  for (const h of hooks) {
    const [command, ...args] = h.entry.split(' ');
    assert.ok(Object.keys(manifest.bin).includes(command), h.entry);
    assert.equal(h.language, 'node');
    assert.equal(h.require_serial, true, 'cross-file rules need every file in one run');
    const files = new RegExp(h.files);
    for (const f of ['a.assoc.yaml', 'records/b.assoc.yml']) assert.ok(files.test(f), f);
    for (const f of ['a.yaml', 'a.assoc.yaml.bak', 'assoc.yaml']) assert.ok(!files.test(f), f);
    const options = parseOptions(args);
    assert.ok(!('help' in options) && !('version' in options));
  }
  const all = hooks[1];
  assert.equal(all.pass_filenames, false);
  assert.ok(DOC.includes('id: assoc-lint-all'));
});

test("the README's assoc-lint section names every option --help names", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## assoc-lint\n'), readme.indexOf('## Configuration\n'));
  const flags = spawnSync(process.execPath, [join(ROOT, 'dist', 'assoc-lint.js'), '--help'], { cwd: tmpdir(), encoding: 'utf8' }).stdout.match(/--[a-z][a-z-]+/g) ?? [];
  for (const flag of new Set(flags)) assert.ok(section.includes(`\`${flag}`), `${flag} in the README`);
  for (const short of ['-f', '-o', '-q', '-h', '-v']) assert.ok(section.includes(`\`${short}\``), `${short} in the README`);
});
