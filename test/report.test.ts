// Scenario tests of `assoc-lint report`, the built binary run as a process:
// the JSON of the example workspace and of one small workspace per kind of
// gap, checked against schemas/coverage.schema.json; the formats; the exit
// status; and that it sees the files assoc-lint sees.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { VALID, makeWorkspace } from './helpers';
import type { CoverageJson } from '../server/src/report/json';
import { EDITION_IDS } from '../server/src/service/editions';
import { ASSOCIATION_TYPES } from '../server/src/service/types';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'dist', 'assoc-lint.js');
const FIXTURES = join(__dirname, 'fixtures', 'coverage');
const AS_OF = '2026-01-15';
const OLDEST = EDITION_IDS[0];
const NEWEST = EDITION_IDS[EDITION_IDS.length - 1];

const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'coverage.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: true, strictRequired: false }).compile(schema);

function run(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, 'report', ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The report as JSON, held to the schema. */
function json(cwd: string, ...args: string[]): CoverageJson {
  const r = run(cwd, '--format', 'json', '--as-of', AS_OF, ...args);
  assert.equal(r.code, 0, r.err);
  const out = JSON.parse(r.out) as CoverageJson;
  assert.ok(validate(out), JSON.stringify(validate.errors, null, 1));
  return out;
}


const customer = (r: CoverageJson, name: string) => {
  const c = r.customers.find((x) => x.name === name);
  assert.ok(c, `${name} in ${r.customers.map((x) => x.name).join(', ')}`);
  return c;
};

before(() => assert.ok(existsSync(BIN), 'build first: node build.mjs'));

test('examples/: the matrix by segment, credit as the rules judge it, why the rest earns nothing, paths from the working folder, lines from 1', () => {
  const r = json(ROOT, 'examples/');
  assert.equal(r.version, 1);
  assert.equal(r.asOf, AS_OF);
  assert.deepEqual(r.editions, [...EDITION_IDS]);
  assert.deepEqual(r.areas.map((a) => a.id), ['data-ai', 'digital-app-innovation', 'infrastructure', 'modern-work', 'security', 'business-applications']);
  assert.deepEqual(
    r.customers.map((c) => [c.segment, c.name]),
    [
      ['enterprise', 'Adventure Works Cycles'],
      ['enterprise', 'Contoso Ltd.'],
      ['enterprise', 'Fabrikam, Inc.'],
      ['enterprise', 'Wide World Importers'],
      ['enterprise', 'Woodgrove Bank'],
      ['smb', 'Litware, Inc.'],
      ['smb', 'Northwind Traders'],
      ['smb', 'Tailspin Toys'],
    ],
  );
  const contoso = customer(r, 'Contoso Ltd.');
  assert.equal(contoso.file, 'examples/customers/enterprise/contoso.assoc.yaml');
  assert.equal(contoso.line, 5, 'the customer: key');
  assert.equal(contoso.edition, OLDEST);
  // Proseware's DPOR ended in 2024: history, not credit. Ours on the same subscription counts.
  assert.deepEqual(contoso.cells.infrastructure, [
    { type: 'DPOR', partnerId: '1234567', line: 50, index: 2, on: 'contoso-prod' },
    { type: 'PAL', partnerId: '1234567', line: 76, index: 5, on: '/providers/Microsoft.Management/managementGroups/contoso-landing-zones' },
  ]);
  const ended = contoso.notCounting.find((n) => n.line === 43);
  assert.deepEqual(ended, { type: 'DPOR', partnerId: '7654321', line: 43, index: 1, on: 'contoso-prod', areas: ['infrastructure'], reasons: ['It ended on 2024-06-30.'], period: 'ended' });
  // A deliberate mistake (overlapping DPORs) takes the credit away, in both records.
  const litware = customer(r, 'Litware, Inc.');
  assert.equal(litware.cells.infrastructure.length, 0);
  assert.match(litware.notCounting.find((n) => n.line === 23)!.reasons[0], /overlaps another DPOR/);
  // A withdrawn area: CSP toward Security in the older edition; the rest of the association counts.
  const northwind = customer(r, 'Northwind Traders');
  assert.deepEqual(northwind.cells['modern-work'].map((x) => [x.type, x.line]), [['CSP', 21]]);
  assert.deepEqual(northwind.partial.map((p) => [p.type, p.line, p.areas]), [['CSP', 21, ['security']]]);
  // The records that opted into the newest edition are judged under it.
  assert.equal(customer(r, 'Tailspin Toys').edition, NEWEST);
  assert.deepEqual(customer(r, 'Tailspin Toys').cells.security.map((x) => x.type), ['CSP']);
  // Totals: customers credited per area, and associations by type.
  const infra = r.customers.filter((c) => c.cells.infrastructure.length > 0).length;
  assert.equal(r.totals.infrastructure.customers, infra);
  assert.deepEqual(r.totals['data-ai'], { customers: 4, associations: { DPOR: 4, PAL: 1 } });
  assert.deepEqual(r.skipped, []);
  // Gaps: each with its record and line, and a fix.
  assert.deepEqual(
    r.gaps.map((g) => [g.kind, g.file, g.line]),
    [
      ['ea-azure-unlinked', 'examples/customers/enterprise/wide-world-importers.assoc.yaml', 22],
      ['no-credit-next-edition', 'examples/customers/enterprise/adventure-works.assoc.yaml', 64],
      ['no-credit-next-edition', 'examples/customers/smb/litware.assoc.yaml', 48],
    ],
  );
  for (const g of r.gaps) {
    assert.match(g.fix, /^[A-Z].*\.$/, 'one sentence');
    const lines = readFileSync(join(ROOT, g.file), 'utf8').split('\n');
    assert.match(lines[g.line - 1], g.kind === 'ea-azure-unlinked' ? /- id: / : /- type: DPOR/, `${g.file}:${g.line}`);
  }
});

test('examples/ --compare with the newest edition: the credit that changes, per customer and per area, with why', () => {
  const r = json(ROOT, 'examples/', '--compare', NEWEST);
  assert.ok(r.compare);
  assert.equal(r.compare.edition, NEWEST);
  const changes = r.compare.changes.map((c) => [c.customer, c.area, c.gained.map((x) => `${x.type}:${x.line}`), c.lost.map((x) => `${x.type}:${x.line}`)]);
  assert.deepEqual(changes, [
    ['Adventure Works Cycles', 'data-ai', [], ['DPOR:64']],
    ['Adventure Works Cycles', 'infrastructure', [], ['DPOR:64']],
    ['Litware, Inc.', 'modern-work', [], ['DPOR:48']],
    ['Northwind Traders', 'security', ['CSP:21'], []],
  ]);
  const lost = r.compare.changes[0].lost[0];
  assert.match(lost.reasons[0], /DPOR is for subscriptions licensed EA/);
  const gained = r.compare.changes[3].gained[0];
  assert.match(gained.reasons[0], /CSP does not count toward Security/, 'why it earns nothing now');
  assert.deepEqual(r.compare.byArea['data-ai'], { now: 4, then: 3, gained: 0, lost: 1 });
  assert.deepEqual(r.compare.byArea.security, { now: 4, then: 4, gained: 1, lost: 0 });
  assert.deepEqual(r.compare.byArea['modern-work'], { now: 5, then: 5, gained: 0, lost: 1 });
  // Comparing the other way shows the newer records losing what only the newest edition credits.
  const back = json(ROOT, 'examples/', '--compare', OLDEST);
  assert.ok(back.compare!.changes.some((c) => c.customer === 'Tailspin Toys' && c.area === 'security' && c.lost.some((x) => x.type === 'CSP')));
});

/** The gaps a fixture's records mark: `# gap <kind>` at the end of a line. */
function marked(dir: string): string[] {
  const out: string[] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.assoc.yaml'))) {
    readFileSync(join(dir, f), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const m = /#\s*gap\s+([a-z-]+)\s*$/.exec(line);
        if (m) out.push(`${m[1]} ${f}:${i + 1}`);
      });
  }
  return out.sort();
}

