import type { WorkspaceRule } from './api';

export const rule: WorkspaceRule = {
  id: 'customer-duplicate',
  scope: 'workspace',
  defaultSeverity: 'warning',
  description: 'Two record files that describe the same tenant split one customer\'s associations; keep one file per customer.',
  claims({ record }) {
    const t = record.customer?.tenantId;
    if (!t) return [];
    return [{
      uri: record.uri,
      key: t.value.toLowerCase(),
      range: t.range,
      period: {},
      label: `the same tenant${record.customer?.name ? `, as ${record.customer.name.value}` : ''}`,
    }];
  },
  conflicts: (a, b) => a.uri !== b.uri,
  message: (claim, others) =>
    `Tenant ${claim.key} is described by ${others.length + 1} record files; keep one file per customer so uniqueness checks see every association together.`,
};
