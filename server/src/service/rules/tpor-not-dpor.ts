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
      const base = { span: a.type.span, period, partnerId: a.partnerId.value, association: a.index };
      if (a.type.value === 'DPOR') {
        const sub = subscriptionOf(a.subscription);
        const guid = subscriptionKey(sub);
        const label = `DPOR of ${partnerLabel(a)} on subscription ${guid ?? a.subscription?.value}, ${describePeriod(period)}`;
        if (guid) out.push({ ...base, key: { on: 'subscription-partner', subscription: guid, partner }, side: 'DPOR', label });
        const agreement = agreementOf(sub?.agreement)?.id?.value;
        if (agreement) out.push({ ...base, key: { on: 'agreement-partner', agreement, partner }, side: 'DPOR', label });
      } else if (a.type.value === 'TPOR') {
        const agreement = agreementOf(a.agreement)?.id?.value;
        if (!agreement) continue;
        const label = `TPOR of ${partnerLabel(a)} on agreement ${agreement}, ${describePeriod(period)}`;
        out.push({ ...base, key: { on: 'agreement-partner', agreement, partner }, side: 'TPOR', label });
        for (const sub of record.subscriptions) {
          const guid = subscriptionKey(sub);
          if (guid && sub.agreement?.value === agreement) out.push({ ...base, key: { on: 'subscription-partner', subscription: guid, partner }, side: 'TPOR', label });
        }
      }
    }
    return out;
  },
  reports: (claim) => claim.side === 'TPOR',
  message: (claim) =>
    `Partner ${claim.partnerId} is also DPOR, at the same time, on a subscription under this agreement; a partner earns as TPOR only where it is not the DPOR.`,
};
