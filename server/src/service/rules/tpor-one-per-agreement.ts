import { describePeriod, partnerLabel, periodOf, type WorkspaceRule } from './api';
import { overlaps } from '../dates';

export const rule: WorkspaceRule = {
  id: 'tpor-one-per-agreement',
  scope: 'workspace',
  defaultSeverity: 'error',
  description: 'An Enterprise Agreement has one Transacting Partner of Record at a time, across the workspace.',
  claims({ record, agreementOf }) {
    return record.associations.flatMap((a) => {
      // An agreement that is not declared is unknown-reference's to report.
      const period = periodOf(a);
      if (a.type?.value !== 'TPOR' || !a.agreement || !agreementOf(a.agreement) || !period) return [];
      return [{
        uri: record.uri,
        key: a.agreement.value,
        range: a.type.range,
        period,
        partnerId: a.partnerId?.value,
        since: a.since?.value,
        label: `TPOR ${a.partnerId ? `of ${partnerLabel(a)}` : `(${a.channel?.value ?? 'no channel'})`} on agreement ${a.agreement.value}, ${describePeriod(period)}`,
      }];
    });
  },
  conflicts: (a, b) => overlaps(a.period, b.period),
  message: (claim, others) =>
    `This TPOR overlaps ${others.length === 1 ? 'another TPOR' : `${others.length} other TPORs`} on agreement ${claim.key}; an agreement has one transacting partner of record.`,
};
