import { isMap, isPair, isScalar, isSeq, stringify, type Node, type YAMLMap } from 'yaml';
import type { CodeAction, Diagnostic, Range, TextEdit } from 'vscode-languageserver-types';
import type { ParsedRecord } from './parse';
import { nodeAt } from './locate';
import { offsetAt, offsetRange } from './positions';
import { schemaAt } from './schema';
import { EDITIONS } from './editions';
import { cporLicensing } from './rules/cpor-licensing';
import { recognitionsFor } from './rules/cpor-role-recognition';
import type { AssociationType, Edition, FixHint } from './types';

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset of the newline ending the line that holds `offset` (or the end of the text). */
function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl;
}

/** Where the content of that line ends: before a CRLF's CR too. */
function contentEnd(text: string, offset: number): number {
  const end = lineEnd(text, offset);
  return end > 0 && text[end - 1] === '\r' ? end - 1 : end;
}

function eol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** A value as YAML text: plain when that reads back the same, quoted otherwise (or as the old value was). */
function scalarText(value: string, old?: string): string {
  if (old?.startsWith('"')) return JSON.stringify(value);
  if (old?.startsWith("'")) return `'${value.replace(/'/g, "''")}'`;
  return stringify(value).trimEnd();
}

function edit(parsed: ParsedRecord, start: number, end: number, newText: string): TextEdit {
  return { range: offsetRange(parsed.lines, start, end), newText };
}

function action(parsed: ParsedRecord, d: Diagnostic, title: string, edits: TextEdit[], preferred = false): CodeAction {
  return { title, kind: 'quickfix', diagnostics: [d], isPreferred: preferred || undefined, edit: { changes: { [parsed.uri]: edits } } };
}

/**
 * An edit that adds `field: value` as the last key of a mapping: on a line of
 * its own at the keys' indentation in a block mapping, or before the closing
 * brace of a flow mapping. `nested` are the keys of a block value, for a
 * mapping-valued field.
 */
function addKey(parsed: ParsedRecord, map: YAMLMap, field: string, value: string, nested?: Array<[string, string]>): TextEdit | undefined {
  const first = map.items[0];
  const last = map.items[map.items.length - 1];
  if (!isPair(first) || !isPair(last) || !isScalar(first.key) || !first.key.range) return undefined;
  const text = parsed.text;
  const lastNode = (last.value ?? last.key) as Node | null;
  const end = lastNode?.range?.[1] ?? first.key.range[1];
  if (map.flow) {
    const inner = nested ? ` {${nested.map(([k, v]) => `${k}: ${v}`).join(', ')}}` : value ? ` ${value}` : '';
    return edit(parsed, end, end, `, ${field}:${inner}`);
  }
  const keyStart = first.key.range[0];
  const indent = ' '.repeat(keyStart - lineStart(text, keyStart));
  // After the last line that holds content of the mapping.
  const at = contentEnd(text, end > 0 && text[end - 1] === '\n' ? end - 1 : Math.max(keyStart, end - 1));
  const nl = eol(text);
  const inner = nested ? nested.map(([k, v]) => `${nl}${indent}  ${k}:${v ? ` ${v}` : ''}`).join('') : value ? ` ${value}` : ' ';
  return edit(parsed, at, at, `${nl}${indent}${field}:${inner}`);
}

function replaceFix(parsed: ParsedRecord, d: Diagnostic, candidates: string[]): CodeAction[] {
  const text = parsed.text;
  const old = text.slice(offsetAt(text, d.range.start), offsetAt(text, d.range.end));
  return candidates
    .slice(0, 5)
    .map((c) => action(parsed, d, `Change to '${c}'`, [{ range: d.range, newText: scalarText(c, old) }], candidates.length === 1));
}

function removeItemFix(parsed: ParsedRecord, d: Diagnostic): CodeAction[] {
  const text = parsed.text;
  const at = nodeAt(parsed, offsetAt(text, d.range.start));
  const seq = at?.parent;
  if (!at || !isSeq(seq) || seq.items.length < 2) return [];
  const i = seq.items.indexOf(at.node);
  const item = at.node.range;
  if (i < 0 || !item) return [];
  const label = isScalar(at.node) ? String(at.node.value) : 'the item';
  const entries = seq.items.map((n) => (n as Node).range ?? item).map(([s, e]) => [s, e] as [number, number]);
  const span = entrySpan(text, seq.flow === true, entries, i, /^\s*(-\s*)?$/);
  return span ? [action(parsed, d, `Remove '${label}'`, [edit(parsed, span[0], span[1], '')], true)] : [];
}

