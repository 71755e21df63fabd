import { describePeriod, partnerLabel, periodOf, subscriptionKey, type Claim, type WorkspaceRule } from './api';
import { overlaps } from '../dates';

export const rule: WorkspaceRule = {
  id: 'tpor-not-dpor',
  scope: 'workspace',
  defaultSeverity: 'error',
  description: 'A partner earns as TPOR only on Enterprise Agreement transactions where it is not, at the same time, DPOR on a subscription under that agreement.',
  claims({ record, subscriptionOf, agreementOf }) {
    const out: Claim[] = [];
    for (const a of record.associations) {
      const period = periodOf(a);
      if (!a.type || !a.partnerId || !period) continue;
      if (a.type.value === 'DPOR') {
        const key = subscriptionKey(subscriptionOf(a.subscription));
        if (key) {
          out.push({
            uri: record.uri, key, range: a.type.range, period, partnerId: a.partnerId.value, side: 'DPOR',
            label: `DPOR of ${partnerLabel(a)} on subscription ${key}, ${describePeriod(period)}`,
          });
        }
      } else if (a.type.value === 'TPOR' && a.agreement) {
        const agreement = agreementOf(a.agreement);
        if (!agreement?.id) continue;
        for (const sub of record.subscriptions) {
          const key = subscriptionKey(sub);
          if (!key || sub.agreement?.value !== agreement.id.value) continue;
          out.push({
            uri: record.uri, key, range: a.type.range, period, partnerId: a.partnerId.value, side: 'TPOR',
            label: `TPOR of ${partnerLabel(a)} on agreement ${agreement.id.value}, ${describePeriod(period)}`,
          });
        }
      }
    }
    return out;
  },
  conflicts: (a, b) => a.side !== b.side && a.partnerId === b.partnerId && overlaps(a.period, b.period),
  reports: (claim) => claim.side === 'TPOR',
  message: (claim) =>
    `Partner ${claim.partnerId} is also DPOR, at the same time, on a subscription under this agreement; a partner earns as TPOR only where it is not the DPOR.`,
};
