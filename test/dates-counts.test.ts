// Dates are read digit by digit, and counts written with their commas by
// hand; independent readings (JavaScript's own calendar and locale) hold
// them to what they replace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { dayBefore, isIsoDate } from '../server/src/service/dates';
import { thousands } from '../server/src/service/rules/api';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 2000);

/** Whether a string is YYYY-MM-DD for a day that exists, by the Date object's calendar. */
function oracle(s: string): boolean {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1) return false;
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

const near = fc
  .tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
  .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const mangled = fc.tuple(near, fc.nat({ max: 11 }), fc.constantFrom('', ' ', '/', 'x', '٣', '-', '0', '\n')).map(([s, i, c]) => s.slice(0, i) + c + s.slice(i + 1));

test(`a date is a real calendar day written YYYY-MM-DD, years 0001 to 9999 (${RUNS} runs)`, () => {
  fc.assert(
    fc.property(fc.oneof(near, mangled, fc.string({ maxLength: 12 })), (s) => assert.equal(isIsoDate(s), oracle(s), s)),
    { numRuns: RUNS },
  );
  for (const [s, want] of [['2024-02-29', true], ['2023-02-29', false], ['1900-02-29', false], ['2000-02-29', true], ['0000-01-01', false], ['0001-01-01', true], ['9999-12-31', true], ['2024-04-31', false], ['2024-1-01', false], ['２０２４-01-01', false]] as const) {
    assert.equal(isIsoDate(s), want, s);
  }
});

test(`counts are written as en-US writes them, commas between thousands (${RUNS} runs)`, () => {
  fc.assert(
    fc.property(fc.nat({ max: 2_000_000_000 }), (n) => assert.equal(thousands(n), n.toLocaleString('en-US'))),
    { numRuns: RUNS },
  );
});

test(`the day before a date is the calendar's day before (${RUNS} runs)`, () => {
  fc.assert(
    fc.property(near.filter(oracle), (s) => {
      const t = new Date(0);
      t.setUTCFullYear(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8)) - 1);
      const want = s === '0001-01-01' ? s : `${String(t.getUTCFullYear()).padStart(4, '0')}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-${String(t.getUTCDate()).padStart(2, '0')}`;
      assert.equal(dayBefore(s), want, s);
    }),
    { numRuns: RUNS },
  );
});
