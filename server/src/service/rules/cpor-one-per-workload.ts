import { describePeriod, hasArea, partnerLabel, periodOf, subscriptionKey, type Claim, type WorkspaceRule } from './api';
import { overlaps } from '../dates';

export const rule: WorkspaceRule = {
  id: 'cpor-one-per-workload',
  scope: 'workspace',
  defaultSeverity: 'error',
  description: 'One CPOR at a time per tenant and workload (Modern Work, Security) or per subscription (Business Applications), across the workspace. Rejected claims do not count.',
  endable: true,
  claims({ record, subscriptionOf }) {
    const tenant = record.customer?.tenantId?.value.toLowerCase();
    const out: Claim[] = [];
    for (const a of record.associations) {
      if (a.type?.value !== 'CPOR' || a.status?.value === 'rejected') continue;
      const period = periodOf(a);
      if (!period) continue;
      const base = { uri: record.uri, range: a.type.range, period, partnerId: a.partnerId?.value, since: a.since?.value };
      if (tenant && a.workload && (hasArea(a, 'modern-work') || hasArea(a, 'security'))) {
        out.push({
          ...base,
          key: `workload:${tenant}|${a.workload.value.trim().toLowerCase()}`,
          label: `CPOR of ${partnerLabel(a)} for workload ${a.workload.value}, ${describePeriod(period)}`,
        });
      }
      const sub = subscriptionKey(subscriptionOf(a.subscription));
      if (sub && hasArea(a, 'business-applications')) {
        out.push({ ...base, key: `subscription:${sub}`, label: `CPOR of ${partnerLabel(a)} on subscription ${sub}, ${describePeriod(period)}` });
      }
    }
    return out;
  },
  conflicts: (a, b) => overlaps(a.period, b.period),
  message(claim, others) {
    const [kind, what] = claim.key.split(/:(.*)/s);
    const scope = kind === 'workload' ? `workload ${what.split('|')[1]} of this tenant` : `subscription ${what}`;
    return `This CPOR overlaps ${others.length === 1 ? 'another CPOR claim' : `${others.length} other CPOR claims`} for ${scope}; only one partner of record is recognised. End the earlier claim or withdraw one.`;
  },
};
