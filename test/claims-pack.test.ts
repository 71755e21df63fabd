// Claims as they cross threads and sit in the cache: packed and unpacked
// they are the same claims; a damaged pack is refused; a claim's key comes
// back from its group string; and each rule words a conflicting claim's
// label from what the claim keeps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BadPack, packClaims, unpackClaims } from '../server/src/service/packed';
import { claimKeyString, parseClaimKey, type ClaimKey } from '../server/src/service/rules/api';
import type { StoredClaim } from '../server/src/service/validate';
import { createAssocService } from '../server/src/service/service';
import { VALID } from './helpers';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 200);
const URI = 'file:///ws/a.assoc.yaml';

const text = fc.string({ maxLength: 12 });
const optional = fc.option(text, { nil: undefined });
const int = fc.integer({ min: -1, max: 100_000 });

const claim: fc.Arbitrary<StoredClaim> = fc
  .record({
    rule: fc.constantFrom('dpor-one-per-subscription', 'tpor-not-dpor', 'customer-duplicate', 'x'),
    group: text,
    sl: int,
    sc: int,
    el: int,
    ec: int,
    association: int,
    since: optional,
    until: optional,
    partnerId: optional,
    side: optional,
    note: optional,
  })
  .map((c) => {
    const out: StoredClaim = { rule: c.rule, group: c.group, uri: URI, sl: c.sl, sc: c.sc, el: c.el, ec: c.ec, association: c.association };
    for (const k of ['since', 'until', 'partnerId', 'side', 'note'] as const) if (c[k] !== undefined) out[k] = c[k];
    return out;
  });

test(`packed and unpacked, claims are the same claims, also after a trip through JSON (the cache) (${RUNS} runs)`, () => {
  fc.assert(
    fc.property(fc.array(claim, { maxLength: 30 }), (claims) => {
      const packed = packClaims(claims);
      assert.deepEqual(unpackClaims(packed, URI), claims);
      assert.deepEqual(unpackClaims(JSON.parse(JSON.stringify({ strings: packed.strings, rows: Array.from(packed.rows) })), URI), claims);
      // Each string but a group's is written once, however many claims repeat it.
      const at = new Map<string, number>();
      Array.from(packed.rows).forEach((n, i) => {
        if (i % 12 === 1 || n < 0 || i % 12 in { 2: 1, 3: 1, 4: 1, 5: 1, 6: 1 }) return;
        const s = packed.strings[n];
        assert.equal(at.get(s) ?? n, n, `${s} written twice`);
        at.set(s, n);
      });
    }),
    { numRuns: RUNS },
  );
});

test('a damaged pack is refused with BadPack, never unpacked into claims with holes', () => {
  const packed = packClaims([{ rule: 'tpor-not-dpor', group: 'g', uri: URI, sl: 1, sc: 2, el: 1, ec: 6, association: 0, since: '2024-01-01' }]);
  // As the cache holds it.
  const good = { strings: packed.strings, rows: Array.from(packed.rows) };
  const damaged: unknown[] = [
    { strings: good.strings, rows: good.rows.slice(1) },
    { strings: good.strings.slice(0, 1), rows: good.rows },
    { strings: good.strings, rows: good.rows.map((n, i) => (i === 2 ? 1.5 : n)) },
    { strings: good.strings, rows: good.rows.map((n, i) => (i === 0 ? -1 : n)) },
    { strings: 'x', rows: good.rows },
    { strings: good.strings, rows: null },
  ];
  for (const d of damaged) assert.throws(() => unpackClaims(d as never, URI), BadPack, JSON.stringify(d));
});

const field = fc.string({ maxLength: 10 }).filter((s) => !s.includes('\u0000'));
const key: fc.Arbitrary<ClaimKey> = fc.oneof(
  field.map((subscription): ClaimKey => ({ on: 'subscription', subscription })),
  fc.tuple(field, field).map(([tenant, workload]): ClaimKey => ({ on: 'workload', tenant, workload })),
  field.map((agreement): ClaimKey => ({ on: 'agreement', agreement })),
  field.map((tenant): ClaimKey => ({ on: 'tenant', tenant })),
  fc.tuple(field, field).map(([agreement, partner]): ClaimKey => ({ on: 'agreement-partner', agreement, partner })),
  fc.tuple(field, field).map(([subscription, partner]): ClaimKey => ({ on: 'subscription-partner', subscription, partner })),
);

test(`a claim's key comes back from its group string (${RUNS} runs)`, () => {
  fc.assert(
    fc.property(key, (k) => assert.deepEqual(parseClaimKey(claimKeyString(k)), k)),
    { numRuns: RUNS },
  );
});

/** The related information each file's diagnostics name, as `rule: message`. */
function related(files: Record<string, string>): string[] {
  const svc = createAssocService();
  for (const [name, t] of Object.entries(files)) svc.load(`file:///ws/${name}`, t);
  return Object.keys(files)
    .flatMap((name) => svc.diagnostics(`file:///ws/${name}`))
    .flatMap((d) => (d.relatedInformation ?? []).map((r) => `${d.code}: ${r.message}`))
    .sort();
}

test('each rule words the label of a claim in conflict: partner, subscription or agreement, period, and what else the record said', () => {
  const sub = '0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b';
  const other = VALID.replace('name: Fabrikam, Inc.', 'name: Fabrikam Two').replace('partnerId: 1234567', 'partnerId: 7654321').replace('since: 2024-03-01', 'since: 2024-01-01\n    until: 2024-12-31');
  assert.deepEqual(related({ 'a.assoc.yaml': VALID, 'b.assoc.yaml': other }), [
    'customer-duplicate: the same tenant, as Fabrikam Two',
    'customer-duplicate: the same tenant, as Fabrikam, Inc.',
    'dpor-one-per-subscription: DPOR of partner 1234567, from 2024-03-01',
    'dpor-one-per-subscription: DPOR of partner 7654321, from 2024-01-01 to 2024-12-31',
  ]);
  // A TPOR of the partner that is DPOR on a subscription under the agreement: met through the agreement and through the subscription.
  const tpor = VALID.replace('6b1e0d0e', '7c2f1e1f').replace(
    'associations:\n',
    'associations:\n  - type: TPOR\n    partnerId: 1234567\n    agreement: EA-48213\n    since: 2024-06-01\n  - type: TPOR\n    channel: direct\n    agreement: EA-48213\n    since: 2024-07-01\n',
  );
  const labels = related({ 'a.assoc.yaml': VALID, 't.assoc.yaml': tpor });
  assert.ok(labels.includes(`tpor-not-dpor: DPOR of partner 1234567 on subscription ${sub}, from 2024-03-01`), labels.join('\n'));
  assert.ok(labels.includes('tpor-one-per-agreement: TPOR (direct), from 2024-07-01'), labels.join('\n'));
  assert.ok(labels.includes('tpor-one-per-agreement: TPOR of partner 1234567, from 2024-06-01'), labels.join('\n'));
});
