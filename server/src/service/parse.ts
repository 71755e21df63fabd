import {
  Document,
  LineCounter,
  Lexer,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseAllDocuments,
  type Node,
  type Scalar,
} from 'yaml';
import { offsetRange } from './positions';
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

/**
 * Turns the YAML tree into the JSON value the schema sees, remembering for
 * every pointer the node it came from, so errors land where they belong.
 */
function toJson(
  doc: Document.Parsed,
  node: unknown,
  pointer: string,
  pointers: Map<string, PointerEntry>,
  seen: Set<unknown>,
): unknown {
  if (isAlias(node)) {
    const target = node.resolve(doc);
    if (!target || seen.has(target)) return null;
    seen.add(target);
    const v = toJson(doc, target, pointer, pointers, seen);
    seen.delete(target);
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
      pointers.set(child, { node: valueNode, key, parent: pointer });
      out[name] = pair.value === null || pair.value === undefined ? null : toJson(doc, pair.value, child, pointers, seen);
    }
    return out;
  }
  if (isSeq(node)) {
    return node.items.map((item, i) => {
      const child = `${pointer}/${i}`;
      pointers.set(child, { node: item as Node, parent: pointer });
      return toJson(doc, item, child, pointers, seen);
    });
  }
  if (isScalar(node)) return node.value;
  return null;
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
    // Feed the counter so positions can still be computed.
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

  let fatal = false;
  for (const err of doc.errors) {
    if (err.code !== 'DUPLICATE_KEY') fatal = true;
    const [s, e] = err.pos;
    const message =
      err.code === 'DUPLICATE_KEY'
        ? 'This key appears twice in the same mapping; YAML keeps only one of them.'
        : `The YAML is not well formed: ${firstLine(err.message)}`;
    result.syntax.push({ rule: 'yaml-syntax', range: offsetRange(lines, s, e), message });
  }
  for (const extra of docs.slice(1)) {
    const start = extra.range[0];
    result.syntax.push({
      rule: 'yaml-syntax',
      range: offsetRange(lines, start, Math.min(text.length, start + 3)),
      message: 'A record file holds one YAML document; this second document is not checked.',
    });
  }
  result.usable = !fatal;
  if (!result.usable) return result;

  pointers.set('', { node: doc.contents as Node });
  result.json = doc.contents === null ? null : toJson(doc, doc.contents, '', pointers, new Set());
  result.model = buildModel(uri, doc, lines);
  return result;
}

function firstLine(message: string): string {
  const line = message.split('\n')[0].trim();
  // yaml's messages end with " at line N, column M"; the range says that already.
  return line.replace(/ at line \d+, column \d+:?$/, '');
}
