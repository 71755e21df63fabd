import { countOthers, describePeriod, partnerLabel, periodOf, type Claim, type WorkspaceRule } from './api';

export const rule: WorkspaceRule = {
  id: 'tpor-one-per-agreement',
  scope: 'workspace',
  defaultSeverity: 'error',
  description: 'An Enterprise Agreement has one Transacting Partner of Record at a time, across the workspace.',
  claims({ record, agreementOf }) {
    const out: Claim[] = [];
    for (const a of record.associations) {
      // An agreement that is not declared is unknown-reference's to report.
      const period = periodOf(a);
      if (a.type?.value !== 'TPOR' || !a.agreement || !agreementOf(a.agreement) || !period) continue;
      out.push({
        key: { on: 'agreement', agreement: a.agreement.value },
        span: a.type.span,
        period,
        partnerId: a.partnerId?.value,
        note: a.partnerId ? undefined : a.channel?.value,
        association: a.index,
      });
    }
    return out;
  },
  label: (claim) => `TPOR ${claim.partnerId !== undefined ? `of ${partnerLabel(claim.partnerId)}` : `(${claim.note ?? 'no channel'})`}, ${describePeriod(claim)}`,
  message: (claim, count) =>
    `This TPOR overlaps ${countOthers(count, 'TPOR', 'TPORs')} on agreement ${claim.key.on === 'agreement' ? claim.key.agreement : ''}; an agreement has one transacting partner of record.`,
};
