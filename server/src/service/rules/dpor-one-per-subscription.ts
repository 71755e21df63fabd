import { countOthers, describePeriod, partnerLabel, periodOf, subscriptionKey, type Claim, type WorkspaceRule } from './api';

export const rule: WorkspaceRule = {
  id: 'dpor-one-per-subscription',
  scope: 'workspace',
  defaultSeverity: 'error',
  description: 'A subscription has one Digital Partner of Record at a time, across every record in the workspace.',
  endable: true,
  claims({ record, subscriptionOf }) {
    const out: Claim[] = [];
    for (const a of record.associations) {
      if (a.type?.value !== 'DPOR') continue;
      const sub = subscriptionOf(a.subscription);
      const key = subscriptionKey(sub);
      const period = periodOf(a);
      if (!key || !sub || !period) continue;
      out.push({
        key: { on: 'subscription', subscription: key },
        span: a.type.span,
        period,
        partnerId: a.partnerId?.value,
        association: a.index,
      });
    }
    return out;
  },
  // The message names the subscription; the label tells the DPORs on it apart.
  label: (claim) => `DPOR of ${partnerLabel(claim.partnerId)}, ${describePeriod(claim)}`,
  message: (claim, count) =>
    `This DPOR overlaps ${countOthers(count, 'DPOR', 'DPORs')} on subscription ${claim.key.on === 'subscription' ? claim.key.subscription : ''}; a subscription has one Digital Partner of Record at a time. End the earlier one the day before the later one starts.`,
};