const kinds = ['ea-azure-unlinked', 'incentive-without-poe', 'ending-soon', 'no-credit-customer', 'no-credit-next-edition'];

test('a fixture for each kind of gap, and one with none: exactly the gaps its records mark', () => {
  assert.deepEqual(readdirSync(FIXTURES).filter((d) => !d.includes('.')).sort(), [...kinds, 'none'].sort(), 'one folder per kind');
  for (const kind of [...kinds, 'none']) {
    const dir = join(FIXTURES, kind);
    const r = json(dir, '.');
    const got = r.gaps.map((g) => `${g.kind} ${g.file}:${g.line}`).sort();
    const want = marked(dir);
    assert.deepEqual(got, want, kind);
    if (kind !== 'none') assert.ok(want.length > 0 && want.every((w) => w.startsWith(`${kind} `)), `${kind}: its folder marks its own kind`);
  }
});

test('each gap says what is wrong and how to fix it, in one sentence each', () => {
  const soon = json(join(FIXTURES, 'ending-soon'), '.').gaps[0];
  assert.equal(soon.message, 'CSP of partner 1234567 on litware-m365 ends on 2026-03-31, in 75 days.');
  const poe = json(join(FIXTURES, 'incentive-without-poe'), '.').gaps[0];
  assert.match(poe.fix, /^Add `poe`/);
  const none = json(join(FIXTURES, 'no-credit-customer'), '.');
  assert.deepEqual(none.gaps.map((g) => g.customer).sort(), ['Tailspin Toys', 'Wide World Importers']);
  assert.match(none.gaps.find((g) => g.customer === 'Tailspin Toys')!.message, /no association on record/);
  assert.match(none.gaps.find((g) => g.customer === 'Wide World Importers')!.message, /\(TPOR\) earns credit/);
  const next = json(join(FIXTURES, 'no-credit-next-edition'), '.').gaps[0];
  assert.ok(next.message.includes(NEWEST) && next.message.includes(OLDEST), next.message);
  // Under the newest edition itself there is no move left to make.
  assert.deepEqual(json(join(FIXTURES, 'no-credit-next-edition'), '.', '--program', NEWEST).gaps.map((g) => g.kind), ['no-credit-customer']);
  // A day later the ending association is past: no longer a gap, and it earns nothing.
  const later = json(join(FIXTURES, 'ending-soon'), '.', '--as-of', '2026-04-01');
  assert.deepEqual(later.gaps, []);
  assert.equal(later.customers[0].notCounting[0].period, 'ended');
});

