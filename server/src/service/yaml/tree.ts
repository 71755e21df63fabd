// The record's YAML as the language service reads it: a small tree of
// mappings, lists and scalars, each with its offsets in the text. Both parsers
// (the fast one and the one over `yaml`'s Document) build exactly this tree,
// so nothing past parsing depends on which one ran, or on `yaml`'s objects.

/** A scalar's value as the schema sees it (YAML 1.2 core schema, as written). */
export type ScalarValue = string | number | boolean | null;

interface NodeBase {
  start: number;
  end: number;
  /** Set on every node that a YAML alias stands for: its offsets are the alias's. */
  alias?: true;
}

export interface YScalar extends NodeBase {
  kind: 'scalar';
  value: ScalarValue;
  /** The source text, kept for numbers (a partner ID keeps its leading zeros). */
  raw?: string;
}

export interface YPair {
  key: YScalar;
  /** An empty value (`key:`) is a null scalar of no width right after the colon. */
  value: YNode;
}

export interface YMap extends NodeBase {
  kind: 'map';
  items: YPair[];
  flow: boolean;
  /** The mapping holds a merge key (`<<`): it gets no diagnostic but that one. */
  merge?: true;
}

export interface YSeq extends NodeBase {
  kind: 'seq';
  items: YNode[];
  flow: boolean;
}

export type YNode = YScalar | YMap | YSeq;

export interface Comment {
  start: number;
  text: string;
}

export type PathSegment = string | number;

/** A mapping's value for a key: with a key written twice, the last one counts. */
export function get(map: YMap, key: string): YPair | undefined {
  for (let i = map.items.length - 1; i >= 0; i--) if (map.items[i].key.value === key) return map.items[i];
  return undefined;
}

export function keyName(pair: YPair): string {
  const v = pair.key.value;
  return v === null ? '' : String(v);
}

/** What stands at an offset: the innermost node, its path, and whether it is a key. */
export interface NodeAt {
  path: PathSegment[];
  node: YNode;
  isKey: boolean;
  /** The mapping that holds the pair at the offset, and the pair. */
  map?: YMap;
  pair?: YPair;
  /** The collection that holds the node. */
  parent?: YMap | YSeq;
}

/**
 * A node holds the offsets from its first character to just past its last
 * (where a cursor stands after typing). A block collection ends with its last
 * value, before the line break, so what follows it on the next line is never
 * taken for part of it.
 */
function holds(n: { start: number; end: number }, offset: number): boolean {
  return n.start <= offset && offset <= n.end;
}

/** The node at an offset. */
export function nodeAt(root: YNode | null, offset: number): NodeAt | undefined {
  if (!root || !holds(root, offset)) return undefined;
  let node: YNode = root;
  const path: PathSegment[] = [];
  let map: YMap | undefined;
  let pair: YPair | undefined;
  let parent: YMap | YSeq | undefined;
  for (;;) {
    if (node.kind === 'map') {
      let hit: YPair | undefined;
      let onKey = false;
      for (const p of node.items) {
        if (holds(p.key, offset)) {
          hit = p;
          onKey = true;
          break;
        }
        if (holds(p.value, offset)) {
          hit = p;
          break;
        }
      }
      if (!hit) return { path, node, isKey: false, map, pair, parent };
      map = node;
      pair = hit;
      parent = node;
      const key = keyName(hit);
      if (onKey) return { path: [...path, key], node: hit.key, isKey: true, map, pair, parent };
      path.push(key);
      node = hit.value;
    } else if (node.kind === 'seq') {
      const index = node.items.findIndex((item) => holds(item, offset));
      if (index < 0) return { path, node, isKey: false, map, pair, parent };
      path.push(index);
      parent = node;
      node = node.items[index];
    } else {
      return { path, node, isKey: false, map, pair, parent };
    }
  }
}

/** How many nodes aliases may add to a record beyond what is written. */
export const MAX_EXPANDED = 100_000;

export class TooManyAliasNodes extends Error {}

/**
 * A copy of a node standing where an alias is: every offset the alias's, and
 * marked as an alias. `count` is called for each node made, and throws past
 * the cap.
 */
export function relocate(node: YNode, start: number, end: number, count: () => void): YNode {
  count();
  switch (node.kind) {
    case 'scalar': {
      const s: YScalar = { kind: 'scalar', start, end, value: node.value, alias: true };
      if (node.raw !== undefined) s.raw = node.raw;
      return s;
    }
    case 'seq':
      return { kind: 'seq', start, end, flow: node.flow, alias: true, items: node.items.map((i) => relocate(i, start, end, count)) };
    case 'map': {
      const m: YMap = {
        kind: 'map',
        start,
        end,
        flow: node.flow,
        alias: true,
        items: node.items.map((p) => ({ key: relocate(p.key, start, end, count) as YScalar, value: relocate(p.value, start, end, count) })),
      };
      if (node.merge) m.merge = true;
      return m;
    }
  }
}
