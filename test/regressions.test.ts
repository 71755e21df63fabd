// One test per example of the robustness review, at the service level:
// positions, quick fixes that damage, input that slipped through. Each class
// is also under the property tests (test/property.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { diagnose, serviceFor, textAt, VALID } from './helpers';
import { fixFails } from './oracle';

const at = (text: string, needle: string) => {
  const i = text.indexOf(needle);
  const before = text.slice(0, i).split(/\r\n|\r|\n/);
  return { line: before.length - 1, character: before[before.length - 1].length };
};

test('a lone CR ends a line: diagnostics and fixes land on the lines an editor shows', () => {
  const lf = VALID.replace('licensing: EA', 'licensing: EAX');
  const cr = lf.replace(/\n/g, '\r');
  const want = diagnose(lf).map((d) => [d.code, d.range]);
  assert.deepEqual(diagnose(cr).map((d) => [d.code, d.range]), want);
  assert.equal(want[0][1] && (want[0][1] as Diagnostic['range']).start.line, at(lf, 'EAX').line);
  const { svc, uri } = serviceFor(cr);
  const [fix] = svc.codeActions(uri, diagnose(cr)[0].range, svc.diagnostics(uri));
  assert.equal(fixFails(new Map([[uri, cr]]), uri, svc.diagnostics(uri)[0], fix), undefined);
});

test('after a multi-line scalar in a broken document, positions do not drift', () => {
  const text = 'version: 1\ncustomer:\n  name: "Fabrikam\n    Inc."\n  tenantId: 6b1e0d0e-2d3f-4a9c-9c1e-0f5c2a7b8e11\nassociations: [\n  {type: DPOR\n';
  const ds = diagnose(text).filter((d) => d.code === 'yaml-syntax');
  assert.ok(ds.length > 0);
  for (const d of ds) assert.ok(d.range.start.line >= at(text, 'associations').line, `${d.message} at ${d.range.start.line}`);
});

test('an error at the end of the file ends on its line', () => {
  for (const text of ['version: 1\ncustomer: [a, b\n', 'version: 1\ncustomer: [a, b', 'version: 1\r\ncustomer: {a: b\r\n']) {
    const lines = text.split(/\r\n|\r|\n/);
    for (const d of diagnose(text)) {
      assert.ok(d.range.end.line < lines.length, JSON.stringify(d.range));
      assert.ok(d.range.end.character <= lines[d.range.end.line].length, `${JSON.stringify(text)}: ${JSON.stringify(d.range)}`);
    }
  }
});

test('an outline symbol keeps its selection inside its range when `type` is an alias', () => {
  const text = VALID.replace('  - type: DPOR', '  - type: &t DPOR') + '  - partnerId: 7654321\n    type: *t\n    subscription: fabrikam-prod\n    solutionAreas: [data-ai]\n    since: 2025-03-01\n';
  const { svc, uri } = serviceFor(text);
  const symbols = svc.documentSymbols(uri);
  assert.equal(symbols.filter((s) => s.name.startsWith('DPOR')).length, 2);
  const le = (a: { line: number; character: number }, b: { line: number; character: number }) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  for (const s of symbols) assert.ok(le(s.range.start, s.selectionRange.start) && le(s.selectionRange.end, s.range.end), s.name);
});

test('an unknown key after a block collection is removed, not the collection before it', () => {
  const text = VALID.replace('associations:', 'colour: red\nassociations:');
  const { svc, uri } = serviceFor(text);
  const d = svc.diagnostics(uri).find((x) => /`colour` is not a field/.test(String(x.message)))!;
  assert.equal(textAt(text, d), 'colour');
  const titles = svc.codeActions(uri, d.range, [d]).map((a) => a.title);
  assert.deepEqual(titles, ["Remove 'colour'"]);
});

test('removing a line between a lone CR and an LF keeps every other line', () => {
  // Mixed line ends: the line before the unknown key ends in a lone CR, the blank line after it in LF.
  const text = VALID.replace('associations:', 'colour: red\n\nassociations:').replace('\ncolour: red', '\rcolour: red');
  const { svc, uri } = serviceFor(text);
  const d = svc.diagnostics(uri).find((x) => /`colour` is not a field/.test(String(x.message)))!;
  const [fix] = svc.codeActions(uri, d.range, [d]);
  assert.equal(fix.title, "Remove 'colour'");
  const after = TextDocument.applyEdits(TextDocument.create(uri, 'assoc-yaml', 1, text), fix.edit!.changes![uri]);
  const lines = (t: string) => t.split(/\r\n|\r|\n/);
  assert.deepEqual(lines(after), lines(text).filter((l) => l !== 'colour: red'));
});