test('two associations on one line are told apart: the credit of one is never taken for the other\'s', () => {
  // Under the oldest edition the DPOR earns nothing (Security) and the CSP earns Infrastructure, both on line 11.
  const text = `version: 1
customer:
  name: Fabrikam, Inc.
  tenantId: 6b1e0d0e-2d3f-4a9c-9c1e-0f5c2a7b8e11
  segment: enterprise
subscriptions:
  - id: 0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b
    name: fabrikam-prod
    product: Azure
    licensing: AzurePlan
associations: [{type: DPOR, partnerId: 1234567, subscription: fabrikam-prod, solutionAreas: [security], since: 2024-03-01}, {type: CSP, partnerId: 1234567, model: direct-bill, solutionAreas: [infrastructure], since: 2024-03-01}]
`;
  const dir = makeWorkspace({ 'a.assoc.yaml': text });
  const r = json(dir, '.', '--program', OLDEST);
  const c = r.customers[0];
  assert.deepEqual(c.cells.infrastructure.map((x) => [x.type, x.line, x.index]), [['CSP', 11, 1]]);
  assert.deepEqual(c.notCounting.map((x) => [x.type, x.line, x.index]), [['DPOR', 11, 0]]);
  // The DPOR earns nothing now, so a move to the newest edition costs it nothing.
  assert.deepEqual(r.gaps.filter((g) => g.kind === 'no-credit-next-edition'), []);
});

