// Takes a key out, with its value: a field that does not belong.
import type { FixProvider } from './api';
import { keyName, nodeAt } from '../yaml/tree';
import { entrySpan } from './edit';

export const removeField: FixProvider = ({ parsed, diagnostic }) => {
  const at = nodeAt(parsed.root, parsed.lines.offset(diagnostic.range.start));
  const pair = at?.pair;
  const map = at?.map;
  if (!pair || !map || map.alias || !at.isKey) return [];
  const entries = map.items.map((p): [number, number] => [p.key.start, Math.max(p.key.end, p.value.end)]);
  // In block style, a key that shares its line with a list dash stays (removing the line would take the dash).
  const span = entrySpan(parsed.text, map.flow, entries, map.items.indexOf(pair), /^[ \t]*$/);
  return span ? [{ title: `Remove '${keyName(pair)}'`, uri: parsed.uri, edits: [{ start: span[0], end: span[1], newText: '' }], preferred: true, safe: true }] : [];
};
