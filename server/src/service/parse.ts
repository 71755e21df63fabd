import {
  Document,
  LineCounter,
  Lexer,
  visit,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseAllDocuments,
  type Node,
  type Scalar,
} from 'yaml';
import { nodeRange, offsetRange } from './positions';
import type { Finding, RecordModel } from './types';
import { buildModel } from './model';

/** Where a JSON pointer of the record's JSON value stands in the YAML. */
export interface PointerEntry {
  node: Node;
  /** The key of the pair holding this value, when it is a mapping value. */
  key?: Scalar;
  /** The pointer of the enclosing value. */
  parent?: string;
}

export interface Comment {
  offset: number;
  line: number;
  text: string;
}

export interface ParsedRecord {
  uri: string;
  version: number;
  text: string;
  lines: LineCounter;
  /** yaml-syntax findings. */
  syntax: Finding[];
  /** False when the syntax is broken enough that nothing else should be checked. */
  usable: boolean;
  doc?: Document.Parsed;
  json: unknown;
  pointers: Map<string, PointerEntry>;
  model?: RecordModel;
  comments: Comment[];
}

function pointerEscape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** How many nodes a record may expand to through aliases before it is refused. */
export const MAX_NODES = 100_000;

class TooLarge extends Error {}

interface Walk {
  doc: Document.Parsed;
  pointers: Map<string, PointerEntry>;
  seen: Set<unknown>;
  nodes: number;
  /** Aliases that name no anchor. */
  dangling: Node[];
}

const PLAIN_INTEGER = /^-?\d+$/;

/** A scalar's value as the schema should see it. */
function scalarValue(node: Scalar): unknown {
  const v = node.value;
  // A whole number written other than in plain digits (0o17, 0x1F, 1e6, +5, 5.0) is kept as written,
  // so that a partner ID like 12345.0 is not silently taken for 12345.
  if (typeof v === 'number' && Number.isInteger(v) && typeof node.source === 'string' && !PLAIN_INTEGER.test(node.source)) return node.source;
  // Under a %YAML 1.1 directive dates come back as Date objects.
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? String(node.source ?? '') : v.toISOString().slice(0, 10);
  return v;
}

/**
 * Turns the YAML tree into the JSON value the schema sees, remembering for
 * every pointer the node it came from, so errors land where they belong.
 * Aliases are followed, but never in a cycle and never past MAX_NODES.
 */
function toJson(w: Walk, node: unknown, pointer: string): unknown {
  if (++w.nodes > MAX_NODES) throw new TooLarge();
  if (isAlias(node)) {
    const target = node.resolve(w.doc);
    if (!target) w.dangling.push(node);
    if (!target || w.seen.has(target)) return null;
    w.seen.add(target);
    const v = toJson(w, target, pointer);
    w.seen.delete(target);
    return v;
  }
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = isScalar(pair.key) ? pair.key : undefined;
      const name = key ? String(key.value) : String(pair.key);
      const child = `${pointer}/${pointerEscape(name)}`;
      const valueNode = (pair.value ?? pair.key) as Node;
      w.pointers.set(child, { node: valueNode, key, parent: pointer });
      out[name] = pair.value === null || pair.value === undefined ? null : toJson(w, pair.value, child);
    }
    return out;
  }
  if (isSeq(node)) {
    return node.items.map((item, i) => {
      const child = `${pointer}/${i}`;
      w.pointers.set(child, { node: item as Node, parent: pointer });
      return toJson(w, item, child);
    });
  }
  if (isScalar(node)) return scalarValue(node);
  return null;
}

/**
 * One pass over the keys: where each key ends (a duplicate key is reported
 * whole, not on its first character) and the merge keys (`<<`), which are
 * YAML 1.1: a record spells its fields out.
 */
function scanKeys(doc: Document.Parsed): { keyEnd: Map<number, number>; merges: Array<[number, number]> } {
  const keyEnd = new Map<number, number>();
  const merges: Array<[number, number]> = [];
  visit(doc, {
    Pair(_, pair) {
      if (!isScalar(pair.key) || !pair.key.range) return;
      keyEnd.set(pair.key.range[0], pair.key.range[1]);
      if (pair.key.value === '<<') merges.push([pair.key.range[0], pair.key.range[1]]);
    },
  });
  return { keyEnd, merges };
}