test('no fix removes an anchor that an alias still uses', () => {
  const text = `${VALID}  - type: CSP\n    partnerId: 7654321\n    model: direct-bill\n    indirectProvider: &p 7654321\n    solutionAreas: [infrastructure]\n  - type: PAL\n    partnerId: *p\n    identity: {kind: user, objectId: 11111111-2222-4333-8444-555555555555}\n    subscription: fabrikam-prod\n    solutionAreas: [infrastructure]\n`;
  const { svc, uri } = serviceFor(text);
  const d = svc.diagnostics(uri).find((x) => x.code === 'csp-indirect-provider')!;
  assert.ok(d);
  assert.deepEqual(svc.codeActions(uri, d.range, [d]).map((a) => a.title), []);
});

test("'version: 1' is added where a record starts, after its opening comments, in block and flow style", () => {
  const cases: Array<[string, string]> = [
    [`# Fabrikam\n${VALID.replace('version: 1\n', '')}`, `# Fabrikam\n${VALID}`],
    [`# Fabrikam\r\n${VALID.replace('version: 1\n', '').replace(/\n/g, '\r\n')}`, `# Fabrikam\r\n${VALID.replace(/\n/g, '\r\n')}`],
    ['{customer: {name: A, tenantId: 6b1e0d0e-2d3f-4a9c-9c1e-0f5c2a7b8e11}, associations: []}\n', '{version: 1, customer: {name: A, tenantId: 6b1e0d0e-2d3f-4a9c-9c1e-0f5c2a7b8e11}, associations: []}\n'],
  ];
  for (const [text, want] of cases) {
    const { svc, uri } = serviceFor(text);
    const d = svc.diagnostics(uri).find((x) => /needs `version`/.test(String(x.message)))!;
    const [fix] = svc.codeActions(uri, d.range, [d]);
    assert.equal(fix.title, "Add 'version: 1'");
    assert.equal(TextDocument.applyEdits(TextDocument.create(uri, 'assoc-yaml', 1, text), fix.edit!.changes![uri]), want);
  }
});

test('a field is added only with values that break no other rule', () => {
  const text = `${VALID}  - type: TPOR\n    partnerId: 7654321\n    agreement: EA-48213\n`;
  const { svc, uri } = serviceFor(text);
  const d = svc.diagnostics(uri).find((x) => /needs `channel`/.test(String(x.message)))!;
  const titles = svc.codeActions(uri, d.range, [d]).map((a) => a.title);
  assert.deepEqual(titles, ["Add 'channel: lsp'"], 'microsoft-direct next to a partnerId would break tpor-channel');
});

test('__proto__ is an ordinary key: an unknown field, never a way around the schema', () => {
  const only = diagnose('__proto__: x\n');
  assert.ok(only.some((d) => /`__proto__` is not a field/.test(d.message)), JSON.stringify(only.map((d) => d.message)));
  assert.ok(only.some((d) => /needs `version`/.test(d.message)));
  const hidden = diagnose(`${VALID}  - type: DPOR\n    __proto__: {partnerId: 1, subscription: nope}\n    solutionAreas: [infrastructure]\n`);
  assert.ok(hidden.some((d) => /`__proto__` is not a field/.test(d.message)));
  assert.ok(hidden.some((d) => /needs `partnerId`/.test(d.message)), 'the fields under __proto__ do not count as the association\'s');
});

test('names an object inherits are ordinary keys too: unknown fields when written, never seen when not', () => {
  // The schema sees mappings as ordinary objects: safe only while it names no property that every object has.
  const schema = JSON.parse(readFileSync(join(__dirname, '..', 'schemas', 'assoc.schema.json'), 'utf8')) as unknown;
  const named: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if ((k === 'properties' || k === 'patternProperties') && x && typeof x === 'object') named.push(...Object.keys(x));
        if (k === 'required' && Array.isArray(x)) named.push(...(x as string[]));
        walk(x);
      }
    }
  };
  walk(schema);
  assert.ok(named.includes('partnerId'));
  assert.deepEqual(named.filter((k) => k in {}), [], 'schema properties an object inherits');
  for (const key of ['constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
    const d = diagnose(`${VALID}  - type: DPOR\n    ${key}: 1\n    partnerId: 7654321\n    subscription: fabrikam-prod\n    solutionAreas: [infrastructure]\n`);
    assert.ok(d.some((x) => new RegExp(`\`${key}\` is not a field`).test(x.message)), `${key}: ${JSON.stringify(d.map((x) => x.message))}`);
  }
  assert.deepEqual(diagnose(VALID).map((d) => d.code), []);
});

test('years 0001 to 0099 are dates', () => {
  const backwards = diagnose(VALID.replace('since: 2024-03-01', 'since: 2024-03-01\n    until: 0024-12-31'));
  assert.deepEqual(backwards.map((d) => d.code), ['date-range']);
  const early = `${VALID}  - type: DPOR\n    partnerId: 7654321\n    subscription: fabrikam-prod\n    solutionAreas: [infrastructure]\n    since: 0001-01-01\n`;
  assert.deepEqual(diagnose(early).map((d) => d.code), ['dpor-one-per-subscription', 'dpor-one-per-subscription']);
});

