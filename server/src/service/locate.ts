import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { ParsedRecord } from './parse';

export type PathSegment = string | number;

/** What stands at an offset of a record: the innermost node, its path, and whether it is a key. */
export interface NodeAt {
  path: PathSegment[];
  node: Node;
  isKey: boolean;
  /** The mapping that holds the pair at the offset. */
  map?: YAMLMap;
  pair?: Pair;
  /** The mapping or list that holds the node. */
  parent?: Node;
}

function within(node: unknown, offset: number): node is Node {
  const r = (node as Node | null)?.range;
  return !!r && r[0] <= offset && offset <= r[1];
}

export function nodeAt(parsed: ParsedRecord, offset: number): NodeAt | undefined {
  const root = parsed.doc?.contents;
  if (!root || !within(root, offset)) return undefined;
  let node: Node = root;
  const path: PathSegment[] = [];
  let map: YAMLMap | undefined;
  let pair: Pair | undefined;
  let parent: Node | undefined;
  for (;;) {
    if (isMap(node)) {
      const hit = node.items.find((p) => isPair(p) && (within(p.key, offset) || within(p.value, offset)));
      if (!hit) return { path, node, isKey: false, map, pair, parent };
      map = node;
      pair = hit;
      parent = node;
      const key = isScalar(hit.key) ? String(hit.key.value) : '';
      if (within(hit.key, offset)) return { path: [...path, key], node: hit.key as Node, isKey: true, map, pair, parent };
      path.push(key);
      node = hit.value as Node;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => within(item, offset));
      if (index < 0) return { path, node, isKey: false, map, pair, parent };
      path.push(index);
      parent = node;
      node = node.items[index] as Node;
    } else {
      return { path, node, isKey: false, map, pair, parent };
    }
  }
}

/** The association index of a path under `associations`, if any. */
export function associationIndex(path: PathSegment[]): number | undefined {
  return path[0] === 'associations' && typeof path[1] === 'number' ? path[1] : undefined;
}