/**
 * What to delete to take entry `i` (its [start, end] offsets) out of a collection:
 * in flow style with the separator after it, or before it when it is the last;
 * in block style its whole lines, when nothing but `ownLine` stands before it.
 */
function entrySpan(text: string, flow: boolean, entries: Array<[number, number]>, i: number, ownLine: RegExp): [number, number] | undefined {
  const [s, e] = entries[i];
  if (flow) {
    if (entries[i + 1]) return [s, entries[i + 1][0]];
    if (entries[i - 1]) return [entries[i - 1][1], e];
    return undefined;
  }
  const start = lineStart(text, s);
  if (!ownLine.test(text.slice(start, s))) return undefined;
  return [start, Math.min(text.length, lineEnd(text, Math.max(s, e - 1)) + 1)];
}

/** The edit that sets `until` on the association whose node is at `range` (replacing an `until` it has). */
function untilEdit(parsed: ParsedRecord, range: Range, until: string): TextEdit | undefined {
  const map = nodeAt(parsed, offsetAt(parsed.text, range.start))?.map;
  if (!map) return undefined;
  const existing = map.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === 'until');
  if (existing && isPair(existing) && isScalar(existing.value) && existing.value.range) {
    const [s, e] = existing.value.range;
    // An empty `until:` has a zero-width value right after the colon.
    return edit(parsed, s, e, s === e ? ` ${until}` : until);
  }
  if (existing && isPair(existing) && isScalar(existing.key) && existing.key.range && existing.value === null) {
    const colon = parsed.text.indexOf(':', existing.key.range[1]);
    return colon >= 0 ? edit(parsed, colon + 1, colon + 1, ` ${until}`) : undefined;
  }
  return addKey(parsed, map, 'until', until);
}

function endBeforeFix(parsed: ParsedRecord, d: Diagnostic, until: string): CodeAction[] {
  const e = untilEdit(parsed, d.range, until);
  return e ? [action(parsed, d, `End this association on ${until}, the day before the later one starts`, [e], true)] : [];
}

/** Ends the earlier of two overlapping associations from the later one's diagnostic, in whichever file it is. */
function endOtherFix(parsed: ParsedRecord, d: Diagnostic, hint: Extract<FixHint, { kind: 'end-other' }>, lookup: (uri: string) => ParsedRecord | undefined): CodeAction[] {
  const target = hint.uri === parsed.uri ? parsed : lookup(hint.uri);
  const e = target && untilEdit(target, hint.range, hint.until);
  if (!e) return [];
  return [{ title: `End the earlier one on ${hint.until}, the day before this one starts: ${hint.label}`, kind: 'quickfix', diagnostics: [d], isPreferred: true, edit: { changes: { [hint.uri]: [e] } } }];
}

