import type { Location } from 'vscode-languageserver-types';
import type { ParsedRecord } from './parse';
import { nodeAt } from './yaml/tree';
import type { Located, RecordModel, Span } from './types';
import { findAgreement, findSubscription } from './model';

type Target = { kind: 'subscription' | 'agreement'; decl?: Located<string>; name: string };

/** The node that declares what a subscription reference names: the name when it matched by name, else the id. */
function subscriptionDecl(record: RecordModel, value: string): Located<string> | undefined {
  const sub = findSubscription(record, value);
  return sub?.name?.value === value ? sub.name : sub?.id;
}

/** What a position refers to: a subscription or an agreement, from a reference or a declaration. */
function targetAt(parsed: ParsedRecord, offset: number): Target | undefined {
  const at = nodeAt(parsed.root, offset);
  const record = parsed.model;
  if (!at || !record || at.isKey || at.node.kind !== 'scalar') return undefined;
  const [top, , key] = at.path;
  const value = at.node.value;
  if (typeof value !== 'string' || at.path.length !== 3) return undefined;
  if (top === 'associations' && key === 'subscription') return { kind: 'subscription', name: value, decl: subscriptionDecl(record, value) };
  if ((top === 'associations' || top === 'subscriptions') && key === 'agreement') return { kind: 'agreement', name: value, decl: findAgreement(record, value)?.id };
  if (top === 'subscriptions' && (key === 'name' || key === 'id')) return { kind: 'subscription', name: value, decl: subscriptionDecl(record, value) };
  if (top === 'agreements' && key === 'id') return { kind: 'agreement', name: value, decl: findAgreement(record, value)?.id };
  return undefined;
}

function location(parsed: ParsedRecord, span: Span): Location {
  return { uri: parsed.uri, range: parsed.lines.range(span.start, span.end) };
}

export function definition(parsed: ParsedRecord, offset: number): Location[] {
  const t = targetAt(parsed, offset);
  return t?.decl ? [location(parsed, t.decl.span)] : [];
}

/** Every place that names what is at the offset: its declaration (if asked) and its references. */
function referenceSpans(parsed: ParsedRecord, offset: number, includeDeclaration: boolean): Span[] {
  const t = targetAt(parsed, offset);
  const record = parsed.model;
  // A reference to nothing declared refers to nothing.
  if (!t?.decl || !record) return [];
  const out: Span[] = includeDeclaration ? [t.decl.span] : [];
  if (t.kind === 'subscription') {
    const sub = findSubscription(record, t.name);
    for (const a of record.associations) if (a.subscription && findSubscription(record, a.subscription.value) === sub) out.push(a.subscription.span);
  } else {
    for (const s of record.subscriptions) if (s.agreement?.value === t.name) out.push(s.agreement.span);
    for (const a of record.associations) if (a.type?.value === 'TPOR' && a.agreement?.value === t.name) out.push(a.agreement.span);
  }
  return out;
}

export function references(parsed: ParsedRecord, offset: number, includeDeclaration: boolean): Location[] {
  return referenceSpans(parsed, offset, includeDeclaration).map((s) => location(parsed, s));
}

/** What can be renamed at an offset: a subscription's name or an agreement's id, declared or referred to by it. */
export function renameTarget(parsed: ParsedRecord, offset: number): { span: Span; name: string; kind: 'subscription' | 'agreement' } | undefined {
  const t = targetAt(parsed, offset);
  const at = nodeAt(parsed.root, offset);
  const record = parsed.model;
  if (!t?.decl || !at || !record || at.node.kind !== 'scalar' || at.node.alias) return undefined;
  if (t.kind === 'subscription') {
    // Only a name: a GUID is the subscription's identity, not a label.
    const sub = findSubscription(record, t.name);
    if (!sub?.name || sub.name.value !== t.name) return undefined;
  }
  return { span: at.node, name: t.name, kind: t.kind };
}

/** The spans to rewrite to rename what is at an offset: every place that names it by that name. */
export function renameSpans(parsed: ParsedRecord, offset: number, newName: string): Span[] {
  const target = renameTarget(parsed, offset);
  const record = parsed.model;
  if (!target || !record) throw new Error('Only a subscription name or an agreement id can be renamed here.');
  if (newName.trim() === '' || newName !== newName.trim()) throw new Error('A name cannot be empty or start or end with white space.');
  const taken = target.kind === 'subscription' ? record.subscriptions.some((s) => s.name?.value === newName) : record.agreements.some((a) => a.id?.value === newName);
  if (taken && newName !== target.name) throw new Error(`\`${newName}\` is already declared in this file.`);
  const text = parsed.text;
  return referenceSpans(parsed, offset, true).filter((s) => {
    const node = nodeAt(parsed.root, s.start)?.node;
    // A reference by GUID keeps its GUID; an alias keeps its anchor's value.
    return node?.kind === 'scalar' && node.value === target.name && !node.alias && text.slice(s.start, s.end).length > 0;
  });
}
