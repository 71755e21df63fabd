// Property tests over generated inputs (a small count here; `npm run fuzz`
// runs 100,000 or more): see test/fuzz/check.ts for what must hold.
import { test } from 'node:test';
import fc from 'fast-check';
import { caseArbitrary } from './fuzz/cases';
import { checkCase } from './fuzz/check';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 200);

test(`any text or mangled record: no exception, exact ranges, one answer, fixes that hold (${RUNS} cases)`, () => {
  fc.assert(
    fc.property(caseArbitrary, (c) => {
      checkCase(c);
    }),
    { numRuns: RUNS, includeErrorInReport: true, seed: Number(process.env.PROPERTY_SEED ?? Date.now() % 2 ** 31) },
  );
});