test('--partner: other partners\' associations earn nothing here, and say whose they are', () => {
  const r = json(ROOT, 'examples/', '--partner', '1234567');
  assert.deepEqual(r.partners, ['1234567']);
  const tpor = customer(r, 'Contoso Ltd.').notCounting.find((n) => n.line === 35)!;
  assert.equal(tpor.otherPartner, true);
  assert.match(tpor.reasons[0], /partner 3141592's/);
  const wwi = r.gaps.find((g) => g.kind === 'ea-azure-unlinked')!;
  assert.match(wwi.message, /partner 7654321 holds one/);
  assert.ok(!JSON.stringify(r.customers.flatMap((c) => Object.values(c.cells).flat())).includes('7654321'));
});

test('report sees the files assoc-lint sees: .assocignore, --ignore-pattern and .assocrc.yaml apply', () => {
  const dir = makeWorkspace({
    '.git/HEAD': '',
    '.assocrc.yaml': `program: "${NEWEST}"\n`,
    '.assocignore': 'drafts/\n',
    'a.assoc.yaml': VALID,
    'drafts/b.assoc.yaml': VALID.replace('Fabrikam, Inc.', 'Draft Customer'),
    'c.assoc.yaml': VALID.replace('Fabrikam, Inc.', 'Third Customer').replace('6b1e0d0e-2d3f-4a9c-9c1e-0f5c2a7b8e11', '6b1e0d0e-2d3f-4a9c-9c1e-0f5c2a7b8e12'),
  });
  const r = json(dir, '.', '--ignore-pattern', 'c.assoc.yaml');
  assert.deepEqual(r.customers.map((c) => [c.file, c.edition]), [['a.assoc.yaml', NEWEST]]);
  // The lint of the same folder checks the same one file.
  const lint = spawnSync(process.execPath, [BIN, '.', '--ignore-pattern', 'c.assoc.yaml'], { cwd: dir, encoding: 'utf8' });
  assert.match(lint.stdout, /1 file checked/);
});

test('exit status: 0 when written, whatever the findings; 2 on a usage error or an unreadable path, with the report of the rest still written', () => {
  const lint = spawnSync(process.execPath, [BIN, 'examples/'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(lint.status, 1, 'the examples have errors');
  assert.equal(run(ROOT, 'examples/', '--as-of', AS_OF).code, 0);
  for (const [args, message] of [
    [['--as-of', '2026-02-30'], /--as-of takes a date written YYYY-MM-DD/],
    [['--format', 'pdf'], /report --format must be html, md, json or github-summary/],
    [['--compare', '1999-01'], /--compare must be/],
    [['--partner', 'ACME'], /--partner takes a PartnerID/],
    [['--fix'], /unknown option --fix/],
  ] as const) {
    const r = run(ROOT, 'examples/', ...args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, message);
    assert.match(r.err, /assoc-lint report --help/);
  }
  const missing = run(ROOT, 'examples/', 'no-such-folder/', '--format', 'json', '--as-of', AS_OF);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /no such file or folder: no-such-folder/);
  assert.equal((JSON.parse(missing.out) as CoverageJson).customers.length, 8, 'the rest is reported');
  const dir = makeWorkspace({ 'a.assoc.yaml': VALID, 'b.assoc.yaml': 'version: [\n' });
  const broken = json(dir, '.');
  assert.deepEqual(broken.skipped.map((s) => s.file), ['b.assoc.yaml']);
  assert.match(broken.skipped[0].reason, /cannot be read as a record/);
  const empty = makeWorkspace({ 'notes.txt': 'nothing' });
  assert.equal(run(empty, '.').code, 2);
  assert.equal(run(empty, '.', '--allow-empty').code, 0);
  const help = run(ROOT, '--help');
  assert.equal(help.code, 0);
  assert.match(help.out, /^Usage: assoc-lint report/);
});

test('-o: the format follows the file name, the folder is made, and links are relative to the report\'s folder with the line in the fragment', () => {
  const out = mkdtempSync(join(tmpdir(), 'assoc-report-out-'));
  const file = join(out, 'reports', 'june', 'coverage.html');
  const r = run(ROOT, 'examples/', '-o', file, '--as-of', AS_OF);
  assert.equal(r.code, 0, r.err);
  const html = readFileSync(file, 'utf8');
  assert.match(html, /^<!DOCTYPE html>/);
  const hrefs = [...html.matchAll(/href="([^"#]+)#L(\d+)" data-file="([^"]+)" data-line="(\d+)"/g)];
  assert.ok(hrefs.length > 20, 'cells and gaps link to their records');
  for (const [, href, line, dataFile, dataLine] of hrefs) {
    const target = fileURLToPath(new URL(href, `file://${dirname(file)}/`));
    assert.ok(existsSync(target), `${href} from the report's folder`);
    assert.equal(line, dataLine);
    assert.equal(join(ROOT, dataFile), target, 'data-file: the path from the working folder');
  }
  // No network: nothing is fetched from anywhere.
  assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//);
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  const md = join(out, 'c.md');
  run(ROOT, 'examples/', '-o', md, '--as-of', AS_OF);
  assert.match(readFileSync(md, 'utf8'), /^### Partner association coverage\n/);
  const data = join(out, 'c.json');
  run(ROOT, 'examples/', '-o', data, '--as-of', AS_OF);
  assert.ok(validate(JSON.parse(readFileSync(data, 'utf8'))));
});

test('Markdown: a compact table with short type labels and a legend; struck-out types earn nothing there', () => {
  const r = run(ROOT, 'examples/', '--as-of', AS_OF);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.split('\n');
  assert.ok(lines.includes('| Customer | Data & AI | Apps | Infra | Modern Work | Security | Biz Apps |'), r.out);
  assert.ok(lines.includes('| **Enterprise** (5) | | | | | | |'));
  assert.ok(lines.includes('| Contoso Ltd. | DP | DP | DP PAL |  | PAL | CP |'), 'the ended Proseware DPOR is history, not a struck-out entry');
  assert.ok(lines.includes('| Litware, Inc. |  |  | ~~DP~~ | CP DP CSP |  | CSP |'));
  assert.ok(lines.includes('| **Customers credited** | 4 | 5 | 6 | 5 | 4 | 5 |'));
  assert.match(r.out, /CP = CPOR, DP = DPOR\. A struck-out type/);
  assert.match(r.out, /<details>\n<summary><strong>Associations that earn nothing, or less than they name \(11\)<\/strong><\/summary>\n\n- Adventure Works/);
});

test('Markdown is cut, with a note, to fit a GitHub comment; the job summary folds its lists and keeps them', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 400; i++) {
    const n = String(i).padStart(4, '0');
    files[`r${n}.assoc.yaml`] = VALID.replace('Fabrikam, Inc.', `Customer number ${n} with a rather long legal name, Incorporated`)
      .replace('6b1e0d0e-2d3f-4a9c-9c1e-0f5c2a7b8e11', `6b1e0d0e-2d3f-4a9c-9c1e-0f5c2a7b${n}`)
      .replace('0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b', `0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f${n}`)
      .replace('since: 2024-03-01', 'since: 2024-03-01\n    until: 2026-02-01');
  }
  const dir = makeWorkspace(files);
  const comment = run(dir, '.', '--as-of', AS_OF);
  assert.equal(comment.code, 0, comment.err);
  assert.ok(comment.out.length <= 65536, `${comment.out.length} characters`);
  assert.match(comment.out, /\*\*The report is cut here:\*\* it is longer than GitHub takes in a comment \(65,536 characters\)/);
  assert.equal((comment.out.match(/<details>/g) ?? []).length, (comment.out.match(/<\/details>/g) ?? []).length, 'every fold closed');
  const summary = run(dir, '.', '--as-of', AS_OF, '--format', 'github-summary');
  assert.equal(summary.code, 0, summary.err);
  assert.doesNotMatch(summary.out, /cut here/);
  assert.match(summary.out, /^## Partner association coverage/);
  assert.match(summary.out, /<details>\n<summary><strong>Gaps worth acting on \(400\)<\/strong><\/summary>/);
  assert.equal((summary.out.match(/ends on 2026-02-01, in 17 days\./g) ?? []).length, 400);
});

test('docs/coverage.md documents every field of the JSON, every gap and every format', () => {
  const doc = readFileSync(join(ROOT, 'docs', 'coverage.md'), 'utf8');
  const fields = new Set<string>();
  const walk = (s: unknown) => {
    if (typeof s !== 'object' || s === null) return;
    const props = (s as { properties?: Record<string, unknown> }).properties;
    if (props) for (const k of Object.keys(props)) fields.add(k);
    for (const v of Object.values(s)) walk(v);
  };
  walk(schema);
  // The counts by type are keyed by the association types: documented as such.
  for (const f of fields) if (!(ASSOCIATION_TYPES as readonly string[]).includes(f)) assert.ok(doc.includes(`\`${f}\``) || doc.includes(`.${f}\``), `the field ${f}`);
  for (const k of kinds) assert.ok(doc.includes(`\`${k}\``), `the gap ${k}`);
  for (const f of ['html', 'md', 'json', 'github-summary']) assert.ok(doc.includes(`\`${f}\``), `the format ${f}`);
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const help = run(ROOT, '--help').out;
  for (const flag of new Set(help.match(/--[a-z][a-z-]+/g) ?? [])) {
    assert.ok(doc.includes(`\`${flag}`), `${flag} in docs/coverage.md`);
    assert.ok(readme.includes(`\`${flag}`), `${flag} in the README`);
  }
});
