// The bar every quick fix must clear before it is offered: the YAML still
// parses, no comment is lost but on lines the fix removes on purpose, the
// diagnostic it fixes is gone, and no other problem appears, except an empty
// value the fix leaves for the user to fill in.
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Comment } from '../yaml/tree';
import { LineIndex } from '../yaml/lines';
import { RULES } from '../rules';
import type { OffsetEdit } from './api';

const CROSS_FILE = new Set(RULES.filter((r) => r.scope === 'workspace').map((r) => r.id));
const FILL_IN = /not nothing\.|must not be empty|needs at least one entry/;

export interface FixOutcome {
  /** The lines of the text before the fix: the parse's own, which holds that text. */
  beforeLines: LineIndex;
  afterText: string;
  edits: OffsetEdit[];
  beforeComments: Comment[];
  afterComments: Comment[];
  before: Diagnostic[];
  after: Diagnostic[];
}

const key = (d: Diagnostic) => `${d.code}\u0000${typeof d.message === 'string' ? d.message : d.message.value}`;

function counts<T>(xs: readonly T[], f: (x: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of xs) {
    const k = f(x);
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

/** Applies offset edits to a text (edits do not overlap). */
export function applyEdits(text: string, edits: OffsetEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** Lines of the new text that the edits wrote (0-based, inclusive ranges), and lines of the old text they removed whole. */
function editedLines(o: FixOutcome): { written: Array<[number, number]>; removed: Set<number> } {
  const before = o.beforeLines;
  const after = new LineIndex(o.afterText);
  const written: Array<[number, number]> = [];
  const removed = new Set<number>();
  let shift = 0;
  for (const e of [...o.edits].sort((a, b) => a.start - b.start)) {
    const startAfter = e.start + shift;
    written.push([after.lineOf(startAfter), after.lineOf(startAfter + e.newText.length)]);
    // A line is removed whole when the edit replaces it and a line break beside it, the one after or the one before.
    for (let l = before.lineOf(e.start); l <= before.lineOf(e.end); l++) {
      const start = before.lineStart(l);
      const next = l + 1 < before.lineCount ? before.lineStart(l + 1) : before.text.length;
      const end = l + 1 < before.lineCount ? next - 1 : next;
      if (start >= e.start && end <= e.end && (next <= e.end || start > e.start)) removed.add(l);
    }
    shift += e.newText.length - (e.end - e.start);
  }
  return { written, removed };
}

/** Why a fix fails the bar, or undefined when it holds. `fixed`: the diagnostic it must clear, when it is in this file. */
export function fixProblem(o: FixOutcome, fixed?: Diagnostic): string | undefined {
  const syntaxBefore = o.before.filter((d) => d.code === 'yaml-syntax').length;
  if (o.after.filter((d) => d.code === 'yaml-syntax').length > syntaxBefore) return 'it breaks the YAML';
  const { written, removed } = editedLines(o);
  const kept = counts(o.beforeComments.filter((c) => !removed.has(o.beforeLines.lineOf(c.start))), (c) => c.text);
  const now = counts(o.afterComments, (c) => c.text);
  for (const [text, n] of kept) if ((now.get(text) ?? 0) < n) return `it loses a comment (${text})`;
  const beforeKeys = counts(o.before, key);
  if (fixed) {
    const k = key(fixed);
    if ((counts(o.after, key).get(k) ?? 0) >= (beforeKeys.get(k) ?? 0)) return 'the diagnostic is still there';
  }
  const fillIn = (d: Diagnostic) => FILL_IN.test(String(d.message)) && written.some(([a, b]) => d.range.start.line >= a && d.range.start.line <= b);
  const beforeCodes = counts(o.before, (d) => String(d.code));
  const afterCodes = counts(o.after.filter((d) => !fillIn(d)), (d) => String(d.code));
  for (const [code, n] of afterCodes) if (n > (beforeCodes.get(code) ?? 0)) return `it brings a new ${code} diagnostic`;
  for (const d of o.after) {
    if (fillIn(d) || beforeKeys.has(key(d)) || CROSS_FILE.has(String(d.code))) continue;
    return `it brings a new ${d.code} diagnostic: ${String(d.message)}`;
  }
  return undefined;
}
