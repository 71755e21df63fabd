// What the coverage report needs of a record, kept with its analysis so that
// a closed file need not be parsed again: the customer, the subscriptions,
// and each association's type, partner, areas, dates and place.
import type { Range } from 'vscode-languageserver-types';
import type { LineIndex } from './yaml/lines';
import type { AssociationType, RecordModel, SolutionArea } from './types';
import { isSolutionArea } from './types';
import { associationTarget, findSubscription, scopeSubscription } from './model';
import { subscriptionKey } from './rules/api';

export interface SubscriptionSummary {
  line: number;
  id?: string;
  name?: string;
  product?: string;
  licensing?: string;
}

export interface AssociationSummary {
  index: number;
  /** The association's first key (0-based line). */
  line: number;
  range: Range;
  type?: AssociationType;
  partnerId?: string;
  /** The solution areas it names (known slugs only). */
  areas: SolutionArea[];
  since?: string;
  until?: string;
  /** The subscription it names (by name or GUID) or, for a PAL, the one its scope is on: by lower-cased GUID. */
  subscription?: string;
  /** What it is on, in a few words: a subscription, a workload, an agreement. */
  on?: string;
}

export interface RecordSummary {
  customer?: { name?: string; tenantId?: string; segment?: string; line: number };
  subscriptions: SubscriptionSummary[];
  associations: AssociationSummary[];
}

export function summarize(record: RecordModel, lines: LineIndex): RecordSummary {
  const lineOf = (offset: number) => lines.lineOf(offset);
  const c = record.customer;
  return {
    customer: c ? { name: c.name?.value, tenantId: c.tenantId?.value.toLowerCase(), segment: c.segment?.value, line: lineOf(c.anchor.start) } : undefined,
    subscriptions: record.subscriptions.map((s) => ({
      line: lineOf(s.anchor.start),
      id: subscriptionKey(s),
      name: s.name?.value,
      product: s.product?.value,
      licensing: s.licensing?.value,
    })),
    associations: record.associations.map((a) => {
      const sub = a.subscription ? findSubscription(record, a.subscription.value) : undefined;
      const scope = a.scope ? scopeSubscription(a.scope.value)?.toLowerCase() : undefined;
      return {
        index: a.index,
        line: lineOf(a.anchor.start),
        range: lines.range(a.span.start, a.span.end),
        type: a.type?.value,
        partnerId: a.partnerId?.value,
        areas: a.solutionAreas.map((s) => s.value).filter(isSolutionArea),
        since: a.since?.value,
        until: a.until?.value,
        subscription: subscriptionKey(sub) ?? scope,
        on: associationTarget(a),
      };
    }),
  };
}
