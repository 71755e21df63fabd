import { Lexer, isScalar, parseAllDocuments, type Document } from 'yaml';
import { LineIndex, lineEnd, type Span } from './yaml/lines';
import { fastParse } from './yaml/fast';
import { spliceEdit } from './yaml/incremental';
import { fromDocument } from './yaml/full';
import { keyName, MAX_EXPANDED, TooManyAliasNodes, type Comment, type YNode } from './yaml/tree';
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
  /** The text with every line break read as LF: line and character positions are the original's. */
  text: string;
  /** The original's line break, for lines a fix inserts. */
  eol: string;
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
  /** Whether the fast path met anchors or aliases (an edit's reach is then unclear). */
  aliases?: boolean;
}

const BINARY = /[\u0000-\u0008\u000e-\u001a\u001c-\u001f]/;

/** The size of a text in UTF-8 bytes, counted only as far as the limit needs. */
function utf8Length(text: string): number {
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

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** The diagnostic of a record too large to check, from its size alone (the file need not be read). */
export function oversized(uri: string, bytes: number, version = 0): ParsedRecord {
  const text = '';
  return {
    uri,
    version,
    text,
    eol: '\n',
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
  // yaml's messages end with " at line N, column M"; the range says that already. A token it quotes
  // names its line breaks as \n whatever they are, as the positions treat them alike.
  return line.replace(/ at line \d+, column \d+:?$/, '').replace(/\\r\\n|\\r/g, '\\n');
}

/** One walk over what is written (not what aliases repeat): merge keys, the mappings that hold them, keys written twice. */
function scanKeys(node: YNode | null, out: { mergeMaps: Span[]; mergeKeys: Span[]; duplicates: Span[] }): void {
  if (!node || node.alias) return;
  if (node.kind === 'map') {
    if (node.merge) out.mergeMaps.push({ start: node.start, end: node.end });
    const seen = new Set<string>();
    for (const p of node.items) {
      if (p.key.alias) continue;
      const name = keyName(p);
      if (seen.has(name)) out.duplicates.push(p.key);
      seen.add(name);
      if (p.key.value === '<<') out.mergeKeys.push(p.key);
      scanKeys(p.value, out);
    }
  } else if (node.kind === 'seq') for (const i of node.items) scanKeys(i, out);
}

export interface ParseOptions {
  /** Build the typed model (a configuration file needs only the tree). */
  model?: boolean;
  /** Read with the full parser even when the fast path could (tests hold the two to the same result). */
  fullOnly?: boolean;
  /** The same document's parse before an edit: only what the edit can change is read again, where that can be shown safe. Its tree is reused, so it must not be used after. */
  previous?: ParsedRecord;
}

/** A text with every line break read as LF: the same lines, the same characters in each. */
export function normalizeLineEnds(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/** The line break a text uses first: what an inserted line should end with. */
function eolOf(text: string): string {
  const i = text.search(/[\r\n]/);
  if (i < 0 || text[i] === '\n') return '\n';
  return text[i + 1] === '\n' ? '\r\n' : '\r';
}

/**
 * Reads a record: the fast path when the text is in the simple form, else the
 * full YAML parser. Every line break is read as LF first (CRLF and a lone CR
 * end a line too, as in LSP), so that positions, line by line and character
 * by character, are the same whatever the line ends; only the offsets differ,
 * and nothing past this function uses the original's.
 */
export function parseRecord(uri: string, original: string, version = 0, options: ParseOptions = {}): ParsedRecord {
  const size = utf8Length(original);
  if (size > MAX_RECORD_BYTES) return oversized(uri, size, version);
  const text = normalizeLineEnds(original);
  const result: ParsedRecord = {
    uri,
    version,
    text,
    eol: eolOf(original),
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
  const source = text;
  const prev = options.previous;
  const spliced = prev?.fast && !prev.aliases && prev.usable && prev.syntax.length === 0 && !options.fullOnly ? spliceEdit(prev.text, prev.root, prev.comments, source) : undefined;
  const fast = spliced ?? (options.fullOnly ? undefined : fastParse(source));
  if (fast) {
    result.fast = true;
    result.aliases = fast.aliases;
    result.root = fast.root;
    result.comments = fast.comments;
    result.usable = true;
  } else if (!readFull(result, source)) {
    return result;
  }
  if (options.model ?? true) result.model = buildModel(uri, result.root);
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
  const keys = { mergeMaps: result.merges, mergeKeys: [] as Span[], duplicates: [] as Span[] };
  if (converted) scanKeys(converted.root, keys);
  let fatal = false;
  for (const err of doc.errors) {
    // Duplicate keys are found in the tree, each on the key written again (yaml places them less exactly).
    if (err.code === 'DUPLICATE_KEY') continue;
    fatal = true;
    let [s, e] = err.pos;
    // An error at a line's end covers no line break (every one is LF by now).
    while (e > s && source[e - 1] === '\n') e--;
    result.syntax.push({ rule: 'yaml-syntax', span: { start: s, end: e }, message: `The YAML is not well formed: ${firstLine(err.message)}` });
  }
  for (const key of keys.duplicates) {
    result.syntax.push({ rule: 'yaml-syntax', span: { start: key.start, end: key.end }, message: 'This key appears twice in the same mapping; YAML keeps only one of them.' });
  }
  // A trailing `---` (with at most comments after it) opens no real document.
  const isEmpty = (d: Document.Parsed) => d.errors.length === 0 && (d.contents === null || (isScalar(d.contents) && d.contents.value === null && d.contents.source === '' && !d.contents.anchor));
  for (const extra of docs.slice(1).filter((d) => !isEmpty(d))) {
    const start = extra.range[0];
    result.syntax.push({
      rule: 'yaml-syntax',
      span: { start, end: lineEnd(source, start) },
      message: 'A record file holds one YAML document; this second document is not checked.',
    });
  }
  if (fatal) return false;
  if (!converted) {
    result.syntax.push({
      rule: 'yaml-syntax',
      span: { start: 0, end: lineEnd(source, 0) },
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

