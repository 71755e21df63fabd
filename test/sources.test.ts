// What the product says agrees with its sources (docs/sources.md): a fact the
// sources hold with low confidence is never cited without saying so, and the
// TPOR and PartnerID texts say what is known rather than more.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagnose, serviceFor, cursor, VALID } from './helpers';

const ROOT = join(__dirname, '..');
const read = (...p: string[]) => readFileSync(join(ROOT, ...p), 'utf8');
const flat = (s: string) => s.replace(/\s+/g, ' ');

/** The fact ids docs/sources.md gives low confidence. */
function lowFacts(): string[] {
  const rows = read('docs', 'sources.md').split('\n').map((l) => /^\| ([A-Z]{2}-\d{2}) \|.*\| (\w+) \|$/.exec(l)).filter((m): m is RegExpExecArray => m !== null);
  assert.ok(rows.length > 0, 'docs/sources.md has no table of facts');
  return rows.filter((m) => m[2] === 'low').map((m) => m[1]);
}

test('a low-confidence fact is cited with its confidence, in every rule page and edition file', () => {
  const low = lowFacts();
  const texts = [
    ...readdirSync(join(ROOT, 'docs', 'rules')).filter((f) => f.endsWith('.md')).map((f) => [`docs/rules/${f}`, read('docs', 'rules', f)]),
    ...readdirSync(join(ROOT, 'editions')).map((f) => [`editions/${f}`, read('editions', f).split('\n').filter((l) => !l.trimStart().startsWith('#')).join('\n')]),
  ];
  for (const [file, text] of texts) {
    const t = flat(text);
    for (const id of low) {
      for (const m of t.matchAll(new RegExp(`\\b${id}\\b[^.;)]*`, 'g'))) assert.match(m[0], /low confidence/, `${file}: ${id} is cited without its low confidence: "${m[0]}"`);
    }
  }
});

test('every TPOR page and the 2026-05 TPOR hover say that the EA-only account of TPOR is not confirmed today', () => {
  for (const id of ['tpor-channel', 'tpor-enterprise-agreement', 'tpor-not-dpor', 'tpor-one-per-agreement']) {
    assert.match(flat(read('docs', 'rules', `${id}.md`)), /TP-04, low confidence/, id);
  }
  const { text, position } = cursor(VALID.replace('type: DPOR', 'type: TP|OR'));
  const { svc, uri } = serviceFor(text, { program: '2026-05' });
  assert.match(flat((svc.hover(uri, position)!.contents as { value: string }).value), /TP-04, low confidence/);
});

test('the PartnerID and TPOR messages claim no more than the sources', () => {
  const short = diagnose(VALID.replace('partnerId: 1234567', 'partnerId: 12345')).find((d) => d.code === 'partner-id-format')!;
  assert.doesNotMatch(short.message, /seen in practice/);
  assert.match(short.message, /no official length/);
  const tpor = `${VALID.replace('kind: EA', 'kind: AzurePlan')}  - type: TPOR\n    channel: lsp\n    partnerId: 7654321\n    agreement: EA-48213\n`;
  const d = diagnose(tpor).find((x) => x.code === 'tpor-enterprise-agreement')!;
  assert.match(d.message, /^Our sources describe TPOR on Enterprise Agreements only/);
});
