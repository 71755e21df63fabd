// Which findings are about which association: the grouping the coverage
// report and the code lens read credit from, held to findingAbout itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Range } from 'vscode-languageserver-types';
import type { Finding } from '../server/src/service/types';
import { findingAbout, findingsByAssociation } from '../server/src/service/validate';

/** Associations as list items: ranges in document order that do not overlap, several on a line (flow) or a line each. */
const associations = fc.array(fc.record({ gapLines: fc.nat(3), gapChars: fc.nat(5), lines: fc.nat(4), width: fc.nat(30) }), { maxLength: 30 }).map((parts) => {
  let line = 0;
  let character = 0;
  return parts.map((p, index) => {
    if (p.gapLines > 0) {
      line += p.gapLines;
      character = p.gapChars;
    } else character += p.gapChars; // 0: it starts where the one before ends
    const start = { line, character };
    line += p.lines;
    character = p.lines > 0 ? p.width : character + p.width;
    return { index, range: { start, end: { line, character } } as Range };
  });
});

/** A finding anywhere, or on an association's first or last character, where two may meet. */
const finding = (edges: Array<{ line: number; character: number }>) =>
  fc
    .record({
      association: fc.option(fc.nat(35), { nil: undefined }),
      at: edges.length > 0 ? fc.oneof(fc.record({ line: fc.nat(150), character: fc.nat(60) }), fc.constantFrom(...edges)) : fc.record({ line: fc.nat(150), character: fc.nat(60) }),
    })
    .map(({ association, at }): { finding: Finding } => ({
      finding: { rule: 'r', message: 'm', range: { start: at, end: { line: at.line, character: at.character + 1 } }, ...(association !== undefined ? { association } : {}) },
    }));

const workload = associations.chain((as) => fc.tuple(fc.constant(as), fc.array(finding(as.flatMap((a) => [a.range.start, a.range.end])), { maxLength: 60 })));

test('findingsByAssociation gives each association exactly the findings findingAbout gives it, in their order', () => {
  fc.assert(
    fc.property(workload, ([as, fs]) => {
      const grouped = findingsByAssociation(as, fs);
      for (const a of as) assert.deepEqual(grouped.get(a.index) ?? [], fs.filter((x) => findingAbout(a, x.finding)));
    }),
    { numRuns: 300 },
  );
});
