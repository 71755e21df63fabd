import { countOthers, describePeriod, hasArea, partnerLabel, periodOf, subscriptionKey, type Claim, type WorkspaceRule } from './api';

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
      const span = a.type.span;
      const partnerId = a.partnerId?.value;
      const association = a.index;
      if (tenant && a.workload && (hasArea(a, 'modern-work') || hasArea(a, 'security'))) {
        out.push({ span, period, partnerId, association, key: { on: 'workload', tenant, workload: a.workload.value.trim().toLowerCase() } });
      }
      const sub = subscriptionKey(subscriptionOf(a.subscription));
      if (sub && hasArea(a, 'business-applications')) {
        out.push({ span, period, partnerId, association, key: { on: 'subscription', subscription: sub } });
      }
    }
    return out;
  },
  // The message names the workload or subscription; the label tells the CPORs on it apart.
  label: (claim) => `CPOR of ${partnerLabel(claim.partnerId)}, ${describePeriod(claim)}`,
  message(claim, count) {
    const scope = claim.key.on === 'workload' ? `workload ${claim.key.workload} of this tenant` : claim.key.on === 'subscription' ? `subscription ${claim.key.subscription}` : 'this claim';
    return `This CPOR overlaps ${countOthers(count, 'CPOR claim', 'CPOR claims')} for ${scope}; only one partner of record is recognised. End the earlier claim or withdraw one.`;
  },
};
