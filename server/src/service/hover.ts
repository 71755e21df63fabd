import type { Hover } from 'vscode-languageserver-types';
import type { ParsedRecord } from './parse';
import { nodeAt } from './yaml/tree';
import { schemaAt, type SchemaNode } from './schema';
import { findAgreement, findSubscription } from './model';
import { SOLUTION_AREA_TITLES, editionDoc, isEdition } from './editions';
import { areaHover, typeHover, valueDoc } from './knowledge';
import { isAssociationType, isSolutionArea, type Edition, type RecordModel } from './types';

function fieldDoc(s: SchemaNode | undefined, key: string): string | undefined {
  if (!s?.title && !s?.description) return undefined;
  const lines = [`**${s.title ?? key}** (\`${key}\`)`];
  if (s.description) lines.push(s.description);
  if (s.enum) lines.push(`Values: ${s.enum.map((v) => `\`${v}\``).join(', ')}.`);
  return lines.join('\n\n');
}

function subscriptionDoc(record: RecordModel, ref: string): string | undefined {
  const sub = findSubscription(record, ref);
  if (!sub) return `No subscription \`${ref}\` is declared in this file.`;
  return [
    `**Subscription ${sub.name?.value ?? sub.id?.value ?? ''}**`,
    [
      `- id: \`${sub.id?.value ?? '?'}\``,
      `- product: ${sub.product?.value ?? '?'}`,
      `- licensing: ${sub.licensing?.value ?? '?'}`,
      sub.agreement ? `- agreement: ${sub.agreement.value}` : '',
    ]
      .filter(Boolean)
      .join('\n'),
  ].join('\n\n');
}

function agreementDoc(record: RecordModel, ref: string): string {
  const a = findAgreement(record, ref);
  if (!a) return `No agreement \`${ref}\` is declared in this file.`;
  const subs = record.subscriptions.filter((s) => s.agreement?.value === ref).map((s) => s.name?.value ?? s.id?.value);
  return [`**Agreement ${ref}** (${a.kind?.value ?? 'kind not given'})`, subs.length > 0 ? `Subscriptions under it: ${subs.join(', ')}.` : 'No subscription in this file is under it.'].join('\n\n');
}

export function hover(parsed: ParsedRecord, offset: number, edition: Edition): Hover | null {
  const at = nodeAt(parsed.root, offset);
  const record = parsed.model;
  if (!at || !record || at.path.length === 0) return null;
  // Between nodes (white space, comments) there is nothing to explain.
  if (!at.isKey && at.node.kind !== 'scalar') return null;
  if (parsed.comments.some((c) => c.start <= offset && offset < c.start + c.text.length)) return null;
  const key = at.path[at.path.length - 1];
  const range = parsed.lines.range(at.node.start, at.node.end);
  const value = at.node.kind === 'scalar' ? at.node.value : undefined;
  const md = (text: string | undefined): Hover | null => (text ? { contents: { kind: 'markdown', value: text }, range } : null);
  const inAssociation = at.path[0] === 'associations' && typeof at.path[1] === 'number' && at.path.length === 3;

  if (at.isKey) return md(fieldDoc(schemaAt(at.path, record), String(key)));

  if (typeof value === 'string') {
    if (inAssociation && key === 'type' && isAssociationType(value)) return md(typeHover(value, edition));
    const parentKey = at.path[at.path.length - 2];
    if (parentKey === 'solutionAreas' && isSolutionArea(value) && SOLUTION_AREA_TITLES[value]) return md(areaHover(value, edition));
    if (key === 'subscription' && inAssociation) return md(subscriptionDoc(record, value));
    if (key === 'agreement') return md(agreementDoc(record, value));
    if (key === 'program' && at.path.length === 1 && isEdition(value)) return md(`**Rules edition ${value}**: ${editionDoc(value)}`);
    const assoc = inAssociation ? record.associations.find((a) => a.index === at.path[1]) : undefined;
    const cporRole = key === 'role' && assoc?.type?.value !== 'PAL';
    const doc = typeof key === 'string' ? valueDoc(key, value, edition) : undefined;
    if (doc && (key !== 'role' || cporRole)) return md(doc);
  }
  const fieldKey = typeof key === 'number' ? at.path[at.path.length - 2] : key;
  const fieldPath = typeof key === 'number' ? at.path.slice(0, -1) : at.path;
  return md(fieldDoc(schemaAt(fieldPath, record), String(fieldKey)));
}
