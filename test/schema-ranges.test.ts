// Schema errors land on the node they are about: the value, the unknown key,
// or for a missing property the parent's key (the first key of a list item).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import generated from '../server/src/service/generated/assoc-schema-validate';
import { diagnose, textAt, VALID } from './helpers';

function only(text: string, rule = 'schema') {
  const ds = diagnose(text).filter((d) => d.code === rule);
  return ds;
}

test('a valid record has no diagnostics', () => {
  assert.deepEqual(diagnose(VALID), []);
});

test('wrong enum value: the value, with a close match offered', () => {
  const text = VALID.replace('licensing: EA', 'licensing: EAA');
  const [d, ...rest] = only(text);
  assert.equal(rest.length, 0);
  assert.equal(d.range.start.line, 12);
  assert.equal(textAt(text, d), 'EAA');
  assert.match(d.message, /Did you mean `EA`/);
  assert.deepEqual(d.data, { kind: 'replace', candidates: ['EA'] });
});

test('unknown key: the key', () => {
  const text = VALID.replace('    since: 2024-03-01', '    since: 2024-03-01\n    sinse: 2024-03-02');
  const [d] = only(text);
  assert.equal(textAt(text, d), 'sinse');
  assert.match(d.message, /not a field of a DPOR association/);
});

test('missing property of a mapping: the parent key', () => {
  const text = VALID.replace('  tenantId: 6b1e0d0e-2d3f-4a9c-9c1e-0f5c2a7b8e11\n', '');
  const [d] = only(text);
  assert.equal(textAt(text, d), 'customer');
  assert.match(d.message, /needs `tenantId`/);
});

test('missing property of a list item: its first key', () => {
  const text = VALID.replace('    partnerId: 1234567\n', '');
  const [d] = only(text);
  assert.equal(d.range.start.line, 15);
  assert.equal(textAt(text, d), 'type');
  assert.match(d.message, /needs `partnerId`/);
});

test('missing top-level property: the first key of the file', () => {
  const text = VALID.replace('version: 1\n', '');
  const [d] = only(text);
  assert.equal(d.range.start.line, 0);
  assert.equal(textAt(text, d), 'customer');
  assert.match(d.message, /needs `version`/);
});

test('bad GUID, bad date, bad partner ID and wrong version: each on its value', () => {
  const text = VALID.replace('0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b', 'not-a-guid')
    .replace('since: 2024-03-01', 'since: 2024-02-30')
    .replace('partnerId: 1234567', 'partnerId: 12x4567')
    .replace('version: 1', 'version: 2');
  const got = only(text).map((d) => textAt(text, d)).sort();
  assert.deepEqual(got, ['12x4567', '2', '2024-02-30', 'not-a-guid']);
});

test('partner ID as a number or a string of digits is accepted', () => {
  assert.deepEqual(diagnose(VALID.replace('partnerId: 1234567', 'partnerId: "1234567"')), []);
});

test('type-specific fields: a CPOR field on a DPOR is unknown', () => {
  const text = VALID.replace('    since: 2024-03-01', '    since: 2024-03-01\n    role: OSU');
  const [d] = only(text);
  assert.equal(textAt(text, d), 'role');
});

test('PAL needs a subscription or a scope', () => {
  const text = VALID.replace(
    /  - type: DPOR[\s\S]*$/,
    `  - type: PAL
    partnerId: 1234567
    identity: { kind: user, objectId: 11111111-2222-3333-4444-555555555555 }
    solutionAreas: [infrastructure]
`,
  );
  const [d, ...rest] = only(text);
  assert.equal(rest.length, 0);
  assert.match(d.message, /needs `subscription` or `scope`/);
  assert.equal(textAt(text, d), 'type');
});

test('every schema property has a title and a description', async () => {
  const schema = (await import('../schemas/assoc.schema.json')).default as Record<string, unknown>;
  const missing: string[] = [];
  const walk = (node: unknown, path: string) => {
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    if (n.properties && typeof n.properties === 'object') {
      for (const [k, v] of Object.entries(n.properties as Record<string, Record<string, unknown>>)) {
        const target = typeof v.$ref === 'string' && !v.title ? resolve(v.$ref) : v;
        if (!target.title || !target.description) missing.push(`${path}/${k}`);
        walk(v, `${path}/${k}`);
      }
    }
    for (const [k, v] of Object.entries(n)) if (k !== 'properties' && k !== 'if') walk(v, `${path}/${k}`);
  };
  const resolve = (ref: string) => ref.split('/').slice(1).reduce((o: Record<string, unknown>, k) => o[k] as Record<string, unknown>, schema);
  walk(schema, '#');
  assert.deepEqual(missing, []);
});

test('the validator compiled at build time agrees with the schema file', async () => {
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
  addFormats(ajv, ['date']);
  const fresh = ajv.compile((await import('../schemas/assoc.schema.json')).default);
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const f = join(d, e);
      if (statSync(f).isDirectory()) walk(f);
      else if (f.endsWith('.assoc.yaml')) files.push(f);
    }
  };
  walk(join(__dirname, 'fixtures'));
  let compared = 0;
  for (const f of files) {
    let value: unknown;
    try {
      value = parse(readFileSync(f, 'utf8'), { uniqueKeys: false });
    } catch {
      continue;
    }
    const a = fresh(value);
    const b = generated(value);
    assert.equal(b, a, f);
    assert.deepEqual((generated.errors ?? []).map((e) => e.schemaPath).sort(), (fresh.errors ?? []).map((e) => e.schemaPath).sort(), f);
    compared++;
  }
  assert.ok(compared > 100, `compared ${compared} records`);
});

test('a bad list item is named by its list; a file that is not a mapping is marked on its first line only', () => {
  const text = VALID.replace('[infrastructure, data-ai]', '[infrastructure, securty]');
  const [d] = only(text);
  assert.match(d.message, /"securty" is not a valid value for `solutionAreas`/);
  const list = diagnose('- a\n- b\n- c\n');
  assert.deepEqual([list[0].range.start.line, list[0].range.end.line], [0, 0]);
});

test('RBAC scopes are read without regard to case, as Azure does', () => {
  const pal = (scope: string) =>
    VALID.replace(/  - type: DPOR[\s\S]*$/, `  - type: PAL\n    partnerId: 1234567\n    identity: { kind: user, objectId: 11111111-2222-3333-4444-555555555555 }\n    scope: ${scope}\n    solutionAreas: [infrastructure]\n`);
  assert.deepEqual(diagnose(pal('/providers/microsoft.management/managementgroups/mg-prod')), []);
  assert.deepEqual(diagnose(pal('/SUBSCRIPTIONS/0F1E2D3C-4B5A-4978-8A9B-0C1D2E3F4A5B/resourceGroups/rg')), []);
  assert.equal(only(pal('/resourceGroups/rg')).length, 1);
});

test('a TPOR may list no solution area at all', () => {
  const tpor = `${VALID}  - type: TPOR\n    channel: lsp\n    partnerId: 7654321\n    agreement: EA-48213\n    solutionAreas: []\n`;
  assert.deepEqual(only(tpor), []);
});
