import { describePeriod, partnerLabel, periodOf, subscriptionKey, subscriptionLabel, type WorkspaceRule } from './api';
import { overlaps } from '../dates';

export const rule: WorkspaceRule = {
  id: 'dpor-one-per-subscription',
  scope: 'workspace',
  defaultSeverity: 'error',
  description: 'A subscription has one Digital Partner of Record at a time, across every record in the workspace.',
  endable: true,
  claims({ record, subscriptionOf }) {
    return record.associations.flatMap((a) => {
      const sub = subscriptionOf(a.subscription);
      const key = subscriptionKey(sub);
      const period = periodOf(a);
      if (a.type?.value !== 'DPOR' || !key || !sub || !period) return [];
      return [{
        uri: record.uri,
        key,
        range: a.type.range,
        period,
        partnerId: a.partnerId?.value,
        since: a.since?.value,
        label: `DPOR of ${partnerLabel(a)} on ${subscriptionLabel(sub)}, ${describePeriod(period)}`,
      }];
    });
  },
  conflicts: (a, b) => overlaps(a.period, b.period),
  message: (claim, others) =>
    `This DPOR overlaps ${others.length === 1 ? 'another DPOR' : `${others.length} other DPORs`} on subscription ${claim.key}; a subscription has one Digital Partner of Record at a time. End the earlier one the day before the later one starts.`,
};
