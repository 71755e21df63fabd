import { Lexer, isScalar, parseAllDocuments, type Document } from 'yaml';
import { LineIndex, type Span } from './yaml/lines';
import { fastParse } from './yaml/fast';
import { fromDocument, MAX_EXPANDED, TooManyAliasNodes } from './yaml/full';
import type { Comment, YNode } from './yaml/tree';
import type { RecordModel } from './types';
import { buildModel } from './model';

/** The largest record checked, in bytes of UTF-8: a larger one gets one diagnostic and is not parsed. */
export const MAX_RECORD_BYTES = 10 * 1024 * 1024;

/** A problem of the YAML itself, placed by offsets. */
export interface SyntaxFinding {
  rule: 'yaml-syntax';
  span: Span;
  message: string;
}

export interface ParsedRecord {
  uri: string;
  version: number;
  text: string;
  lines: LineIndex;
  /** The document's tree; null for an empty document. */
  root: YNode | null;
  /** yaml-syntax findings. */
  syntax: SyntaxFinding[];
  /** False when the syntax is broken enough that nothing else should be checked. */
  usable: boolean;
  comments: Comment[];
  model?: RecordModel;
  /** Mappings that hold a merge key: nothing inside gets another diagnostic. */
  merges: Span[];
  /** Whether the fast path read the file (the full parser did otherwise). */
  fast: boolean;
}

const BINARY = /[\u0000-\u0008\u000e-\u001a\u001c-\u001f]/;

