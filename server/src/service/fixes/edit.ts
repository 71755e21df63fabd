// Minimal text edits on a record: they touch only the lines they must and
// keep comments, key order, quoting and line endings.
import { stringify } from 'yaml';
import type { ParsedRecord } from '../parse';
import type { YMap } from '../yaml/tree';
import { lineEnd, lineStart } from '../yaml/lines';
import type { OffsetEdit } from './api';

// Every text here is a parsed record's, whose line breaks are all LF.

/** Just past the line break of the line holding `offset` (or the end of the text). */
function nextLineStart(text: string, offset: number): number {
  return Math.min(text.length, lineEnd(text, offset) + 1);
}

/** A value as YAML text: plain when that reads back the same, quoted otherwise (or as the old value was). */
export function scalarText(value: string, old?: string): string {
  if (old?.startsWith('"')) return JSON.stringify(value);
  if (old?.startsWith("'")) return `'${value.replace(/'/g, "''")}'`;
  return stringify(value).trimEnd();
}

/**
 * An edit that adds `field: value` as the last key of a mapping (or the first, `first`, where a field belongs at
 * the top, as `version` does): on a line of its own at the keys' indentation in a block mapping, or beside the
 * braces of a flow mapping. `nested` are the keys of a mapping-valued field.
 */
export function addKey(parsed: ParsedRecord, map: YMap, field: string, value: string, nested?: Array<[string, string]>, first = false): OffsetEdit | undefined {
  const head = map.items[0];
  const last = map.items[map.items.length - 1];
  if (!head || !last || map.alias) return undefined;
  const text = parsed.text;
  const end = last.value.end;
  if (map.flow) {
    const inner = nested ? ` {${nested.map(([k, v]) => `${k}: ${v}`).join(', ')}}` : value ? ` ${value}` : '';
    return first ? { start: head.key.start, end: head.key.start, newText: `${field}:${inner}, ` } : { start: end, end, newText: `, ${field}:${inner}` };
  }
  const keyStart = head.key.start;
  const lineAt = lineStart(text, keyStart);
  const indent = ' '.repeat(keyStart - lineAt);
  // Before the first key, on a line of its own, when that key starts its line (not after `- ` or `--- `).
  if (first && !nested && /^ *$/.test(text.slice(lineAt, keyStart))) return { start: lineAt, end: lineAt, newText: `${indent}${field}: ${value}${parsed.eol}` };
  // After the last line that holds content of the mapping (a trailing comment stays on its line).
  const at = lineEnd(text, Math.max(keyStart, end - 1));
  const nl = parsed.eol;
  // An empty value keeps the space after its colon: the user types the value there.
  const inner = nested ? nested.map(([k, v]) => `${nl}${indent}  ${k}:${v ? ` ${v}` : ''}`).join('') : ` ${value}`;
  return { start: at, end: at, newText: `${nl}${indent}${field}:${inner}` };
}

/**
 * What to delete to take entry `i` (its [start, end] offsets) out of a collection:
 * in flow style with the separator after it, or before it when it is the last;
 * in block style its whole lines, when nothing but `ownLine` stands before it.
 */
export function entrySpan(text: string, flow: boolean, entries: Array<[number, number]>, i: number, ownLine: RegExp): [number, number] | undefined {
  const [s, e] = entries[i];
  if (flow) {
    if (entries[i + 1]) return [s, entries[i + 1][0]];
    if (entries[i - 1]) return [entries[i - 1][1], e];
    return undefined;
  }
  const start = lineStart(text, s);
  if (!ownLine.test(text.slice(start, s))) return undefined;
  // The entry's last line goes too, but never a line that holds the next entry.
  const stop = nextLineStart(text, Math.max(s, e - 1));
  const next = entries[i + 1];
  if (next && next[0] < stop) return undefined;
  // The line break before the lines goes with them, and the entry's own stays: the same text, but in a file of
  // mixed line ends a lone CR before them can never meet an LF after them and read as one CRLF.
  if (start > 0 && text[stop - 1] === '\n') return [start - 1, stop - 1];
  return [start, stop];
}