function addFieldFix(parsed: ParsedRecord, d: Diagnostic, hint: Extract<FixHint, { kind: 'add-field' }>, edition: Edition): CodeAction[] {
  const at = nodeAt(parsed, offsetAt(parsed.text, d.range.start));
  if (!at) return [];
  let map: YAMLMap | undefined;
  let mapPath = at.path.slice(0, -1);
  if (hint.into === 'value' && at.isKey && isMap(at.pair?.value)) {
    map = at.pair.value;
    mapPath = at.path;
  } else if (at.map) {
    map = at.map;
  } else if (isMap(at.node)) {
    map = at.node;
    mapPath = at.path;
  }
  if (!map) return [];
  const field = hint.field;
  const schema = schemaAt([...mapPath, field], parsed.model);
  const record = parsed.model;
  const offer = (title: string, value: string, nested?: Array<[string, string]>) => {
    const added = addKey(parsed, map!, field, value, nested);
    return added ? [action(parsed, d, title, [added])] : [];
  };
  if (schema?.enum) {
    // A CPOR's recognition and role must fit each other: offer only what fits what is written.
    const assoc = record?.associations.find((a) => a.index === mapPath[1]);
    const fits = (v: string) => {
      if (assoc?.type?.value !== 'CPOR') return true;
      if (field === 'recognition' && assoc.role) return recognitionsFor(assoc.role.value, assoc)?.includes(v) ?? true;
      if (field === 'role' && assoc.recognition) return recognitionsFor(v, assoc)?.includes(assoc.recognition.value) ?? true;
      return true;
    };
    return schema.enum.filter(fits).flatMap((v) => offer(`Add '${field}: ${v}'`, v));
  }
  if (field === 'solutionAreas') {
    const type = record?.associations.find((a) => a.index === mapPath[1])?.type?.value as AssociationType | undefined;
    const areas = (type && EDITIONS[edition].eligibility[type]) || [];
    return areas.flatMap((a) => offer(`Add 'solutionAreas: [${a}]'`, `[${a}]`));
  }
  if (field === 'subscription' && record && record.subscriptions.length > 0) {
    // Offer only subscriptions the claim may name: a CPOR's licensing rule, DPOR's EA in 2026-05.
    const assoc = record.associations.find((a) => a.index === mapPath[1]);
    const need = assoc?.type?.value === 'CPOR' ? cporLicensing(assoc)?.allowed : assoc?.type?.value === 'DPOR' && edition === '2026-05' ? ['EA'] : undefined;
    return record.subscriptions.flatMap((s) => {
      const ref = s.name?.value ?? s.id?.value;
      const fits = !need || !s.licensing || need.includes(s.licensing.value);
      return ref && fits ? offer(`Add 'subscription: ${ref}'`, scalarText(ref)) : [];
    });
  }
  if (field === 'agreement' && record && record.agreements.length > 0) {
    return record.agreements.flatMap((a) => (a.id ? offer(`Add 'agreement: ${a.id.value}'`, a.id.value) : []));
  }
  if (field === 'identity') return offer(`Add 'identity'`, '', [['kind', 'user'], ['objectId', '']]);
  if (field === 'version') return offer(`Add 'version: 1'`, '1');
  if (field === 'associations') return offer(`Add 'associations: []'`, '[]');
  if (field === 'customer') return offer(`Add 'customer'`, '', [['name', ''], ['tenantId', '']]);
  return offer(`Add '${field}'`, hint.value);
}

function removeFieldFix(parsed: ParsedRecord, d: Diagnostic): CodeAction[] {
  const at = nodeAt(parsed, offsetAt(parsed.text, d.range.start));
  const pair = at?.pair;
  const map = at?.map;
  if (!pair || !map || !isScalar(pair.key) || !pair.key.range) return [];
  const entries = map.items.map((p): [number, number] => {
    const key = (p.key as Node | null)?.range;
    return [key?.[0] ?? 0, ((p.value ?? p.key) as Node | null)?.range?.[1] ?? key?.[1] ?? 0];
  });
  // In block style, a key that shares its line with a list dash stays (removing the line would take the dash).
  const span = entrySpan(parsed.text, map.flow === true, entries, map.items.indexOf(pair), /^\s*$/);
  return span ? [action(parsed, d, `Remove '${pair.key.value}'`, [edit(parsed, span[0], span[1], '')])] : [];
}

function isFixHint(data: unknown): data is FixHint {
  return typeof data === 'object' && data !== null && typeof (data as { kind?: unknown }).kind === 'string';
}

/** Quick fixes for the diagnostics of a record, as minimal text edits. */
export function codeActions(
  parsed: ParsedRecord,
  diagnostics: Diagnostic[],
  edition: Edition,
  lookup: (uri: string) => ParsedRecord | undefined = () => undefined,
): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== 'assoc' || !isFixHint(d.data)) continue;
    const hint = d.data;
    switch (hint.kind) {
      case 'replace':
        out.push(...replaceFix(parsed, d, hint.candidates));
        break;
      case 'remove-item':
        out.push(...removeItemFix(parsed, d));
        break;
      case 'end-before':
        out.push(...endBeforeFix(parsed, d, hint.until));
        break;
      case 'end-other':
        out.push(...endOtherFix(parsed, d, hint, lookup));
        break;
      case 'add-field':
        out.push(...addFieldFix(parsed, d, hint, edition));
        break;
      case 'remove-field':
        out.push(...removeFieldFix(parsed, d));
        break;
    }
  }
  return out;
}
