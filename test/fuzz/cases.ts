// Generated inputs for the property tests and `npm run fuzz`: arbitrary text,
// and records mutated the way typing, merging and bad tools mangle them.
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Position } from 'vscode-languageserver-types';

const ROOT = join(__dirname, '..', '..');

function walk(dir: string, out: string[]): string[] {
  for (const e of readdirSync(dir)) {
    const f = join(dir, e);
    if (statSync(f).isDirectory()) walk(f, out);
    else if (/\.assoc\.ya?ml$/.test(e)) out.push(f);
  }
  return out;
}

/** Real records to start from: the fixtures and the examples. */
export const CORPUS: readonly string[] = [...walk(join(ROOT, 'test', 'fixtures'), []), ...walk(join(ROOT, 'examples'), [])].map((f) =>
  readFileSync(f, 'utf8').replace(/\s*#\s*want\s+[a-z0-9, -]+$/gm, ''),
);

/** Pieces of YAML and of records that mutations insert: indicators, anchors, tags, odd line ends, odd values. */
const SNIPPETS = [
  ':', ': ', '- ', '-', '[', ']', '{', '}', ',', ', ', '#', ' # c', '&a ', '*a', '&b ', '*b', '!!str ', '!!int ', '!custom ', '|', '|-\n  x\n', '>', '"', "'", '\\',
  '\t', '\n', '\r', '\r\n', ' ', '  ', '    ', '---\n', '...\n', '%YAML 1.1\n---\n', '<<: *a\n', '? ', '__proto__: x\n', 'constructor: 1\n',
  'type: DPOR', 'type: CPOR', 'type: TPOR', 'type: PAL', 'type: CSP', 'partnerId: 1234567', 'partnerId: 0o17', 'partnerId: 1e6', 'partnerId: 012345',
  'since: 0024-12-31', 'since: 2024-02-30', 'until: 0001-01-01', 'since: 2024-01-01', 'until: 2023-01-01', 'since:', 'until: ',
  'subscription: nope', 'agreement: EA-1', 'solutionAreas: [security, modern-work]', 'solutionAreas: []', 'role: OSA', 'recognition: usage',
  'model: indirect-reseller', 'channel: microsoft-direct', 'segment: smb', 'licensing: CSP', 'kind: EA', 'program: 2026-05', 'program: 2099-01',
  '6b1e0d0e-2d3f-4a9c-9c1e-0f5c2a7b8e11', '0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b', '\u00e9', '\ud83d\ude00', '\u2028', '\u0000', '\ufeff',
  '# assoc-disable-next-line dpor-one-per-subscription\n', '# assoc-disable-next-line nope-rule\n',
];

export interface Case {
  text: string;
  /** Where features are asked: anywhere, past the end included. */
  positions: Position[];
}

const position = fc.record({ line: fc.nat({ max: 120 }), character: fc.nat({ max: 90 }) });

type Mutation = (t: string) => string;

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...SNIPPETS)).map(([at, s]): Mutation => (t) => {
    const i = Math.floor(at * (t.length + 1));
    return t.slice(0, i) + s + t.slice(i);
  }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat({ max: 40 })).map(([at, n]): Mutation => (t) => {
    const i = Math.floor(at * t.length);
    return t.slice(0, i) + t.slice(i + n);
  }),
  // Lines: duplicated, dropped, swapped, indented or dedented.
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('dup', 'drop', 'swap', 'indent', 'dedent')).map(([at, op]): Mutation => (t) => {
    const lines = t.split('\n');
    const i = Math.floor(at * lines.length);
    if (op === 'dup') lines.splice(i, 0, lines[i] ?? '');
    else if (op === 'drop') lines.splice(i, 1);
    else if (op === 'swap' && i + 1 < lines.length) [lines[i], lines[i + 1]] = [lines[i + 1], lines[i]];
    else if (op === 'indent') lines[i] = `  ${lines[i] ?? ''}`;
    else if (op === 'dedent') lines[i] = (lines[i] ?? '').replace(/^ {1,2}/, '');
    return lines.join('\n');
  }),
  // An anchor on one value and an alias to it on another (before or after it), as people reuse lists.
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('x', 'areas', 'x')).map(([a, b, name]): Mutation => (t) => {
    const lines = t.split('\n');
    const values = lines.map((l, i) => [i, /^(\s*(?:- )?[\w-]+: )(\S.*)$/.exec(l)] as const).filter(([, m]) => m);
    if (values.length < 2) return t;
    const pick = (x: number) => values[Math.min(values.length - 1, Math.floor(x * values.length))];
    const [i, m] = pick(a);
    const [j, n] = pick(b);
    lines[i] = `${m![1]}&${name} ${m![2]}`;
    if (j !== i) lines[j] = `${n![1]}*${name}`;
    return lines.join('\n');
  }),
  fc.string({ maxLength: 12 }).chain((s) => fc.double({ min: 0, max: 1, noNaN: true }).map((at): Mutation => (t) => {
    const i = Math.floor(at * (t.length + 1));
    return t.slice(0, i) + s + t.slice(i);
  })),
);

/** The line ends of a text turned into CRLF or a lone CR. */
export function withLineEnds(text: string, eol: '\n' | '\r\n' | '\r'): string {
  return text.replace(/\r\n|\r|\n/g, eol);
}

const mutated = fc
  .tuple(fc.constantFrom(...CORPUS), fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.constantFrom<'\n' | '\r\n' | '\r' | null>(null, null, '\r\n', '\r'))
  .map(([base, ms, eol]) => {
    const t = ms.reduce((acc, m) => m(acc), base);
    return eol ? withLineEnds(t, eol) : t;
  });

const arbitraryText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.array(fc.constantFrom(...SNIPPETS), { maxLength: 30 }).map((p) => p.join('')),
);

/** A text to check, with positions to ask features at. */
export const caseArbitrary: fc.Arbitrary<Case> = fc.record({
  text: fc.oneof({ weight: 4, arbitrary: mutated }, { weight: 1, arbitrary: arbitraryText }),
  positions: fc.array(position, { minLength: 1, maxLength: 4 }),
});
