// Ends the earlier of two overlapping associations the day before the later
// one starts: from the earlier one's diagnostic (end-before), or from the
// later one's, in whichever file the earlier one is (end-other).
import type { Range } from 'vscode-languageserver-types';
import type { ParsedRecord } from '../parse';
import type { FixHint } from '../types';
import { get, nodeAt } from '../yaml/tree';
import type { FixCandidate, FixProvider, OffsetEdit } from './api';
import { addKey } from './edit';

/** The edit that sets `until` on the association whose node is at `range` (replacing an `until` it has). */
function untilEdit(parsed: ParsedRecord, range: Range, until: string): OffsetEdit | undefined {
  const map = nodeAt(parsed.root, parsed.lines.offset(range.start))?.map;
  if (!map || map.alias) return undefined;
  const existing = get(map, 'until');
  if (existing) {
    const v = existing.value;
    if (v.alias) return undefined;
    // An empty `until:` has a value of no width right after the colon.
    if (v.start === v.end) return { start: v.start, end: v.end, newText: ` ${until}` };
    return { start: v.start, end: v.end, newText: until };
  }
  return addKey(parsed, map, 'until', until);
}

export const endBefore: FixProvider<Extract<FixHint, { kind: 'end-before' }>> = ({ parsed, diagnostic, hint }) => {
  const e = untilEdit(parsed, diagnostic.range, hint.until);
  return e ? [{ title: `End this association on ${hint.until}, the day before the later one starts`, uri: parsed.uri, edits: [e], preferred: true }] : [];
};

export const endOther: FixProvider<Extract<FixHint, { kind: 'end-other' }>> = ({ parsed, hint, lookup }) => {
  const target = hint.uri === parsed.uri ? parsed : lookup(hint.uri);
  const e = target && untilEdit(target, hint.range, hint.until);
  if (!e) return [];
  const fix: FixCandidate = { title: `End the earlier one on ${hint.until}, the day before this one starts: ${hint.label}`, uri: hint.uri, edits: [e], preferred: true };
  return [fix];
};