/** Every comment in the file, found by the YAML lexer (so `#` inside strings is not one). */
function findComments(text: string, lines: LineCounter): Comment[] {
  const out: Comment[] = [];
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    // The lexer's control tokens (document, scalar and flow-error markers) stand for no source text.
    if (token === '\x02' || token === '\x18' || token === '\x1f') continue;
    if (token.startsWith('#')) {
      out.push({ offset, line: lines.linePos(offset).line - 1, text: token });
    }
    offset += token.length;
  }
  return out;
}

const BINARY = /[\u0000-\u0008\u000e-\u001a\u001c-\u001f]/;

export function parseRecord(uri: string, text: string, version = 0): ParsedRecord {
  const lines = new LineCounter();
  const pointers = new Map<string, PointerEntry>();
  const result: ParsedRecord = {
    uri,
    version,
    text,
    lines,
    syntax: [],
    usable: false,
    json: undefined,
    pointers,
    comments: [],
  };

  const control = BINARY.exec(text);
  if (control) {
    // Feed the counter so positions can still be computed: the first line starts at 0.
    lines.addNewLine(0);
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
    result.syntax.push({
      rule: 'yaml-syntax',
      range: offsetRange(lines, control.index, control.index + 1),
      message: 'This file holds binary content (a control character), not a YAML record.',
    });
    return result;
  }

  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (!Array.isArray(docs) || docs.length === 0) {
    // An empty stream: no document at all.
    result.comments = findComments(text, lines);
    result.usable = true;
    result.json = null;
    result.model = buildModel(uri, null, lines);
    return result;
  }
  const doc = docs[0];
  result.doc = doc;
  result.comments = findComments(text, lines);

  const { keyEnd, merges } = scanKeys(doc);
  let fatal = false;
  for (const err of doc.errors) {
    if (err.code !== 'DUPLICATE_KEY') fatal = true;
    const s = err.pos[0];
    const e = err.code === 'DUPLICATE_KEY' ? (keyEnd.get(s) ?? err.pos[1]) : err.pos[1];
    const message =
      err.code === 'DUPLICATE_KEY'
        ? 'This key appears twice in the same mapping; YAML keeps only one of them.'
        : `The YAML is not well formed: ${firstLine(err.message)}`;
    result.syntax.push({ rule: 'yaml-syntax', range: offsetRange(lines, s, e), message });
  }
  // A trailing `---` (with at most comments after it) opens no real document.
  const isEmpty = (d: Document.Parsed) => d.errors.length === 0 && (d.contents === null || (isScalar(d.contents) && d.contents.value === null && d.contents.source === ''));
  for (const extra of docs.slice(1).filter((d) => !isEmpty(d))) {
    const start = extra.range[0];
    result.syntax.push({
      rule: 'yaml-syntax',
      range: offsetRange(lines, start, Math.min(text.length, start + 3)),
      message: 'A record file holds one YAML document; this second document is not checked.',
    });
  }
  result.usable = !fatal;
  if (!result.usable) return result;

  for (const [s, e] of merges) {
    result.syntax.push({
      rule: 'yaml-syntax',
      range: offsetRange(lines, s, e),
      message: 'Merge keys (`<<`) are not part of YAML 1.2 and are not read in records: write the fields out.',
    });
  }
  pointers.set('', { node: doc.contents as Node });
  const walk: Walk = { doc, pointers, seen: new Set(), nodes: 0, dangling: [] };
  try {
    result.json = doc.contents === null ? null : toJson(walk, doc.contents, '');
    for (const alias of walk.dangling) {
      result.syntax.push({
        rule: 'yaml-syntax',
        range: nodeRange(lines, alias),
        message: `The alias \`${String(alias)}\` names no anchor defined before it.`,
      });
    }
  } catch (e) {
    if (!(e instanceof TooLarge)) throw e;
    result.syntax.push({
      rule: 'yaml-syntax',
      range: offsetRange(lines, 0, Math.max(0, text.indexOf('\n'))),
      message: `Aliases expand this file to more than ${MAX_NODES} values; a record is refused past that.`,
    });
    result.usable = false;
    pointers.clear();
    return result;
  }
  result.model = buildModel(uri, doc, lines);
  return result;
}

function firstLine(message: string): string {
  const line = message.split('\n')[0].trim();
  // yaml's messages end with " at line N, column M"; the range says that already.
  return line.replace(/ at line \d+, column \d+:?$/, '');
}
