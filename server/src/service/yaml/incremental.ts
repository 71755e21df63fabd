// Re-reading only what an edit can change. In a record read by the fast
// path, an edit that stays inside one item of the block list `associations`
// (not the last one) can change only that item, as long as the item's text,
// read again on its own, is still exactly one item of that list at the same
// column. Then that item alone is parsed again and spliced in, and the
// offsets after it are shifted. Anything else (an edit across items, in the
// last item, elsewhere, or whose reach is unclear) is read in full.
import { fastParse } from './fast';
import { lineStart } from './lines';
import type { Comment, YNode, YSeq } from './tree';

export interface Splice {
  root: YNode;
  comments: Comment[];
  aliases: boolean;
}

/** The start of the line that holds an item's dash, if the item's first node sits on that line after `- `. */
function dashLine(text: string, item: YNode, dashCol: number): number | undefined {
  const start = lineStart(text, item.start);
  const lead = text.slice(start, item.start);
  return /^ *- +$/.test(lead) && lead.indexOf('-') === dashCol ? start : undefined;
}

function shift(node: YNode, from: number, delta: number): void {
  if (node.start >= from) node.start += delta;
  if (node.end >= from) node.end += delta;
  if (node.kind === 'map') {
    for (const p of node.items) {
      shift(p.key, from, delta);
      shift(p.value, from, delta);
    }
  } else if (node.kind === 'seq') for (const i of node.items) shift(i, from, delta);
}

/**
 * The tree of `after`, built from the tree of `before` (read by the fast
 * path) by parsing again only the association the edit falls in; undefined
 * when that cannot be shown to give what a full read would. The old tree is
 * reused and changed in place: it belongs to `before` no more.
 */
export function spliceEdit(before: string, root: YNode | null, comments: Comment[], after: string): Splice | undefined {
  if (!root || root.kind !== 'map' || root.flow) return undefined;
  // The changed region: what lies between the common prefix and the common suffix.
  const max = Math.min(before.length, after.length);
  let p = 0;
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  const oldEnd = before.length - s;
  const delta = after.length - before.length;

  const pair = root.items.find((x) => x.key.value === 'associations');
  const seq = pair?.value;
  if (!seq || seq.kind !== 'seq' || seq.flow || seq.items.length < 2) return undefined;
  if (root.items.filter((x) => x.key.value === 'associations').length !== 1) return undefined;
  // The column of the list's dashes, from its first item.
  const firstStart = lineStart(before, seq.items[0].start);
  const dashCol = before.slice(firstStart, seq.items[0].start).indexOf('-');
  if (dashCol < 0) return undefined;
  // The item the edit falls in, from its dash line to the next item's.
  let lo = 0;
  let hi = seq.items.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (seq.items[mid].start <= p) lo = mid;
    else hi = mid - 1;
  }
  const i = lo;
  const regionStart = dashLine(before, seq.items[i], dashCol);
  const regionEnd = dashLine(before, seq.items[i + 1], dashCol);
  if (regionStart === undefined || regionEnd === undefined || p < regionStart || oldEnd > regionEnd) return undefined;

  // Read the item again on its own: it must still be exactly one item of a list at the same column.
  const text = after.slice(regionStart, regionEnd + delta);
  const again = fastParse(text);
  const list = again?.root;
  if (!again || again.aliases || !list || list.kind !== 'seq' || list.flow || list.items.length !== 1) return undefined;
  const item = list.items[0];
  if (dashLine(text, item, dashCol) !== 0) return undefined;

  shift(root, regionEnd, delta);
  shift(item, 0, regionStart);
  (seq as YSeq).items[i] = item;
  const kept = comments.filter((c) => c.start < regionStart || c.start >= regionEnd).map((c) => (c.start >= regionEnd ? { start: c.start + delta, text: c.text } : c));
  const fresh = again.comments.map((c) => ({ start: c.start + regionStart, text: c.text }));
  const at = kept.findIndex((c) => c.start >= regionStart);
  const merged = at < 0 ? [...kept, ...fresh] : [...kept.slice(0, at), ...fresh, ...kept.slice(at)];
  return { root, comments: merged, aliases: false };
}
