import { describePeriod, partnerKey, partnerLabel, periodOf, subscriptionKey, type Claim, type WorkspaceRule } from './api';

export const rule: WorkspaceRule = {
  id: 'tpor-not-dpor',
  scope: 'workspace',
  defaultSeverity: 'error',
  description: 'A partner earns as TPOR only on Enterprise Agreement transactions where it is not, at the same time, DPOR on a subscription under that agreement.',
  twoSided: true,
  // A TPOR and a DPOR of the same partner meet through the agreement (as any file declares which
  // subscriptions it covers) and through the subscription GUIDs the TPOR's own file lists under its agreement.
  claims({ record, subscriptionOf, agreementOf }) {
    const out: Claim[] = [];
    for (const a of record.associations) {
      const period = periodOf(a);
      if (!a.type || !a.partnerId || !period) continue;
      const partner = partnerKey(a.partnerId.value);
      const partnerId = a.partnerId.value;
      const span = a.type.span;
      const association = a.index;
      if (a.type.value === 'DPOR') {
        const sub = subscriptionOf(a.subscription);
        const guid = subscriptionKey(sub);
        if (guid) out.push({ span, period, partnerId, association, key: { on: 'subscription-partner', subscription: guid, partner }, side: 'DPOR' });
        const agreement = agreementOf(sub?.agreement)?.id?.value;
        // Met through the agreement, the DPOR is still named by its subscription.
        if (agreement) out.push({ span, period, partnerId, association, key: { on: 'agreement-partner', agreement, partner }, side: 'DPOR', note: guid ?? a.subscription?.value });
      } else if (a.type.value === 'TPOR') {
        const agreement = agreementOf(a.agreement)?.id?.value;
        if (!agreement) continue;
        out.push({ span, period, partnerId, association, key: { on: 'agreement-partner', agreement, partner }, side: 'TPOR' });
        for (const sub of record.subscriptions) {
          if (sub.agreement?.value !== agreement) continue;
          const guid = subscriptionKey(sub);
          if (guid) out.push({ span, period, partnerId, association, key: { on: 'subscription-partner', subscription: guid, partner }, side: 'TPOR', note: agreement });
        }
      }
    }
    return out;
  },
  reports: (claim) => claim.side === 'TPOR',
  label: (claim) => {
    const on = claim.side === 'TPOR' ? `agreement ${claim.key.on === 'agreement-partner' ? claim.key.agreement : claim.note}` : `subscription ${claim.key.on === 'subscription-partner' ? claim.key.subscription : claim.note}`;
    return `${claim.side} of ${partnerLabel(claim.partnerId)} on ${on}, ${describePeriod(claim)}`;
  },
  message: (claim) =>
    `Partner ${claim.partnerId} is also DPOR, at the same time, on a subscription under this agreement; a partner earns as TPOR only where it is not the DPOR.`,
};
