import { CompletionItemKind, InsertTextFormat, InsertTextMode, type Command, type CompletionItem, type Position } from 'vscode-languageserver-types';
import type { ParsedRecord } from './parse';
import { SCHEMA, associationSchema, deref, type SchemaNode } from './schema';
import { SOLUTION_AREA_TITLES, editionTable } from './editions';
import { TYPE_DOCS, areaHover, valueDoc } from './knowledge';
import { ASSOCIATION_TYPES, SOLUTION_AREAS, isAssociationType, type AssociationType, type Edition, type SolutionArea } from './types';

interface LineInfo {
  indent: number;
  keyCol: number;
  dash: boolean;
  key?: string;
  rest: string;
}

function info(line: string): LineInfo | undefined {
  const m = /^(\s*)(-\s+)?(?:([A-Za-z][\w-]*)\s*:(?:\s|$))?(.*)$/.exec(line);
  if (!m || /^\s*(#|$)/.test(line)) return undefined;
  return { indent: m[1].length, keyCol: m[1].length + (m[2]?.length ?? 0), dash: !!m[2], key: m[3], rest: m[4].trim() };
}

interface Context {
  /** The keys of the enclosing mappings, outermost first. */
  path: string[];
  /** The first line of the list item we are in, if any. */
  itemLine?: number;
  itemKeyCol?: number;
}

/**
 * Which mapping a line at a key column belongs to, read from indentation (the
 * line being typed rarely parses). A list may sit at its key's own indentation
 * (`associations:` then `- type: DPOR` at column 0), as many YAML writers emit.
 */
function contextOf(lines: string[], lineNo: number, keyCol: number, dashCol?: number): Context {
  const path: string[] = [];
  let cur = keyCol;
  let itemLine: number | undefined;
  let itemKeyCol: number | undefined;
  // Inside a list item whose dash is at `cur`: its list's key may stand at that same column.
  let listAt: number | undefined;
  if (dashCol !== undefined) {
    itemLine = lineNo;
    itemKeyCol = keyCol;
    cur = dashCol;
    listAt = dashCol;
  }
  for (let i = lineNo - 1; i >= 0 && (cur > 0 || listAt === 0); i--) {
    const l = info(lines[i]);
    if (!l) continue;
    if (l.keyCol === cur && l.dash && itemLine === undefined) {
      itemLine = i;
      itemKeyCol = l.keyCol;
      cur = l.indent;
      listAt = l.indent;
      continue;
    }
    const parentKey = l.key && (l.rest === '' || l.rest.startsWith('#'));
    if (parentKey && (l.indent < cur || (listAt === cur && l.indent === cur && !l.dash))) {
      path.unshift(l.key!);
      cur = l.dash ? l.indent : l.keyCol;
      listAt = l.dash ? l.indent : undefined;
    } else if (l.dash && l.indent < cur) {
      cur = l.indent;
      listAt = l.indent;
    }
  }
  return { path, itemLine, itemKeyCol };
}

/** The association type written in the list item that starts at a line. */
function itemType(lines: string[], ctx: Context): AssociationType | undefined {
  if (ctx.itemLine === undefined || ctx.itemKeyCol === undefined) return undefined;
  for (let i = ctx.itemLine; i < lines.length; i++) {
    const l = info(lines[i]);
    if (!l) continue;
    if (i > ctx.itemLine && (l.keyCol < ctx.itemKeyCol || (l.dash && l.indent < ctx.itemKeyCol))) break;
    if (l.keyCol === ctx.itemKeyCol && l.key === 'type') {
      const t = l.rest.replace(/\s+#.*$/, '').replace(/^["']|["']$/g, '');
      return isAssociationType(t) ? t : undefined;
    }
  }
  return undefined;
}

/** The items already written in a block list, at a dash column, around a line. */
function listedAbove(lines: string[], lineNo: number, dashCol: number): Set<string> {
  const out = new Set<string>();
  for (const dir of [-1, 1]) {
    for (let i = lineNo + dir; i >= 0 && i < lines.length; i += dir) {
      const m = /^(\s*)-\s+([\w-]+)\s*(#.*)?$/.exec(lines[i]);
      if (!m || m[1].length !== dashCol) break;
      out.add(m[2]);
    }
  }
  return out;
}

/** Keys already written in the mapping (siblings at the same column). */
function siblingKeys(lines: string[], lineNo: number, keyCol: number, ctx: Context): Set<string> {
  const out = new Set<string>();
  const start = ctx.itemLine ?? 0;
  for (let i = start; i < lines.length; i++) {
    if (i === lineNo) continue;
    const l = info(lines[i]);
    if (!l) continue;
    if (i > start && l.keyCol < keyCol) {
      if (i > lineNo) break;
      continue;
    }
    if (l.dash && i !== start && l.indent < keyCol) {
      if (i > lineNo) break;
      out.clear();
      continue;
    }
    if (l.keyCol === keyCol && l.key) out.add(l.key);
  }
  return out;
}

function mappingSchema(ctx: Context, type: AssociationType | undefined): SchemaNode | undefined {
  const p = ctx.path;
  if (p.length === 0) return SCHEMA as SchemaNode;
  if (p[0] === 'associations' && ctx.itemLine !== undefined) {
    if (p.length === 1) return associationSchema(type);
    if (p.length === 2 && p[1] === 'identity') return deref(associationSchema('PAL').properties?.identity);
    return undefined;
  }
  if (p.length === 1) {
    const top = deref((SCHEMA as SchemaNode).properties?.[p[0]]);
    return top?.items ? deref(top.items) : top;
  }
  return undefined;
}

const KEY_ORDER = ['type', 'partnerId', 'role', 'recognition', 'model', 'channel', 'subscription', 'agreement', 'workload', 'identity', 'scope', 'solutionAreas', 'since', 'until'];

export interface CompletionOptions {
  /** Open the suggestions again after a key whose value can be chosen (a client that knows `editor.action.triggerSuggest`). */
  retrigger?: boolean;
}

const RETRIGGER: Command = { title: 'Suggest values', command: 'editor.action.triggerSuggest' };

/** Keys whose values the completion offers: after one of them, the list opens again. */
const CHOOSABLE = new Set(['type', 'subscription', 'agreement', 'solutionAreas']);

function keyItems(schema: SchemaNode, present: Set<string>, options: CompletionOptions = {}): CompletionItem[] {
  const props = schema.properties ?? {};
  return Object.keys(props)
    .filter((k) => !present.has(k))
    .map((k) => {
      const s = deref(props[k]);
      const order = KEY_ORDER.indexOf(k);
      const required = schema.required?.includes(k);
      return {
        label: k,
        kind: CompletionItemKind.Property,
        detail: `${s?.title ?? k}${required ? ' (required)' : ''}`,
        documentation: s?.description ? { kind: 'markdown', value: s.description } : undefined,
        insertText: s?.properties ? `${k}:\n  ` : s?.items ? `${k}: [$1]` : `${k}: $1`,
        insertTextFormat: s?.items ? InsertTextFormat.Snippet : s?.properties ? InsertTextFormat.PlainText : InsertTextFormat.Snippet,
        sortText: `${required ? 0 : 1}${String(order < 0 ? 99 : order).padStart(2, '0')}${k}`,
        command: options.retrigger && (s?.enum || CHOOSABLE.has(k)) ? RETRIGGER : undefined,
      } satisfies CompletionItem;
    });
}

/** What each association type needs, as a snippet (one key a line, at `indent`). */
const ASSOCIATION_SNIPPETS: Record<AssociationType, string[]> = {
  CPOR: ['partnerId: ${1:1234567}', 'role: ${2|OSU,OSA,RevRec|}', 'recognition: ${3|usage,incentive,revenue|}', 'workload: ${4:Teams}', 'solutionAreas: [${5|modern-work,security,business-applications|}]', 'since: ${6:YYYY-MM-DD}'],
  DPOR: ['partnerId: ${1:1234567}', 'subscription: ${2}', 'solutionAreas: [${3|infrastructure,data-ai,digital-app-innovation,modern-work,business-applications|}]', 'since: ${4:YYYY-MM-DD}'],
  PAL: ['partnerId: ${1:1234567}', 'identity: {kind: ${2|service-principal,user|}, objectId: ${3}}', 'subscription: ${4}', 'solutionAreas: [${5|infrastructure,data-ai,digital-app-innovation,security,business-applications|}]', 'since: ${6:YYYY-MM-DD}'],
  CSP: ['partnerId: ${1:1234567}', 'model: ${2|direct-bill,indirect-reseller|}', 'solutionAreas: [${3|infrastructure,data-ai,digital-app-innovation,modern-work,security,business-applications|}]'],
  TPOR: ['channel: ${1|lsp,microsoft-direct|}', 'partnerId: ${2:1234567}', 'agreement: ${3}', 'since: ${4:YYYY-MM-DD}'],
};

function associationSnippets(keyCol: number): CompletionItem[] {
  const indent = ' '.repeat(keyCol);
  return ASSOCIATION_TYPES.map((t, i) => ({
    label: `${t} association`,
    kind: CompletionItemKind.Snippet,
    detail: TYPE_DOCS[t].name,
    documentation: { kind: 'markdown', value: TYPE_DOCS[t].what },
    insertText: [`type: ${t}`, ...ASSOCIATION_SNIPPETS[t].map((l) => indent + l)].join('\n'),
    insertTextFormat: InsertTextFormat.Snippet,
    insertTextMode: InsertTextMode.asIs,
    sortText: `~${i}`,
  }));
}

const RECORD_SNIPPET = [
  'version: 1',
  'customer:',
  '  name: ${1:Customer name}',
  '  tenantId: ${2:00000000-0000-0000-0000-000000000000}',
  '  segment: ${3|enterprise,smb|}',
  'subscriptions:',
  '  - id: ${4:00000000-0000-0000-0000-000000000000}',
  '    name: ${5:production}',
  '    product: ${6|Azure,Microsoft365,Dynamics365,PowerPlatform,CustomerInsights,Other|}',
  '    licensing: ${7|EA,CASA-EES,WebDirect,CSP,AzurePlan|}',
  'associations:',
  // A DPOR with what it needs, on the subscription above (the same tab stop), so a new record starts valid once filled in.
  '  - type: DPOR',
  '    partnerId: ${8:1234567}',
  '    subscription: ${5}',
  '    solutionAreas: [${9|infrastructure,data-ai,digital-app-innovation,modern-work,business-applications|}]',
  '    since: ${10:YYYY-MM-DD}',
  '$0',
].join('\n');

function enumItems(values: readonly string[], key: string, edition: Edition): CompletionItem[] {
  return values.map((v, i) => {
    const doc = valueDoc(key, v, edition);
    return { label: v, kind: CompletionItemKind.EnumMember, documentation: doc ? { kind: 'markdown', value: doc } : undefined, sortText: String(i).padStart(2, '0') };
  });
}

function areaItems(type: AssociationType | undefined, edition: Edition, present: Set<string>): CompletionItem[] {
  const eligible = type ? editionTable(edition).eligibility[type] : null;
  return SOLUTION_AREAS.filter((a) => !present.has(a)).map((a, i) => {
    const ok = eligible === null || eligible.includes(a);
    return {
      label: a,
      kind: CompletionItemKind.EnumMember,
      detail: `${SOLUTION_AREA_TITLES[a]}${ok ? '' : ` (${type} does not count toward it in ${edition})`}`,
      documentation: { kind: 'markdown', value: areaHover(a as SolutionArea, edition) },
      sortText: `${ok ? 0 : 1}${i}`,
    };
  });
}

function valueItems(parsed: ParsedRecord, ctx: Context, key: string, type: AssociationType | undefined, edition: Edition): CompletionItem[] {
  const record = parsed.model;
  const inAssociation = ctx.path.length === 1 && ctx.path[0] === 'associations';
  if (inAssociation && key === 'solutionAreas') {
    // `solutionAreas: |` with no list yet: each area as a one-item flow list.
    return areaItems(type, edition, new Set()).map((i) => ({ ...i, insertText: `[${i.label}]` }));
  }
  if (inAssociation && key === 'type') {
    return ASSOCIATION_TYPES.map((t, i) => ({
      label: t,
      kind: CompletionItemKind.EnumMember,
      detail: TYPE_DOCS[t].name,
      documentation: { kind: 'markdown', value: TYPE_DOCS[t].what },
      sortText: String(i),
    }));
  }
  if (key === 'subscription' && inAssociation) {
    return (record?.subscriptions ?? []).flatMap((s) => {
      const label = s.name?.value ?? s.id?.value;
      if (!label) return [];
      return [{ label, kind: CompletionItemKind.Reference, detail: [s.product?.value, s.licensing?.value].filter(Boolean).join(', '), documentation: s.id?.value }];
    });
  }
  if (key === 'agreement') {
    return (record?.agreements ?? []).flatMap((a) => (a.id ? [{ label: a.id.value, kind: CompletionItemKind.Reference, detail: a.kind?.value }] : []));
  }
  const schema = mappingSchema(ctx, type);
  const field = deref(schema?.properties?.[key]);
  if (field?.enum) return enumItems(field.enum, key, edition);
  return [];
}

function inFlowMapping(parsed: ParsedRecord, lines: string[], lineNo: number, open: RegExpExecArray, edition: Edition): CompletionItem[] {
  const [, indent, dash, key, inner] = open;
  const ctx = contextOf(lines, lineNo, indent.length + (dash?.length ?? 0), dash ? indent.length : undefined);
  if (key) ctx.path = [...ctx.path, key];
  const written = /(?:^|,)\s*type:\s*"?([A-Z]+)"?\s*(?:,|$)/.exec(inner)?.[1];
  const type = isAssociationType(written) ? written : itemType(lines, ctx);
  const areas = /(?:^|,)\s*solutionAreas:\s*\[([^\]]*)$/.exec(inner);
  if (areas) return areaItems(type, edition, new Set(areas[1].split(',').map((a) => a.trim())));
  const segment = inner.slice(inner.lastIndexOf(',') + 1);
  const value = /^\s*([A-Za-z][\w-]*):\s*([^,]*)$/.exec(segment);
  if (value) return valueItems(parsed, ctx, value[1], type, edition);
  if (!/^\s*[\w-]*$/.test(segment)) return [];
  const schema = mappingSchema(ctx, type);
  const present = new Set([...inner.matchAll(/([A-Za-z][\w-]*)\s*:/g)].map((m) => m[1]));
  return schema?.properties ? keyItems(schema, present).map((i) => ({ ...i, insertText: `${i.label}: `, insertTextFormat: InsertTextFormat.PlainText })) : [];
}

/** Completion at a position: keys of the mapping, values of the key, or solution areas. */
export function complete(parsed: ParsedRecord, pos: Position, edition: Edition, options: CompletionOptions = {}): CompletionItem[] {
  const lines = parsed.text.split(/\r\n|\r|\n/);
  const line = (lines[pos.line] ?? '').slice(0, pos.character);
  // Asked for right after `key:` or `-`, an item brings the space YAML needs there.
  if (/(:|^\s*-)$/.test(line)) {
    const spaced = [...lines];
    spaced[pos.line] = `${line} ${(lines[pos.line] ?? '').slice(pos.character)}`;
    return completeLine(parsed, spaced, line + ' ', pos.line, edition, options).map((i) => ({ ...i, insertText: ` ${i.insertText ?? i.label}` }));
  }
  return completeLine(parsed, lines, line, pos.line, edition, options);
}

function completeLine(parsed: ParsedRecord, lines: string[], line: string, lineNo: number, edition: Edition, options: CompletionOptions): CompletionItem[] {
  const pos = { line: lineNo };

  // Inside a flow mapping on one line: `  - {type: DPOR, sub|` or `identity: {kind: |`
  const open = /^(\s*)(-\s+)?(?:([A-Za-z][\w-]*):\s*)?\{([^{}]*)$/.exec(line);
  if (open) return inFlowMapping(parsed, lines, pos.line, open, edition);

  // Inside a flow list of solution areas: `solutionAreas: [infrastructure, |`
  const flow = /^(\s*)(-\s+)?solutionAreas:\s*\[([^\]]*)$/.exec(line);
  if (flow) {
    const ctx = contextOf(lines, pos.line, flow[1].length + (flow[2]?.length ?? 0), flow[2] ? flow[1].length : undefined);
    const present = new Set(flow[3].split(',').map((s) => s.trim()));
    return areaItems(itemType(lines, ctx), edition, present);
  }

  // A value after `key: `
  const value = /^(\s*)(-\s+)?([A-Za-z][\w-]*):\s+([^#]*)$/.exec(line) ?? /^(\s*)(-\s+)?([A-Za-z][\w-]*):()$/.exec(line);
  if (value) {
    const keyCol = value[1].length + (value[2]?.length ?? 0);
    const ctx = contextOf(lines, pos.line, keyCol, value[2] ? value[1].length : undefined);
    return valueItems(parsed, ctx, value[3], itemType(lines, ctx), edition);
  }

  // A block list item: `  - |` under solutionAreas
  const item = /^(\s*)-\s*([\w-]*)$/.exec(line);
  if (item) {
    const ctx = contextOf(lines, pos.line, item[1].length);
    if (ctx.path[ctx.path.length - 1] === 'solutionAreas') return areaItems(itemType(lines, ctx), edition, listedAbove(lines, pos.line, item[1].length));
  }

  // A key: `    ro|` or `  - |`
  const key = /^(\s*)(-\s+)?([\w-]*)$/.exec(line);
  if (key) {
    const keyCol = key[1].length + (key[2]?.length ?? 0);
    const ctx = contextOf(lines, pos.line, keyCol, key[2] ? key[1].length : undefined);
    const type = itemType(lines, ctx);
    const schema = mappingSchema(ctx, type);
    if (!schema?.properties) return [];
    const present = siblingKeys(lines, pos.line, keyCol, ctx);
    const items = keyItems(schema, present, options);
    // A new association (`  - |` with nothing else in it yet): one snippet per type.
    if (ctx.path.length === 1 && ctx.path[0] === 'associations' && ctx.itemLine === pos.line && present.size === 0) items.push(...associationSnippets(keyCol));
    // An empty record: the whole skeleton.
    if (ctx.path.length === 0 && keyCol === 0 && !key[2] && lines.every((l, i) => i === pos.line || /^\s*(#.*)?$/.test(l))) {
      items.push({ label: 'Partner association record', kind: CompletionItemKind.Snippet, detail: 'A new record: customer, a subscription, an association', insertText: RECORD_SNIPPET, insertTextFormat: InsertTextFormat.Snippet, insertTextMode: InsertTextMode.asIs, sortText: '~' });
    }
    return items;
  }
  return [];
}
