// Takes a list item out: an ineligible solution area, an area on the wrong track.
import type { FixProvider } from './api';
import { nodeAt } from '../yaml/tree';
import { entrySpan } from './edit';

export const removeItem: FixProvider = ({ parsed, diagnostic }) => {
  const text = parsed.text;
  const at = nodeAt(parsed.root, parsed.lines.offset(diagnostic.range.start));
  const seq = at?.parent;
  if (!at || seq?.kind !== 'seq' || seq.alias || seq.items.length < 2) return [];
  const i = seq.items.indexOf(at.node);
  if (i < 0) return [];
  const label = at.node.kind === 'scalar' ? String(at.node.value) : 'the item';
  const entries = seq.items.map((n): [number, number] => [n.start, n.end]);
  const span = entrySpan(text, seq.flow, entries, i, /^[ \t]*(-[ \t]*)?$/);
  return span ? [{ title: `Remove '${label}'`, uri: parsed.uri, edits: [{ start: span[0], end: span[1], newText: '' }], preferred: true, safe: true }] : [];
};