/** The size of a text in UTF-8 bytes, counted only as far as the limit needs. */
export function utf8Length(text: string): number {
  if (text.length * 3 <= MAX_RECORD_BYTES) return text.length;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** The diagnostic of a record too large to check, from its size alone (the file need not be read). */
export function oversized(uri: string, bytes: number, version = 0): ParsedRecord {
  const text = '';
  return {
    uri,
    version,
    text,
    lines: new LineIndex(text),
    root: null,
    syntax: [
      {
        rule: 'yaml-syntax',
        span: { start: 0, end: 0 },
        message: `This file is ${formatSize(bytes)}; records over ${formatSize(MAX_RECORD_BYTES)} are not checked. Split it, one customer per file.`,
      },
    ],
    usable: false,
    comments: [],
    merges: [],
    fast: false,
  };
}

function firstLine(message: string): string {
  const line = message.split('\n')[0].trim();
  // yaml's messages end with " at line N, column M"; the range says that already.
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

/** One walk over what is written (not what aliases repeat): merge keys, the mappings that hold them, where each key ends. */
function scanKeys(node: YNode | null, out: { mergeMaps: Span[]; mergeKeys: Span[]; keyEnd: Map<number, number> }): void {
  if (!node || node.alias) return;
  if (node.kind === 'map') {
    if (node.merge) out.mergeMaps.push({ start: node.start, end: node.end });
    for (const p of node.items) {
      if (p.key.alias) continue;
      out.keyEnd.set(p.key.start, p.key.end);
      if (p.key.value === '<<') out.mergeKeys.push(p.key);
      scanKeys(p.value, out);
    }
  } else if (node.kind === 'seq') for (const i of node.items) scanKeys(i, out);
}

/**
 * Reads a record: the fast path when the text is in the simple form, else the
 * full YAML parser. A lone CR ends a line, as in LSP, for the parser too.
 */
export function parseRecord(uri: string, text: string, version = 0, buildRecordModel = true): ParsedRecord {
  const size = utf8Length(text);
  if (size > MAX_RECORD_BYTES) return oversized(uri, size, version);
  const result: ParsedRecord = {
    uri,
    version,
    text,
    lines: new LineIndex(text),
    root: null,
    syntax: [],
    usable: false,
    comments: [],
    merges: [],
    fast: false,
  };
  const control = BINARY.exec(text);
  if (control) {
    result.syntax.push({
      rule: 'yaml-syntax',
      span: { start: control.index, end: control.index + 1 },
      message: 'This file holds binary content (a control character), not a YAML record.',
    });
    return result;
  }
  // Same length, same offsets: `yaml` reads a lone CR as no line break at all.
  const source = text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;

  const fast = fastParse(source);
  if (fast) {
    result.fast = true;
    result.root = fast.root;
    result.comments = fast.comments;
    result.usable = true;
  } else if (!readFull(result, source)) {
    return result;
  }
  if (buildRecordModel) result.model = buildModel(uri, result.root);
  return result;
}

/** The full parser; false when the record cannot be checked further. */
function readFull(result: ParsedRecord, source: string): boolean {
  const docs = parseAllDocuments(source, { prettyErrors: false, uniqueKeys: true });
  result.comments = commentsOf(source);
  if (!Array.isArray(docs) || docs.length === 0) {
    result.usable = true;
    return true;
  }
  const doc = docs[0];
  let converted: ReturnType<typeof fromDocument> | undefined;
  try {
    converted = fromDocument(doc, source);
  } catch (e) {
    if (!(e instanceof TooManyAliasNodes)) throw e;
  }
  const keys = { mergeMaps: result.merges, mergeKeys: [] as Span[], keyEnd: new Map<number, number>() };
  if (converted) scanKeys(converted.root, keys);
  let fatal = false;
  for (const err of doc.errors) {
    if (err.code !== 'DUPLICATE_KEY') fatal = true;
    const s = err.pos[0];
    const e = err.code === 'DUPLICATE_KEY' ? (keys.keyEnd.get(s) ?? err.pos[1]) : err.pos[1];
    const message =
      err.code === 'DUPLICATE_KEY'
        ? 'This key appears twice in the same mapping; YAML keeps only one of them.'
        : `The YAML is not well formed: ${firstLine(err.message)}`;
    result.syntax.push({ rule: 'yaml-syntax', span: { start: s, end: e }, message });
  }
  // A trailing `---` (with at most comments after it) opens no real document.
  const isEmpty = (d: Document.Parsed) => d.errors.length === 0 && (d.contents === null || (isScalar(d.contents) && d.contents.value === null && d.contents.source === '' && !d.contents.anchor));
  for (const extra of docs.slice(1).filter((d) => !isEmpty(d))) {
    const start = extra.range[0];
    result.syntax.push({
      rule: 'yaml-syntax',
      span: { start, end: Math.min(source.length, start + 3) },
      message: 'A record file holds one YAML document; this second document is not checked.',
    });
  }
  if (fatal) return false;
  if (!converted) {
    const nl = source.search(/[\r\n]/);
    result.syntax.push({
      rule: 'yaml-syntax',
      span: { start: 0, end: nl < 0 ? source.length : nl },
      message: `Aliases expand this file by more than ${MAX_EXPANDED.toLocaleString('en-US')} values; a record is refused past that.`,
    });
    return false;
  }
  for (const key of keys.mergeKeys) {
    result.syntax.push({
      rule: 'yaml-syntax',
      span: { start: key.start, end: key.end },
      message: 'Merge keys (`<<`) are not part of YAML 1.2 and are not read in records: write the fields out.',
    });
  }
  for (const alias of converted.dangling) {
    result.syntax.push({
      rule: 'yaml-syntax',
      span: { start: alias.start, end: alias.end },
      message: `The alias \`*${alias.name}\` names no anchor defined before it.`,
    });
  }
  result.root = converted.root;
  result.usable = true;
  return true;
}

/** Every comment, as the YAML lexer finds them (so a `#` inside a string is not one). */
function commentsOf(source: string): Comment[] {
  // The lexer's control tokens stand for no source text.
  const out: Comment[] = [];
  let offset = 0;
  for (const token of new Lexer().lex(source)) {
    if (token === '\x02' || token === '\x18' || token === '\x1f') continue;
    if (token.startsWith('#')) out.push({ start: offset, text: token });
    offset += token.length;
  }
  return out;
}

