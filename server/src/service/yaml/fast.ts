// The fast path: records as people write them (block mappings and lists,
// one-line flow lists and mappings, plain and simply quoted scalars, comments,
// anchors and aliases) scanned line by line into a tree, skipping `yaml`'s
// lexer, CST and Document. Anything else (tags, block scalars, multi-line
// scalars, document markers, duplicate keys, an alias to no anchor, anything
// unusual or wrong) gives up, and the full parser over `yaml`'s Document reads
// the file instead. Both build the same tree; a differential test holds them
// to it.
import { MAX_EXPANDED, relocate, type Comment, type ScalarValue, type YMap, type YNode, type YPair, type YScalar, type YSeq } from './tree';

/** Thrown (and caught below) when the text leaves the simple form. */
class GiveUp extends Error {}
const GIVE_UP = new GiveUp();

const enum T {
  Space,
  Dash,
  Colon,
  Plain,
  Quoted,
  Comment,
  SeqStart,
  SeqEnd,
  MapStart,
  MapEnd,
  Comma,
  Anchor,
  Alias,
}

interface Lexeme {
  t: T;
  start: number;
  text: string;
}

const NULL = /^(?:~|[Nn]ull|NULL)$/;
const TRUE = /^(?:[Tt]rue|TRUE)$/;
const FALSE = /^(?:[Ff]alse|FALSE)$/;
const DECIMAL = /^-?[0-9]+$/;
// Every other form the core schema reads as a number: left to the full parser.
const OTHER_NUMBER = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|\+[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;

/** A plain scalar cannot start with an indicator (YAML 1.2, ns-plain-first); the full parser says so. */
const BAD_PLAIN_START = /^(?:[,[\]{}#&*!|>'"%@`?:]|-(?:\s|$))/;

/** n, N, t, T, f, F: how null, true and false start. */
const WORD_START = new Set([110, 78, 116, 84, 102, 70]);

function plain(text: string, start: number): YScalar {
  // Most plain scalars start with a letter and are strings: no indicator, no number, and no null or boolean
  // unless four or five letters long and starting as those do.
  const c = text.charCodeAt(0);
  if (((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) && !((text.length === 4 || text.length === 5) && WORD_START.has(c))) {
    return { kind: 'scalar', start, end: start + text.length, value: text };
  }
  if (BAD_PLAIN_START.test(text)) throw GIVE_UP;
  let value: ScalarValue = text;
  let raw: string | undefined;
  if (NULL.test(text)) value = null;
  else if (TRUE.test(text)) value = true;
  else if (FALSE.test(text)) value = false;
  else if (DECIMAL.test(text)) {
    value = parseInt(text, 10);
    raw = text;
  } else if (OTHER_NUMBER.test(text)) throw GIVE_UP;
  const s: YScalar = { kind: 'scalar', start, end: start + text.length, value };
  if (raw !== undefined) s.raw = raw;
  return s;
}

function quoted(text: string, start: number): YScalar {
  const q = text[0];
  if (text.length < 2 || text[text.length - 1] !== q || text.includes('\n') || text.includes('\r')) throw GIVE_UP;
  const inner = text.slice(1, -1);
  let value: string;
  if (q === '"') {
    // Escapes are the full parser's to read.
    if (inner.includes('\\')) throw GIVE_UP;
    value = inner;
  } else {
    value = inner.replace(/''/g, "'");
  }
  return { kind: 'scalar', start, end: start + text.length, value };
}

function emptyAt(offset: number): YScalar {
  return { kind: 'scalar', start: offset, end: offset, value: null };
}

const SPACE = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;

/** Characters no token of the simple form starts with: tags, block scalars, `?`, directives, reserved. */
const UNSAFE_START = new Set(['!', '|', '>', '%', '@', '`', '?', '\t', '\ufeff']);

/**
 * One line's lexemes. The scanner knows only the simple form, and gives up
 * on anything else; what it accepts it reads as YAML 1.2 does (the
 * differential tests hold it to `yaml` itself).
 */
function scanLine(text: string, from: number, to: number, comments: Comment[]): Lexeme[] {
  const lexemes: Lexeme[] = [];
  let pos = from;
  // Document markers (`---`, `...`) are the full parser's.
  if (to - from >= 3 && (text.startsWith('---', from) || text.startsWith('...', from)) && (to === from + 3 || text.charCodeAt(from + 3) === SPACE)) throw GIVE_UP;
  let depth = 0;
  while (pos < to) {
    const c = text.charCodeAt(pos);
    const ch = text[pos];
    if (c === SPACE) {
      const start = pos;
      while (pos < to && text.charCodeAt(pos) === SPACE) pos++;
      // What white space holds is not read: only that it is there.
      lexemes.push({ t: T.Space, start, text: '' });
      continue;
    }
    if (c === HASH) {
      // A comment is separated from what precedes it by white space.
      if (lexemes.length > 0 && lexemes[lexemes.length - 1].t !== T.Space) throw GIVE_UP;
      const comment = { start: pos, text: text.slice(pos, to) };
      comments.push(comment);
      lexemes.push({ t: T.Comment, start: pos, text: comment.text });
      break;
    }
    const next = pos + 1 < to ? text.charCodeAt(pos + 1) : -1;
    if (c === DASH && depth === 0 && (next === SPACE || next === -1)) {
      lexemes.push({ t: T.Dash, start: pos, text: '-' });
      pos++;
      continue;
    }
    if (c === COLON && (next === SPACE || next === -1)) {
      lexemes.push({ t: T.Colon, start: pos, text: ':' });
      pos++;
      continue;
    }
    if (ch === '[' || ch === '{') {
      depth++;
      lexemes.push({ t: ch === '[' ? T.SeqStart : T.MapStart, start: pos, text: ch });
      pos++;
      continue;
    }
    if (ch === ']' || ch === '}') {
      if (--depth < 0) throw GIVE_UP;
      lexemes.push({ t: ch === ']' ? T.SeqEnd : T.MapEnd, start: pos, text: ch });
      pos++;
      continue;
    }
    if (ch === ',') {
      if (depth === 0) throw GIVE_UP;
      lexemes.push({ t: T.Comma, start: pos, text: ',' });
      pos++;
      continue;
    }
    if (ch === '"' || ch === "'") {
      const start = pos;
      let i = pos + 1;
      for (;;) {
        if (i >= to) throw GIVE_UP; // a quoted scalar over several lines
        if (text[i] === ch) {
          if (ch === "'" && text[i + 1] === "'") {
            i += 2;
            continue;
          }
          break;
        }
        i++;
      }
      pos = i + 1;
      // After a quoted scalar: white space, a colon, or (in a flow collection) its punctuation.
      const after = pos < to ? text[pos] : '';
      if (after !== '' && after !== ' ' && after !== ':' && !(depth > 0 && (after === ',' || after === ']' || after === '}'))) throw GIVE_UP;
      lexemes.push({ t: T.Quoted, start, text: text.slice(start, pos) });
      continue;
    }
    if (ch === '&' || ch === '*') {
      // An anchor or an alias: its name runs to white space or a flow indicator.
      const start = pos;
      pos++;
      while (pos < to) {
        const d = text.charCodeAt(pos);
        if (d === SPACE || d === 44 || d === 91 || d === 93 || d === 123 || d === 125) break;
        pos++;
      }
      if (pos === start + 1) throw GIVE_UP;
      lexemes.push({ t: ch === '&' ? T.Anchor : T.Alias, start, text: text.slice(start + 1, pos) });
      continue;
    }
    if (UNSAFE_START.has(ch) || c === COLON) throw GIVE_UP;
    // A plain scalar: to `: `, ` #` or the end of the line (and, in a flow collection, to its punctuation).
    const start = pos;
    let end = pos;
    while (pos < to) {
      const d = text.charCodeAt(pos);
      if (d === COLON) {
        const e = pos + 1 < to ? text.charCodeAt(pos + 1) : -1;
        if (e === SPACE || e === -1) break;
        // `a:b` inside a flow collection: what YAML makes of it depends on the version; the full parser decides.
        if (depth > 0) throw GIVE_UP;
      } else if (d === HASH && text.charCodeAt(pos - 1) === SPACE) break;
      else if (depth > 0 && (d === 44 || d === 91 || d === 93 || d === 123 || d === 125)) break;
      if (d !== SPACE) end = pos + 1;
      pos++;
    }
    lexemes.push({ t: T.Plain, start, text: text.slice(start, end) });
    pos = end;
  }
  if (depth !== 0) throw GIVE_UP;
  return lexemes;
}

/** A node whose anchor is being read: an alias to it from inside is a cycle, and reads as nothing. */
const IN_PROGRESS: YNode = { kind: 'scalar', start: -1, end: -1, value: null };

/** The anchors seen so far, in document order, as the full parser resolves them. */
class Anchors {
  private byName = new Map<string, YNode>();
  private open = new Set<YNode>();
  private expanded = 0;
  used = false;

  /** An anchor whose node is about to be read. */
  begin(name: string): void {
    this.used = true;
    this.byName.set(name, IN_PROGRESS);
  }

  /** The node an anchor names; a block collection stays open (in progress) until closed. */
  define(name: string, node: YNode, open = false): void {
    this.byName.set(name, node);
    if (open) this.open.add(node);
  }

  closed(node: YNode): void {
    this.open.delete(node);
  }

  alias(name: string, start: number, end: number): YNode {
    this.used = true;
    const target = this.byName.get(name);
    if (!target) throw GIVE_UP; // an alias to no anchor: the full parser reports it
    if (target === IN_PROGRESS || this.open.has(target)) return { kind: 'scalar', start, end, value: null, alias: true };
    return relocate(target, start, end, () => {
      if (++this.expanded > MAX_EXPANDED) throw GIVE_UP;
    });
  }
}

/** Reads one line's lexemes from a position. */
class Cursor {
  i = 0;
  constructor(readonly lx: Lexeme[]) {}
  peek(): Lexeme | undefined {
    return this.lx[this.i];
  }
  skipSpace(): void {
    while (this.lx[this.i]?.t === T.Space) this.i++;
  }
  /** Only spaces and a comment are left. */
  atEnd(): boolean {
    this.skipSpace();
    const l = this.lx[this.i];
    return !l || l.t === T.Comment;
  }
}

function isKeyAt(cur: Cursor): boolean {
  const l = cur.lx[cur.i];
  const n = cur.lx[cur.i + 1];
  return !!l && (l.t === T.Plain || l.t === T.Quoted) && n?.t === T.Colon;
}

function keyScalar(l: Lexeme): YScalar {
  const k = l.t === T.Plain ? plain(l.text, l.start) : quoted(l.text, l.start);
  // Keys that read as null, a boolean or a number, and merge keys, are the full parser's.
  if (typeof k.value !== 'string' || k.value === '<<') throw GIVE_UP;
  return k;
}

function addPair(map: YMap, key: YScalar, value: YNode, keys: Set<string>): YPair {
  const name = key.value as string;
  if (keys.has(name)) throw GIVE_UP; // the full parser reports duplicate keys
  keys.add(name);
  const pair = { key, value };
  map.items.push(pair);
  return pair;
}

/** A flow collection or scalar on this line, from the cursor. */
function flowNode(cur: Cursor, anchors: Anchors): YNode {
  const l = cur.peek();
  if (!l) throw GIVE_UP;
  if (l.t === T.Anchor) {
    cur.i++;
    if (cur.peek()?.t !== T.Space) throw GIVE_UP;
    cur.skipSpace();
    const next = cur.peek();
    // One anchor a node, and none on an alias or on a key: the full parser says what is wrong.
    if (!next || next.t === T.Comment || next.t === T.Anchor || next.t === T.Alias || isKeyAt(cur)) throw GIVE_UP;
    anchors.begin(l.text);
    const node = flowNode(cur, anchors);
    anchors.define(l.text, node);
    return node;
  }
  if (l.t === T.Alias) {
    cur.i++;
    return anchors.alias(l.text, l.start, l.start + l.text.length + 1);
  }
  if (l.t === T.Plain) {
    cur.i++;
    return plain(l.text, l.start);
  }
  if (l.t === T.Quoted) {
    cur.i++;
    return quoted(l.text, l.start);
  }
  if (l.t === T.SeqStart) {
    cur.i++;
    const seq: YSeq = { kind: 'seq', start: l.start, end: 0, items: [], flow: true };
    cur.skipSpace();
    if (cur.peek()?.t !== T.SeqEnd) {
      for (;;) {
        cur.skipSpace();
        seq.items.push(flowNode(cur, anchors));
        cur.skipSpace();
        const sep = cur.peek();
        if (sep?.t === T.Comma) {
          cur.i++;
          continue;
        }
        if (sep?.t === T.SeqEnd) break;
        throw GIVE_UP;
      }
    }
    const close = cur.peek()!;
    cur.i++;
    seq.end = close.start + 1;
    return seq;
  }
  if (l.t === T.MapStart) {
    cur.i++;
    const map: YMap = { kind: 'map', start: l.start, end: 0, items: [], flow: true };
    const keys = new Set<string>();
    cur.skipSpace();
    if (cur.peek()?.t !== T.MapEnd) {
      for (;;) {
        cur.skipSpace();
        if (!isKeyAt(cur)) throw GIVE_UP;
        const key = keyScalar(cur.peek()!);
        cur.i += 2;
        cur.skipSpace();
        const v = cur.peek();
        if (!v || v.t === T.Comma || v.t === T.MapEnd) throw GIVE_UP;
        addPair(map, key, flowNode(cur, anchors), keys);
        cur.skipSpace();
        const sep = cur.peek();
        if (sep?.t === T.Comma) {
          cur.i++;
          continue;
        }
        if (sep?.t === T.MapEnd) break;
        throw GIVE_UP;
      }
    }
    const close = cur.peek()!;
    cur.i++;
    map.end = close.start + 1;
    return map;
  }
  throw GIVE_UP;
}

interface Open {
  node: YMap | YSeq;
  /** The column of the mapping's keys, or of the list's dashes. */
  col: number;
  keys?: Set<string>;
}

/** A key or a dash whose value is not on its line: a block collection may follow, more indented. */
interface Pending {
  /** Where the value goes. */
  set(value: YNode): void;
  /** The column of the key, or of the dash. */
  col: number;
  isItem: boolean;
  /** An anchor written before the value (`key: &name`), for the block collection below. */
  anchor?: string;
}

function close(o: Open, anchors: Anchors): void {
  const n = o.node;
  anchors.closed(n);
  const last = n.kind === 'map' ? n.items[n.items.length - 1]?.value : n.items[n.items.length - 1];
  n.end = last ? last.end : n.start;
}

/**
 * The tree of a record written in the simple form, or undefined when the text
 * leaves it (then the full parser must read it).
 */
export function fastParse(text: string): { root: YNode | null; comments: Comment[]; aliases: boolean } | undefined {
  const comments: Comment[] = [];
  const anchors = new Anchors();
  /** A value set where a pending key or dash is, with the anchor written before it. */
  const fill = (p: Pending, node: YMap | YSeq) => {
    p.set(node);
    if (p.anchor !== undefined) anchors.define(p.anchor, node, true);
  };
  const stack: Open[] = [];
  let root: YNode | null = null;
  let pending: Pending | undefined;
  try {
    if (text.includes('\r') || text.includes('\t')) throw GIVE_UP;
    for (let from = 0; from <= text.length; ) {
      let to = text.indexOf('\n', from);
      if (to < 0) to = text.length;
      const lexemes = scanLine(text, from, to, comments);
      from = to + 1;
      const cur = new Cursor(lexemes);
      cur.skipSpace();
      const first = cur.peek();
      if (!first || first.t === T.Comment) continue;
      // The first lexeme of a line starts at the line's start.
      const lineStart = lexemes[0].start;
      const c = first.start - lineStart;

      if (first.t === T.Dash) {
        const dash = first;
        cur.i++;
        const afterDash = cur.peek();
        if (afterDash && afterDash.t !== T.Space) throw GIVE_UP;
        let seq: YSeq | undefined;
        if (pending && (pending.isItem ? c > pending.col : c >= pending.col)) {
          seq = { kind: 'seq', start: dash.start, end: 0, items: [], flow: false };
          fill(pending, seq);
          stack.push({ node: seq, col: c });
        } else if (!root) {
          seq = { kind: 'seq', start: dash.start, end: 0, items: [], flow: false };
          root = seq;
          stack.push({ node: seq, col: c });
        }
        // An anchor before an empty value: the full parser places such a value; this path does not.
        if (pending?.anchor !== undefined && !seq) throw GIVE_UP;
        pending = undefined;
        if (!seq) {
          while (stack.length > 0 && stack[stack.length - 1].col > c) close(stack.pop()!, anchors);
          const top = stack[stack.length - 1];
          if (!top || top.node.kind !== 'seq' || top.col !== c) throw GIVE_UP;
          seq = top.node;
        }
        const target = seq;
        const index = target.items.length;
        cur.skipSpace();
        const anchored = anchorAtEnd(cur, anchors);
        if (anchored !== undefined || cur.atEnd()) {
          target.items.push(emptyAt(dash.start + 1));
          pending = { set: (v) => (target.items[index] = v), col: c, isItem: true, anchor: anchored };
        } else if (isKeyAt(cur)) {
          const keyLex = cur.peek()!;
          const map: YMap = { kind: 'map', start: keyLex.start, end: 0, items: [], flow: false };
          target.items.push(map);
          const open: Open = { node: map, col: keyLex.start - lineStart, keys: new Set() };
          stack.push(open);
          pending = pairLine(cur, open, anchors);
        } else {
          const node = flowNode(cur, anchors);
          if (!cur.atEnd()) throw GIVE_UP;
          target.items.push(node);
        }
        continue;
      }

      if (!isKeyAt(cur)) throw GIVE_UP; // a bare scalar or flow collection on its own line
      let open: Open | undefined;
      if (pending && c > pending.col) {
        const map: YMap = { kind: 'map', start: first.start, end: 0, items: [], flow: false };
        fill(pending, map);
        open = { node: map, col: c, keys: new Set() };
        stack.push(open);
      } else if (!root) {
        const map: YMap = { kind: 'map', start: first.start, end: 0, items: [], flow: false };
        root = map;
        open = { node: map, col: c, keys: new Set() };
        stack.push(open);
      }
      if (pending?.anchor !== undefined && !open) throw GIVE_UP;
      pending = undefined;
      if (!open) {
        while (stack.length > 0) {
          const top = stack[stack.length - 1];
          if (top.col > c || (top.node.kind === 'seq' && top.col >= c)) close(stack.pop()!, anchors);
          else break;
        }
        const top = stack[stack.length - 1];
        if (!top || top.node.kind !== 'map' || top.col !== c) throw GIVE_UP;
        open = top;
      }
      pending = pairLine(cur, open, anchors);
    }
    if (pending?.anchor !== undefined) throw GIVE_UP;
    while (stack.length > 0) close(stack.pop()!, anchors);
    return { root, comments, aliases: anchors.used };
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}

/** An anchor with nothing after it on its line (its node is the block collection below): its name. */
function anchorAtEnd(cur: Cursor, anchors: Anchors): string | undefined {
  const l = cur.peek();
  if (l?.t !== T.Anchor) return undefined;
  const save = cur.i;
  cur.i++;
  if (!cur.atEnd()) {
    cur.i = save;
    return undefined;
  }
  anchors.begin(l.text);
  return l.text;
}

/** `key: value` (or `key:` with the value below) into a block mapping. */
function pairLine(cur: Cursor, open: Open, anchors: Anchors): Pending | undefined {
  const map = open.node as YMap;
  const key = keyScalar(cur.peek()!);
  const colon = cur.lx[cur.i + 1];
  cur.i += 2;
  const afterColon = cur.peek();
  if (afterColon && afterColon.t !== T.Space && afterColon.t !== T.Comment) throw GIVE_UP;
  cur.skipSpace();
  const anchored = anchorAtEnd(cur, anchors);
  if (anchored !== undefined || cur.atEnd()) {
    const pair = addPair(map, key, emptyAt(colon.start + 1), open.keys!);
    return { set: (v) => (pair.value = v), col: open.col, isItem: false, anchor: anchored };
  }
  const next = cur.peek()!;
  if (next.t === T.Dash || next.t === T.Colon) throw GIVE_UP;
  const value = flowNode(cur, anchors);
  if (!cur.atEnd()) throw GIVE_UP;
  addPair(map, key, value, open.keys!);
  return undefined;
}
