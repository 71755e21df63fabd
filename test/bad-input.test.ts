// Input that is not a record gets a clear diagnostic at a sensible place, never a crash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, textAt, VALID } from './helpers';

test('not YAML: a yaml-syntax diagnostic where the error is', () => {
  const ds = diagnose('version: 1\ncustomer: [unclosed\n  name: x\n');
  assert.ok(ds.length > 0);
  assert.ok(ds.every((d) => d.code === 'yaml-syntax'), JSON.stringify(ds));
  assert.ok(ds[0].range.start.line >= 1);
});

test('binary content: one yaml-syntax diagnostic', () => {
  const ds = diagnose('\u0000\u0001\u0002PNG\u0000garbage');
  assert.equal(ds.length, 1);
  assert.equal(ds[0].code, 'yaml-syntax');
  assert.match(ds[0].message, /binary/);
});

test('an empty file: the record must be a mapping', () => {
  for (const text of ['', '\n\n', '# only a comment\n']) {
    const ds = diagnose(text);
    assert.equal(ds.length, 1, text);
    assert.equal(ds[0].code, 'schema');
    assert.match(ds[0].message, /must be a mapping/);
    assert.equal(ds[0].range.start.line, 0);
  }
});

test('a list or a scalar at the top', () => {
  for (const text of ['- a\n- b\n', 'just a string\n', '42\n']) {
    const ds = diagnose(text);
    assert.equal(ds.length, 1, text);
    assert.equal(ds[0].code, 'schema');
    assert.match(ds[0].message, /must be a mapping/);
  }
});

test('several documents: the extra ones are flagged, the first is checked', () => {
  const text = `${VALID.replace('licensing: EA', 'licensing: EAX')}---\nversion: 1\n`;
  const ds = diagnose(text);
  const rules = ds.map((d) => d.code).sort();
  assert.deepEqual(rules, ['schema', 'yaml-syntax']);
  const extra = ds.find((d) => d.code === 'yaml-syntax')!;
  assert.equal(extra.range.start.line, text.split('\n').indexOf('---'));
});

test('a duplicate key is yaml-syntax on the second key, and the rest is still checked', () => {
  const text = VALID.replace('  segment: enterprise', '  segment: enterprise\n  segment: smb').replace('licensing: EA', 'licensing: EAX');
  const ds = diagnose(text);
  const dup = ds.find((d) => d.code === 'yaml-syntax');
  assert.ok(dup);
  assert.equal(dup.range.start.line, 5);
  assert.ok(ds.some((d) => d.code === 'schema'));
});

test('anchors and aliases are followed, and a self-referencing alias does not hang', () => {
  const text = VALID.replace('solutionAreas: [infrastructure, data-ai]', 'solutionAreas: &areas [infrastructure, security]');
  const ds = diagnose(text);
  assert.deepEqual(ds.map((d) => [d.code, textAt(text, d)]), [['solution-area-eligibility', 'security']]);
  const loop = diagnose('a: &x\n  b: *x\n');
  assert.ok(loop.length > 0);
});

test('wrong types deep in the record do not crash the rules', () => {
  const texts = [
    'version: 1\ncustomer: 5\nassociations: 7\n',
    'version: 1\ncustomer: {name: x, tenantId: 6b1e0d0e-2d3f-4a9c-9c1e-0f5c2a7b8e11}\nassociations: [1, "x", null, [], {type: 5}]\n',
    'version: 1\ncustomer: {name: x, tenantId: 6b1e0d0e-2d3f-4a9c-9c1e-0f5c2a7b8e11}\nsubscriptions: [{id: [1]}]\nassociations:\n  - type: DPOR\n    subscription: {a: 1}\n    solutionAreas: infrastructure\n',
  ];
  for (const t of texts) {
    const ds = diagnose(t);
    assert.ok(ds.length > 0);
    assert.ok(ds.every((d) => d.code === 'schema'), JSON.stringify(ds.map((d) => d.code)));
  }
});

