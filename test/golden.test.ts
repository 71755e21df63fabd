// Golden fixtures: every record under test/fixtures/rules carries its expected
// diagnostics inline, as a trailing comment `# want rule-id[, rule-id]` on the
// line where each diagnostic starts. Files directly in a rule's folder are
// checked alone; the files of a sub-folder are checked together, as one
// workspace (with that folder's .assocrc.yaml, if any). Every diagnostic must
// be wanted and every want must be met.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAssocService } from '../server/src/service/service';
import { emptyConfig, parseConfig } from '../server/src/service/config';
import { RULES_BY_ID } from '../server/src/service/rules';

const ROOT = join(__dirname, 'fixtures', 'rules');
const RECORD = /\.assoc\.ya?ml$/;
const WANT = /#\s*want\s+([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*$/;

function wants(text: string): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    const m = WANT.exec(line);
    if (m) for (const id of m[1].split(',')) out.push(`${i + 1} ${id.trim()}`);
  });
  return out;
}

function checkWorkspace(files: string[], configFile?: string) {
  const config = configFile && existsSync(configFile) ? parseConfig(readFileSync(configFile, 'utf8')).config : emptyConfig();
  const project = createAssocService({ configFor: () => config });
  const texts = new Map<string, string>();
  for (const f of files) {
    const uri = pathToFileURL(f).href;
    texts.set(uri, readFileSync(f, 'utf8'));
    project.load(uri, texts.get(uri)!);
  }
  for (const [uri, text] of texts) {
    const got = project
      .diagnostics(uri)
      .map((d) => `${d.range.start.line + 1} ${d.code}`)
      .sort();
    assert.deepEqual(got, wants(text).sort(), `diagnostics of ${uri.slice(uri.indexOf('/fixtures/'))}`);
  }
}

const ruleDirs = readdirSync(ROOT).filter((d) => statSync(join(ROOT, d)).isDirectory());

test('every rule has a fixture folder', () => {
  for (const id of RULES_BY_ID.keys()) assert.ok(ruleDirs.includes(id), `test/fixtures/rules/${id} is missing`);
});

for (const dir of ruleDirs) {
  const base = join(ROOT, dir);
  test(`rule ${dir}`, async (t) => {
    assert.ok(RULES_BY_ID.has(dir), `${dir} is not a rule id`);
    let fires = 0;
    let silent = 0;
    for (const entry of readdirSync(base).sort()) {
      const full = join(base, entry);
      const isDir = statSync(full).isDirectory();
      const files = isDir ? readdirSync(full).filter((f) => RECORD.test(f)).map((f) => join(full, f)) : RECORD.test(entry) ? [full] : [];
      if (files.length === 0) continue;
      const all = files.flatMap((f) => wants(readFileSync(f, 'utf8')));
      if (all.some((w) => w.endsWith(` ${dir}`))) fires++;
      else silent++;
      await t.test(entry, () => checkWorkspace(files, isDir ? join(full, '.assocrc.yaml') : join(base, '.assocrc.yaml')));
    }
    assert.ok(fires > 0, `${dir}: no fixture where the rule fires`);
    assert.ok(silent > 0, `${dir}: no fixture where the rule must stay silent`);
  });
}
