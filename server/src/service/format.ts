// Formatting a record: two spaces per level, lists indented under their key,
// one space after a dash and after a key's colon, no trailing white space,
// and (if asked) the keys of each association in one order, `type` first.
// Comments stay, each with the line it belongs to. The result is read again
// and must hold the same values and the same comments, or nothing is changed;
// formatting it again changes nothing.
import type { TextEdit } from 'vscode-languageserver-types';
import type { ParsedRecord } from './parse';
import { parseRecord } from './parse';
import { toJson } from './schema';
import type { LineIndex } from './yaml/lines';
import type { YMap, YNode, YSeq } from './yaml/tree';

export interface FormatOptions {
  /** Put the keys of each association in the canonical order, `type` first. */
  sortKeys?: boolean;
}

/** The order of an association's keys when they are sorted; others keep their order, after these. */
const KEY_ORDER = ['type', 'partnerId', 'role', 'recognition', 'model', 'indirectProvider', 'channel', 'advisor', 'subscription', 'agreement', 'workload', 'identity', 'scope', 'solutionAreas', 'since', 'until', 'status', 'poe', 'note'];

const STEP = 2;

interface Plan {
  /** The indentation each line must have (undefined: left as it is). */
  indent: Array<number | undefined>;
  /** Lines that start with a list dash. */
  dash: Set<number>;
  /** Per line, the span between a key's colon and its value on the same line, to become one space. */
  gaps: Map<number, Array<[number, number]>>;
}

function isBlock(n: YNode): n is YMap | YSeq {
  return n.kind !== 'scalar' && !n.flow;
}

