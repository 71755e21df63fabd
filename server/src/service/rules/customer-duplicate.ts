import { thousands, type WorkspaceRule } from './api';

export const rule: WorkspaceRule = {
  id: 'customer-duplicate',
  scope: 'workspace',
  defaultSeverity: 'warning',
  description: "Two record files that describe the same tenant split one customer's associations; keep one file per customer.",
  claims({ record }) {
    const t = record.customer?.tenantId;
    if (!t) return [];
    return [{
      key: { on: 'tenant', tenant: t.value.toLowerCase() },
      span: t.span,
      period: {},
      note: record.customer?.name?.value,
      association: -1,
    }];
  },
  label: (claim) => `the same tenant${claim.note ? `, as ${claim.note}` : ''}`,
  message: (claim, count) =>
    `Tenant ${claim.key.on === 'tenant' ? claim.key.tenant : ''} is described by ${thousands(count + 1)} record files; keep one file per customer so uniqueness checks see every association together.`,
};
