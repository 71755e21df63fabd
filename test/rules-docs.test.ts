// Every rule is documented, tested and described once: a page, a row in the
// rules table (generated from the rule's own description), fixtures that fire
// and stay silent, and a description that lives in one place in the code.
// And no edition is named in the code outside its data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ALL_RULE_META, editionsOf } from '../server/src/service/rules';
import { EDITION_IDS } from '../server/src/service/editions';

const ROOT = join(__dirname, '..');
const DOCS = join(ROOT, 'docs', 'rules');

function files(dir: string, keep: (path: string) => boolean, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    const f = join(dir, e);
    if (statSync(f).isDirectory()) {
      if (!['node_modules', '.git', 'dist', 'generated', '.e2e', 'test-output'].includes(e)) files(f, keep, out);
    } else if (keep(f)) out.push(f);
  }
  return out;
}

test('every rule has a page whose header says its default severity and where it runs', () => {
  for (const r of ALL_RULE_META) {
    const page = join(DOCS, `${r.id}.md`);
    assert.ok(existsSync(page), `docs/rules/${r.id}.md is missing`);
    const [title, , header] = readFileSync(page, 'utf8').split('\n');
    assert.equal(title, `# ${r.id}`);
    assert.match(header, new RegExp(`^\\*\\*Default severity:\\*\\* ${r.defaultSeverity} · \\*\\*Runs in:\\*\\* `));
    const runs = editionsOf(r);
    if (runs.length === EDITION_IDS.length) assert.match(header, /Runs in:\*\* every edition/, r.id);
    else for (const e of EDITION_IDS) assert.equal(header.includes(e), runs.includes(e), `${r.id}: ${e} in "${header}"`);
  }
});

test('every rule has its row in the rules table, carrying the description written in its module', () => {
  const table = readFileSync(join(DOCS, 'README.md'), 'utf8');
  for (const r of ALL_RULE_META) {
    const runs = editionsOf(r);
    const row = `| [${r.id}](${r.id}.md) | ${r.defaultSeverity} | ${runs.length === EDITION_IDS.length ? 'all' : runs.join(', ')} | ${r.description.replace(/\|/g, '\\|')} |`;
    assert.ok(table.includes(row), `docs/rules/README.md lacks (or has an old) row for ${r.id}: run the build`);
  }
});

test('every rule has fixtures where it fires and where it stays silent', () => {
  for (const r of ALL_RULE_META) {
    const dir = join(ROOT, 'test', 'fixtures', 'rules', r.id);
    assert.ok(existsSync(dir), `test/fixtures/rules/${r.id} is missing`);
    const texts = files(dir, (f) => /\.assoc\.ya?ml$/.test(f)).map((f) => readFileSync(f, 'utf8'));
    const fires = texts.filter((t) => new RegExp(`#\\s*want\\s+[a-z0-9, -]*\\b${r.id}\\b`).test(t));
    assert.ok(fires.length > 0, `${r.id}: no fixture where it fires`);
    assert.ok(fires.length < texts.length, `${r.id}: no fixture where it stays silent`);
  }
});

test('each description is written once: in its rule module, nowhere else in the code or the docs by hand', () => {
  const sources = files(ROOT, (f) => /\.(ts|mjs|md|json|yaml)$/.test(f) && !f.endsWith('docs/rules/README.md') && !f.endsWith('assocrc.schema.json') && !f.endsWith('package-lock.json'));
  const texts = new Map(sources.map((f) => [relative(ROOT, f), readFileSync(f, 'utf8')]));
  for (const r of ALL_RULE_META) {
    const holders = [...texts].filter(([, t]) => t.includes(r.description)).map(([f]) => f);
    assert.equal(holders.length, 1, `${r.id}: its description is written in ${holders.join(', ') || 'no file'}`);
    assert.match(holders[0], /^server\/src\/service\/rules\//);
  }
});

test('no edition is named in the code outside its data and what is generated from it', () => {
  const code = files(join(ROOT, 'server', 'src'), (f) => f.endsWith('.ts')).concat(files(join(ROOT, 'client', 'src'), (f) => f.endsWith('.ts')), [join(ROOT, 'build.mjs')]);
  for (const f of code) {
    const text = readFileSync(f, 'utf8');
    for (const e of EDITION_IDS) assert.ok(!text.includes(e), `${relative(ROOT, f)} names the edition ${e}`);
  }
});
