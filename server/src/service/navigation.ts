import type { Location } from 'vscode-languageserver-types';
import type { ParsedRecord } from './parse';
import { nodeAt } from './locate';
import type { Located, RecordModel } from './types';
import { findAgreement, findSubscription } from './model';

type Target = { kind: 'subscription' | 'agreement'; decl?: Located<string>; name: string };

/** The node that declares what a subscription reference names: the name when it matched by name, else the id. */
function subscriptionDecl(record: RecordModel, value: string): Located<string> | undefined {
  const sub = findSubscription(record, value);
  return sub?.name?.value === value ? sub.name : sub?.id;
}

/** What a position refers to: a subscription or an agreement, from a reference or a declaration. */
function targetAt(parsed: ParsedRecord, offset: number): Target | undefined {
  const at = nodeAt(parsed, offset);
  const record = parsed.model;
  if (!at || !record || at.isKey) return undefined;
  const [top, , key] = at.path;
  const value = (at.node as { value?: unknown }).value;
  if (typeof value !== 'string' || at.path.length !== 3) return undefined;
  if (top === 'associations' && key === 'subscription') return { kind: 'subscription', name: value, decl: subscriptionDecl(record, value) };
  if ((top === 'associations' || top === 'subscriptions') && key === 'agreement') {
    return { kind: 'agreement', name: value, decl: findAgreement(record, value)?.id };
  }
  if (top === 'subscriptions' && (key === 'name' || key === 'id')) return { kind: 'subscription', name: value, decl: subscriptionDecl(record, value) };
  if (top === 'agreements' && key === 'id') return { kind: 'agreement', name: value, decl: findAgreement(record, value)?.id };
  return undefined;
}

export function definition(parsed: ParsedRecord, offset: number): Location[] {
  const t = targetAt(parsed, offset);
  return t?.decl ? [{ uri: parsed.uri, range: t.decl.range }] : [];
}

export function references(parsed: ParsedRecord, offset: number, includeDeclaration: boolean): Location[] {
  const t = targetAt(parsed, offset);
  const record = parsed.model;
  // A reference to nothing declared refers to nothing.
  if (!t?.decl || !record) return [];
  const out: Location[] = includeDeclaration ? [{ uri: parsed.uri, range: t.decl.range }] : [];
  if (t.kind === 'subscription') {
    const sub = findSubscription(record, t.name);
    for (const a of record.associations) {
      if (a.subscription && findSubscription(record, a.subscription.value) === sub) out.push({ uri: parsed.uri, range: a.subscription.range });
    }
  } else {
    for (const s of record.subscriptions) if (s.agreement?.value === t.name) out.push({ uri: parsed.uri, range: s.agreement.range });
    for (const a of record.associations) {
      if (a.type?.value === 'TPOR' && a.agreement?.value === t.name) out.push({ uri: parsed.uri, range: a.agreement.range });
    }
  }
  return out;
}