test('a value of the wrong type is one diagnostic, not one per keyword', () => {
  const ds = diagnose(VALID.replace('  - type: DPOR', '  - type:').replace('licensing: EA', 'licensing: [EA]'));
  assert.deepEqual(ds.map((d) => d.message).sort(), ['`licensing` must be a string, not a list.', '`type` must be a string, not nothing.']);
});

test('an alias bomb is refused quickly, not expanded', () => {
  let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
  for (let i = 1; i <= 9; i++) text += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
  const start = Date.now();
  const ds = diagnose(text);
  assert.ok(Date.now() - start < 3000, 'answers in well under the time a full expansion takes');
  assert.deepEqual(ds.map((d) => d.code), ['yaml-syntax']);
  assert.match(ds[0].message, /Aliases expand this file/);
});

test('numbers written in octal, hex or exponent form are not taken for partner IDs', () => {
  for (const written of ['0o1234567', '0x12D687', '1.234567e6', '1234567.0', '+1234567']) {
    const ds = diagnose(VALID.replace('partnerId: 1234567', `partnerId: ${written}`));
    assert.deepEqual(ds.map((d) => [d.code, textAt(VALID.replace('partnerId: 1234567', `partnerId: ${written}`), d)]), [['schema', written]], written);
  }
});

test('dates under a %YAML 1.1 directive are still dates', () => {
  const text = `%YAML 1.1\n---\n${VALID.replace('since: 2024-03-01', 'since: 2024-03-01\n    until: 2024-02-01')}`;
  assert.deepEqual(diagnose(text).map((d) => d.code), ['date-range']);
});

test('merge keys are reported as such', () => {
  const text = VALID.replace('associations:\n', 'base: &base\n  partnerId: 1234567\nassociations:\n').replace('    partnerId: 1234567\n', '    <<: *base\n');
  const ds = diagnose(text);
  assert.ok(ds.some((d) => d.code === 'yaml-syntax' && /Merge keys/.test(d.message)), JSON.stringify(ds.map((d) => d.message)));
});

test('with a key written twice, the rules and the schema read the same (last) value', () => {
  const text = VALID.replace('solutionAreas: [infrastructure, data-ai]', 'solutionAreas: [security]\n    solutionAreas: [infrastructure]');
  const ds = diagnose(text);
  assert.deepEqual(ds.map((d) => d.code), ['yaml-syntax']);
});

test('an alias that names no anchor is a syntax error', () => {
  const ds = diagnose('version: 1\ncustomer: *nope\nassociations: []\n');
  const syntax = ds.filter((d) => d.code === 'yaml-syntax');
  assert.equal(syntax.length, 1);
  assert.match(syntax[0].message, /`\*nope` names no anchor/);
  assert.equal(syntax[0].range.start.line, 1);
});

test('binary content is located with 1-based lines in mind: line 2 is line index 1', () => {
  const ds = diagnose('version: 1\n\u0007bell\n');
  assert.equal(ds[0].range.start.line, 1);
  assert.equal(ds[0].range.start.character, 0);
});

test('a trailing document marker alone is not a second document', () => {
  assert.deepEqual(diagnose(`${VALID}---\n`), []);
  assert.deepEqual(diagnose(`${VALID}---\n# the end\n`), []);
});

test('clear words for a duplicate key, an empty date and an empty list item', () => {
  const dup = VALID.replace('  segment: enterprise', '  segment: enterprise\n  segment: smb');
  const d = diagnose(dup).find((x) => x.code === 'yaml-syntax')!;
  assert.equal(textAt(dup, d), 'segment');
  const empty = VALID.replace('    since: 2024-03-01', '    since: 2024-03-01\n    until:');
  assert.ok(diagnose(empty).some((x) => x.message === '`until` must be a date written YYYY-MM-DD, not nothing.'));
  const item = `${VALID}  -\n`;
  assert.ok(diagnose(item).some((x) => x.message === 'Each item of `associations` must be a mapping, not nothing.'), JSON.stringify(diagnose(item).map((x) => x.message)));
});