test('year 0000 is no date, to the schema as to the rules', () => {
  for (const date of ['0000-01-01', '0000-12-31']) {
    const ds = diagnose(VALID.replace('since: 2024-03-01', `since: ${date}`));
    assert.deepEqual(ds.map((d) => d.code), ['schema'], date);
    assert.match(String(ds[0].message), new RegExp(`not "${date}"`));
  }
});

test('under %YAML 1.1, a date is what is written: 2024-02-30 is no date', () => {
  const ds = diagnose(`%YAML 1.1\n---\n${VALID.replace('since: 2024-03-01', 'since: 2024-02-30')}`);
  assert.deepEqual(ds.map((d) => [d.code, d.message]), [['schema', '`since` must be a real date written YYYY-MM-DD, not "2024-02-30".']]);
});

test('a value written as an alias is reported on the alias, where it is used', () => {
  const text = VALID.replace('    kind: EA', '    kind: &k EA').replace('    product: Azure', '    product: *k');
  const ds = diagnose(text);
  assert.equal(ds.length, 1, JSON.stringify(ds));
  assert.equal(textAt(text, ds[0]), '*k');
});

test('a collection written as a key is named as written, never resolved: no throw, no alias expansion', () => {
  // Under YAML 1.1, resolving this key would merge from an alias that names nothing, which `yaml` throws on.
  const merge = diagnose('%YAML 1.1\n---\n? <<: *a\n');
  assert.ok(merge.some((d) => d.message === '`<<: *a` is not a field of a Partner association record.'), JSON.stringify(merge));
  // Ten aliases of a list of ten aliases of a list of ten: a thousand values if the key were resolved.
  const bomb = `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n? [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n: 1\n`;
  const ds = diagnose(bomb);
  assert.ok(ds.some((d) => d.message === '`[*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]` is not a field of a Partner association record.'), JSON.stringify(ds.map((d) => d.message)));
  const multi = diagnose('version: 1\n? a: 1\n  b: 2\n: 3\n');
  const key = multi.find((d) => d.message.startsWith('`a: 1'))!;
  assert.equal(key.message, '`a: 1 b: 2` is not a field of a Partner association record.');
  assert.deepEqual(key.range, { start: { line: 1, character: 2 }, end: { line: 2, character: 6 } });
});

test('a merge key is one yaml-syntax diagnostic; the mapping that holds it gets no other', () => {
  const text = VALID.replace('associations:\n', 'base: &base\n  partnerId: 1234567\nassociations:\n').replace('    partnerId: 1234567\n', '    <<: *base\n').replace('[infrastructure, data-ai]', '[security]');
  const ds = diagnose(text);
  const inside = ds.filter((d) => d.range.start.line >= at(text, '  - type: DPOR').line);
  assert.deepEqual(inside.map((d) => [d.code, textAt(text, d)]), [['yaml-syntax', '<<']]);
});

test('a merge key in a mapping that is the value of a key (customer, identity) gets no "needs" diagnostic on that key', () => {
  const pal = '  - type: PAL\n    partnerId: 1234567\n    subscription: fabrikam-prod\n    solutionAreas: [infrastructure]\n';
  for (const text of [
    VALID.replace('customer:\n  name: Fabrikam, Inc.\n', 'customer:\n  <<: {name: Fabrikam}\n'),
    VALID.replace(/customer:\n(  .*\n)+/, 'customer: {<<: {name: x}, tenantId: 6b1e0d0e-2d3f-4a9c-9c1e-0f5c2a7b8e11}\n'),
    VALID + pal + '    identity:\n      <<: {kind: user}\n      objectId: eadcb293-83e2-4b71-b003-6f7efbbf953a\n',
    (VALID + pal + '    identity: {<<: {kind: user}}\n').replace(/\n/g, '\r\n'),
  ]) {
    assert.deepEqual(diagnose(text).map((d) => [d.code, textAt(text.replace(/\r\n/g, '\n'), d)]), [['yaml-syntax', '<<']], JSON.stringify(text));
  }
});

test('a file over 10 MB is one diagnostic on line 1, not parsed', () => {
  const big = `version: 1\nnote: "${'x'.repeat(10 * 1024 * 1024)}"\n`;
  const started = Date.now();
  const ds = diagnose(big);
  assert.ok(Date.now() - started < 1000);
  assert.deepEqual(ds.map((d) => [d.code, d.range.start.line]), [['yaml-syntax', 0]]);
  assert.match(ds[0].message, /10\.0 MB/);
});

test('an ordinary file with more than 100,000 values is checked, not refused as an alias bomb', () => {
  let text = VALID;
  for (let i = 0; i < 12_000; i++) text += `  - type: PAL\n    partnerId: 1234567\n    identity: {kind: user, objectId: 11111111-2222-4333-8444-${String(i).padStart(12, '0')}}\n    subscription: fabrikam-prod\n    solutionAreas: [infrastructure]\n`;
  const ds = diagnose(text);
  assert.ok(!ds.some((d) => /Aliases expand/.test(d.message)));
  assert.deepEqual(ds, []);
});
