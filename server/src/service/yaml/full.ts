// The full path: any YAML, read by `yaml` into a Document and turned into the
// same tree the fast path builds. Aliases are expanded here, in one pass in
// document order (an alias names the nearest anchor before it), each copy
// carrying the alias's offsets; at most MAX_EXPANDED nodes may come from
// aliases, and a cycle reads as null.
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Scalar } from 'yaml';
import { lineStart } from './lines';
import { MAX_EXPANDED, TooManyAliasNodes, relocate, type ScalarValue, type YMap, type YNode, type YPair, type YScalar, type YSeq } from './tree';

const PLAIN_INTEGER = /^-?[0-9]+$/;

/** A scalar's value as the schema should see it: what is written, read by the core schema. */
function scalarValue(node: Scalar): { value: ScalarValue; raw?: string } {
  const v = node.value;
  const source = typeof node.source === 'string' ? node.source : undefined;
  if (typeof v === 'number') {
    // A whole number written other than in plain digits (0o17, 0x1F, 1e6, +5, 5.0) stays as written,
    // so that a partner ID like 12345.0 is not silently taken for 12345; so do .inf and .nan.
    if (!Number.isFinite(v) || (Number.isInteger(v) && source !== undefined && !PLAIN_INTEGER.test(source))) return { value: source ?? String(v) };
    return source !== undefined && PLAIN_INTEGER.test(source) ? { value: v, raw: source } : { value: v };
  }
  if (typeof v === 'string' || typeof v === 'boolean' || v === null) return { value: v };
  if (typeof v === 'bigint') return { value: source ?? String(v) };
  // A date (under %YAML 1.1), binary data or anything a tag made: what is written.
  return { value: source ?? String(v) };
}

interface Walk {
  /** The nearest anchor of each name so far, in document order. */
  anchors: Map<string, Node>;
  converted: Map<Node, YNode>;
  inProgress: Set<Node>;
  expanded: number;
  /** Aliases that name no anchor before them. */
  dangling: Array<{ start: number; end: number; name: string }>;
}

function rangeOf(node: Node | null | undefined): [number, number] {
  const r = node?.range;
  return r ? [r[0], r[1]] : [0, 0];
}

/**
 * Where an empty value stands: just after its `:` or `-`, whatever `yaml` says
 * (it puts an empty scalar after the spaces, at a comment, or on a later line).
 */
function emptyAt(text: string, offset: number): number {
  let i = offset;
  for (let guard = 0; guard < 1000; guard++) {
    while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t' || text[i - 1] === '\n' || text[i - 1] === '\r')) i--;
    if (i > 0 && (text[i - 1] === ':' || text[i - 1] === '-')) return i;
    // A comment between the indicator and here: step over it.
    const start = lineStart(text, i);
    const hash = text.slice(start, i).search(/(?:^|[ \t])#/);
    if (i === 0 || hash < 0) return offset;
    i = start + hash + (text[start + hash] === '#' ? 0 : 1);
  }
  return offset;
}

function convert(w: Walk, text: string, node: unknown, emptyFrom: number): YNode {
  if (isAlias(node)) {
    const [start, end] = rangeOf(node);
    const target = w.anchors.get(node.source);
    if (!target) {
      w.dangling.push({ start, end, name: node.source });
      return { kind: 'scalar', start, end, value: null, alias: true };
    }
    const done = w.converted.get(target);
    // An alias inside the node it names is a cycle: it reads as nothing.
    if (!done || w.inProgress.has(target)) return { kind: 'scalar', start, end, value: null, alias: true };
    return relocate(done, start, end, () => {
      if (++w.expanded > MAX_EXPANDED) throw new TooManyAliasNodes();
    });
  }
  if (!node || typeof node !== 'object') {
    const at = emptyAt(text, emptyFrom);
    return { kind: 'scalar', start: at, end: at, value: null };
  }
  const n = node as Node;
  if (n.anchor) w.anchors.set(n.anchor, n);
  w.inProgress.add(n);
  let out: YNode;
  const [start, end] = rangeOf(n);
  if (isMap(n)) {
    const map: YMap = { kind: 'map', start, end, items: [], flow: !!n.flow };
    for (const item of n.items) {
      if (!isPair(item)) continue;
      const key = convertKey(w, text, item.key, start);
      if (key.value === '<<') map.merge = true;
      // A pair with no value node at all (`{a}`, `? a`) has its empty value right after the key.
      const value = convert(w, text, item.value, item.value && typeof item.value === 'object' ? rangeOf(item.value as Node)[0] : key.end);
      map.items.push({ key, value } satisfies YPair);
    }
    out = map;
  } else if (isSeq(n)) {
    const seq: YSeq = { kind: 'seq', start, end, items: [], flow: !!n.flow };
    for (const item of n.items) seq.items.push(convert(w, text, item, rangeOf(item as Node)[0]));
    out = seq;
  } else if (isScalar(n)) {
    const { value, raw } = scalarValue(n);
    const empty = value === null && n.source === '' && start === end;
    const at = empty ? emptyAt(text, start) : start;
    const s: YScalar = { kind: 'scalar', start: at, end: empty ? at : end, value };
    if (raw !== undefined) s.raw = raw;
    out = s;
  } else {
    out = { kind: 'scalar', start, end, value: null };
  }
  // Block collections end with their last value, not after the line break and comments that follow.
  if (out.kind !== 'scalar' && !out.flow) {
    const last = out.kind === 'map' ? out.items[out.items.length - 1]?.value : out.items[out.items.length - 1];
    if (last) out.end = last.end;
  }
  w.inProgress.delete(n);
  w.converted.set(n, out);
  return out;
}

function convertKey(w: Walk, text: string, key: unknown, fallback: number): YScalar {
  if (isScalar(key) || isAlias(key)) {
    const k = convert(w, text, key, fallback);
    return k.kind === 'scalar' ? k : { kind: 'scalar', start: k.start, end: k.end, value: String(key) };
  }
  if (key && typeof key === 'object') {
    // A collection as a key is named as it is written: stringifying it through `yaml` would resolve its aliases
    // (unbounded, past the alias cap) and can throw (a merge key whose source is no map).
    // `yaml` may start a mapping's range after its first key (`? <<: *a`): the first key's start is the key's.
    const [from, end] = rangeOf(key as Node);
    const first = isMap(key) && isPair(key.items[0]) && key.items[0].key && typeof key.items[0].key === 'object' ? rangeOf(key.items[0].key as Node)[0] : from;
    const start = Math.min(from, first);
    // A block mapping's range takes the line break after it too. Its name is its text on one line, cut short.
    const written = text.slice(start, end).trimEnd();
    const line = written.replace(/\s*[\r\n]+\s*/g, ' ');
    return { kind: 'scalar', start, end: start + written.length, value: line.length > 80 ? `${line.slice(0, 79)}…` : line };
  }
  return { kind: 'scalar', start: fallback, end: fallback, value: '' };
}

/** The tree of a parsed Document; throws TooManyAliasNodes past the alias cap. */
export function fromDocument(doc: Document.Parsed, text: string): { root: YNode | null; dangling: Walk['dangling'] } {
  const w: Walk = { anchors: new Map(), converted: new Map(), inProgress: new Set(), expanded: 0, dangling: [] };
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null && contents.source === '' && !contents.anchor)) return { root: null, dangling: [] };
  return { root: convert(w, text, contents, 0), dangling: w.dangling };
}
