// The claim index counts a claim's conflicts without comparing it with
// every other claim: small groups as they stand, large ones by binary
// search over sorted dates. Both must give what comparing every pair gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ClaimIndex } from '../server/src/service/claims';
import { overlaps } from '../server/src/service/dates';
import { groupOf, type StoredClaim } from '../server/src/service/validate';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 100);

const day = fc.integer({ min: 0, max: 40 }).map((d) => `2024-${String(1 + Math.floor(d / 28)).padStart(2, '0')}-${String(1 + (d % 28)).padStart(2, '0')}`);
const period = fc.tuple(fc.option(day, { nil: undefined }), fc.option(day, { nil: undefined })).map(([a, b]) => (a !== undefined && b !== undefined && b < a ? { since: b, until: a } : { since: a, until: b }));

/** DPORs on a few subscriptions, in a few files: groups of one to about forty claims. */
const workspace = fc.array(fc.record({ file: fc.integer({ min: 0, max: 5 }), sub: fc.integer({ min: 0, max: 3 }), period }), { maxLength: 120 });

test(`a claim's conflicts are those that comparing every pair finds, in groups small and large (${RUNS} runs)`, () => {
  fc.assert(
    fc.property(workspace, (items) => {
      const index = new ClaimIndex();
      const claims: StoredClaim[] = items.map((it, i) => {
        const c: StoredClaim = { rule: 'dpor-one-per-subscription', group: groupOf('dpor-one-per-subscription', { on: 'subscription', subscription: `sub-${it.sub}` }), uri: `file:///ws/f${it.file}.assoc.yaml`, sl: i, sc: 4, el: i, ec: 8, association: i, partnerId: String(1000 + i) };
        if (it.period.since !== undefined) c.since = it.period.since;
        if (it.period.until !== undefined) c.until = it.period.until;
        return c;
      });
      for (let f = 0; f <= 5; f++) index.set(`file:///ws/f${f}.assoc.yaml`, claims.filter((c) => c.uri === `file:///ws/f${f}.assoc.yaml`), false);
      for (let f = 0; f <= 5; f++) {
        const uri = `file:///ws/f${f}.assoc.yaml`;
        const found = new Map(index.findings(uri).map((x) => [x.range.start.line, x]));
        for (const c of claims.filter((x) => x.uri === uri)) {
          const others = claims.filter((o) => o !== c && o.group === c.group && overlaps(o, c)).length;
          const finding = found.get(c.sl);
          if (others === 0) {
            assert.equal(finding, undefined, `claim ${c.sl} has no conflict`);
            continue;
          }
          assert.ok(finding, `claim ${c.sl} conflicts with ${others}`);
          assert.equal(finding.related?.length, Math.min(20, others), `claim ${c.sl}: related`);
          assert.match(finding.message, others === 1 ? /overlaps another DPOR on subscription sub-\d/ : new RegExp(`overlaps ${others} other DPORs on subscription sub-\\d`));
        }
      }
    }),
    { numRuns: RUNS },
  );
});

test('a crowded group names fewer others in each finding: 20 up to 5,000 claims, down to 10 from 10,000 on; the message still counts them all', () => {
  for (const [size, want] of [
    [2_000, 20],
    [5_000, 20],
    [6_000, 16],
    [10_000, 10],
    [12_000, 10],
  ] as const) {
    const index = new ClaimIndex();
    const group = groupOf('dpor-one-per-subscription', { on: 'subscription', subscription: 'shared' });
    // All open-ended, one a day apart: each overlaps every other.
    const claims: StoredClaim[] = Array.from({ length: size }, (_, i) => ({ rule: 'dpor-one-per-subscription', group, uri: `file:///ws/f${i % 50}.assoc.yaml`, sl: i, sc: 4, el: i, ec: 8, association: i, partnerId: String(1_000_000 + i), since: new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(0, 10) }));
    for (let f = 0; f < 50; f++) index.set(`file:///ws/f${f}.assoc.yaml`, claims.filter((c) => c.uri === `file:///ws/f${f}.assoc.yaml`), false);
    let total = 0;
    let findings = 0;
    for (let f = 0; f < 50; f++) {
      for (const x of index.findings(`file:///ws/f${f}.assoc.yaml`)) {
        findings++;
        total += x.related?.length ?? 0;
        assert.equal(x.related?.length, want, `group of ${size}: line ${x.range.start.line}`);
        assert.match(x.message, new RegExp(`overlaps ${(size - 1).toLocaleString('en-US')} other DPORs`));
      }
    }
    assert.equal(findings, size);
    assert.ok(total <= Math.max(100_000, 10 * size), `group of ${size}: ${total} related locations in all`);
  }
});

test('a claim met through two keys counts the others of both, named once each, though only 20 are named', () => {
  const index = new ClaimIndex();
  const rule = 'cpor-one-per-workload';
  const byWorkload = groupOf(rule, { on: 'workload', tenant: 't', workload: 'exchange' });
  const bySubscription = groupOf(rule, { on: 'subscription', subscription: 's' });
  const cpor = (uri: string, group: string, sl: number): StoredClaim => ({ rule, group, uri, sl, sc: 4, el: sl, ec: 8, association: sl, partnerId: String(2_000_000 + sl), since: '2024-01-01' });
  // One CPOR, claimed per workload and per subscription; 12 others on each key, and one other on both.
  index.set('file:///ws/a.assoc.yaml', [cpor('file:///ws/a.assoc.yaml', byWorkload, 0), cpor('file:///ws/a.assoc.yaml', bySubscription, 0)], false);
  for (let i = 1; i <= 12; i++) index.set(`file:///ws/w${i}.assoc.yaml`, [cpor(`file:///ws/w${i}.assoc.yaml`, byWorkload, i)], false);
  for (let i = 1; i <= 12; i++) index.set(`file:///ws/s${i}.assoc.yaml`, [cpor(`file:///ws/s${i}.assoc.yaml`, bySubscription, i)], false);
  index.set('file:///ws/both.assoc.yaml', [cpor('file:///ws/both.assoc.yaml', byWorkload, 99), cpor('file:///ws/both.assoc.yaml', bySubscription, 99)], false);
  const [finding, ...rest] = index.findings('file:///ws/a.assoc.yaml');
  assert.equal(rest.length, 0);
  assert.equal(finding.related?.length, 20);
  assert.equal(new Set(finding.related?.map((r) => r.uri)).size, 20);
  assert.match(finding.message, /overlaps 25 other CPOR claims/);
});