function plan(parsed: ParsedRecord): Plan {
  const lines = parsed.lines;
  const text = parsed.text;
  const p: Plan = { indent: new Array(lines.lineCount).fill(undefined), dash: new Set(), gaps: new Map() };
  const lineOf = (offset: number) => lines.lineOf(offset);

  const gap = (colonEnd: number, valueStart: number) => {
    const l = lineOf(valueStart);
    if (lineOf(colonEnd) !== l || valueStart <= colonEnd) return;
    const list = p.gaps.get(l) ?? [];
    list.push([colonEnd, valueStart]);
    p.gaps.set(l, list);
  };

  const map = (m: YMap, col: number, firstOnDash: boolean) => {
    m.items.forEach((pair, i) => {
      if (!(i === 0 && firstOnDash)) p.indent[lineOf(pair.key.start)] = col;
      const v = pair.value;
      const colonEnd = text.indexOf(':', pair.key.end) + 1;
      if (isBlock(v)) node(v, col + STEP);
      else if (v.start > colonEnd && !(v.kind === 'scalar' && v.start === v.end)) gap(colonEnd, v.start);
    });
  };

  const seq = (s: YSeq, col: number) => {
    for (const item of s.items) {
      // The item's dash: on the item's first line for `- key: value`, else on a line of its own above it.
      let dashLine = lineOf(item.start);
      const lead = text.slice(lines.lineStart(dashLine), item.start);
      if (!/^ *- *$/.test(lead)) {
        for (let l = dashLine - 1; l >= 0; l--) {
          const content = text.slice(lines.lineStart(l), lines.lineEnd(l));
          if (/^ *-( *| +#.*)$/.test(content)) {
            dashLine = l;
            break;
          }
        }
      }
      p.indent[dashLine] = col;
      p.dash.add(dashLine);
      const compact = lineOf(item.start) === dashLine;
      if (item.kind === 'map' && !item.flow) map(item, col + STEP, compact);
      else if (item.kind === 'seq' && !item.flow) seq(item, col + STEP);
    }
  };

  const node = (n: YMap | YSeq, col: number) => (n.kind === 'map' ? map(n, col, false) : seq(n, col));
  const root = parsed.root;
  if (root && isBlock(root)) node(root, 0);
  return p;
}

/** The lines of a pair in a block mapping: its key's line to its value's last, with the comment lines just above it. */
function pairLines(lines: LineIndex, text: string, m: YMap, i: number, firstOnDash: boolean): [number, number] {
  const pair = m.items[i];
  let first = lines.lineOf(pair.key.start);
  const last = lines.lineOf(Math.max(pair.key.end, pair.value.end));
  if (!(i === 0 && firstOnDash)) {
    const prevLast = i > 0 ? lines.lineOf(Math.max(m.items[i - 1].key.end, m.items[i - 1].value.end)) : first - 1;
    while (first - 1 > prevLast && /^\s*#/.test(text.slice(lines.lineStart(first - 1), lines.lineEnd(first - 1)))) first--;
  }
  return [first, last];
}

function rank(key: unknown): number {
  const i = KEY_ORDER.indexOf(String(key));
  return i < 0 ? KEY_ORDER.length : i;
}

/** Reorders the keys of each compact association item in the lines (already re-indented). */
function sortAssociations(parsed: ParsedRecord, out: string[]): void {
  const root = parsed.root;
  if (root?.kind !== 'map') return;
  const list = root.items.find((x) => x.key.value === 'associations')?.value;
  if (list?.kind !== 'seq' || list.flow) return;
  const lines = parsed.lines;
  for (const item of list.items) {
    if (item.kind !== 'map' || item.flow || item.alias || item.items.length < 2) continue;
    const dashLine = lines.lineOf(item.items[0].key.start);
    // Only `- key: value` items: the dash moves to whichever key comes first.
    if (!/^ *- /.test(out[dashLine])) continue;
    const order = item.items.map((_, i) => i).sort((a, b) => rank(item.items[a].key.value) - rank(item.items[b].key.value) || a - b);
    if (order.every((v, i) => v === i)) continue;
    const blocks = item.items.map((_, i) => pairLines(lines, parsed.text, item, i, true));
    const start = blocks[0][0];
    const end = blocks[blocks.length - 1][1];
    // Comment lines between the last key and the next item stay where they are.
    const dashCol = out[dashLine].indexOf('-');
    const keyIndent = ' '.repeat(dashCol + STEP);
    const texts = blocks.map(([a, b]) => out.slice(a, b + 1));
    texts[0][0] = keyIndent + texts[0][0].slice(dashCol + STEP);
    const sorted = order.flatMap((i) => texts[i]);
    // Comment lines above the key that now comes first go above the item, at the dash's column.
    let k = 0;
    while (k < sorted.length && /^\s*#/.test(sorted[k])) {
      sorted[k] = ' '.repeat(dashCol) + sorted[k].trimStart();
      k++;
    }
    sorted[k] = `${' '.repeat(dashCol)}- ${sorted[k].slice(dashCol + STEP)}`;
    out.splice(start, end - start + 1, ...sorted);
  }
}

/** The formatted text of a record, or undefined when it cannot be formatted safely. */
function formatText(parsed: ParsedRecord, options: FormatOptions = {}): string | undefined {
  // Only what the fast path read: the simple form, no anchors, no block scalars, no errors.
  if (!parsed.fast || parsed.aliases || !parsed.usable || parsed.syntax.length > 0) return undefined;
  const lines = parsed.lines;
  const text = parsed.text;
  const p = plan(parsed);
  const out: string[] = [];
  for (let l = 0; l < lines.lineCount; l++) {
    const start = lines.lineStart(l);
    let content = text.slice(start, lines.lineEnd(l));
    // One space between a key's colon and its value.
    for (const [a, b] of [...(p.gaps.get(l) ?? [])].sort((x, y) => y[0] - x[0])) content = `${content.slice(0, a - start)} ${content.slice(b - start)}`;
    const body = content.trimStart();
    let line = body;
    if (p.dash.has(l)) {
      // One space after a dash, and none after a dash alone.
      const rest = body.replace(/^-\s*/, '');
      line = rest === '' ? '-' : `- ${rest}`;
    }
    const indent = p.indent[l];
    out.push(line === '' ? '' : (indent !== undefined ? ' '.repeat(indent) : content.slice(0, content.length - body.length)) + line.trimEnd());
  }
  // A comment line takes the indentation of the content line it stands above.
  for (let l = out.length - 1, next: number | undefined; l >= 0; l--) {
    const body = out[l].trimStart();
    if (body.startsWith('#') && p.indent[l] === undefined) {
      if (next !== undefined) out[l] = ' '.repeat(next) + body;
    } else if (body !== '') next = out[l].length - body.length;
  }
  if (options.sortKeys) sortAssociations(parsed, out);
  const result = out.join('\n');
  // Read again: the same values and the same comments, or no change at all.
  const again = parseRecord(parsed.uri, result, parsed.version, { model: false });
  if (!again.usable || again.syntax.length > 0 || !sameValue(toJson(again.root), toJson(parsed.root))) return undefined;
  const comments = (r: ParsedRecord) => r.comments.map((c) => c.text).sort();
  if (JSON.stringify(comments(again)) !== JSON.stringify(comments(parsed))) return undefined;
  return result;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The edits that format a record (whole lines, their line ends kept), within a range of lines if given. */
export function formatEdits(parsed: ParsedRecord, options: FormatOptions = {}, lineRange?: [number, number]): TextEdit[] {
  // A range never reorders keys: moving lines across its edge would tear an association apart.
  const result = formatText(parsed, lineRange ? { ...options, sortKeys: false } : options);
  if (result === undefined) return [];
  const before = parsed.text.split('\n');
  const after = result.split('\n');
  if (before.length !== after.length) return [];
  const edits: TextEdit[] = [];
  for (let l = 0; l < before.length; l++) {
    if (before[l] === after[l]) continue;
    if (lineRange && (l < lineRange[0] || l > lineRange[1])) continue;
    edits.push({ range: { start: { line: l, character: 0 }, end: { line: l, character: before[l].length } }, newText: after[l] });
  }
  return edits;
}
