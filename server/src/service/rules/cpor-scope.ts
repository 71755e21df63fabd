import { claimOf, hasArea, isBizAppsOsu, type FileRule } from './api';

export const rule: FileRule = {
  id: 'cpor-scope',
  scope: 'file',
  defaultSeverity: 'error',
  description: 'A Modern Work or Security OSU claim is per workload and needs `workload`; Business Applications OSU, OSA and RevRec claims are per subscription and need `subscription`.',
  check(ctx) {
    for (const a of ctx.record.associations) {
      if (a.type?.value !== 'CPOR' || !a.role) continue;
      const role = a.role.value;
      if (role === 'OSU' && (hasArea(a, 'modern-work') || hasArea(a, 'security')) && !a.keys.has('workload')) {
        ctx.report({
          span: a.anchor, // a missing field is shown where the association starts, as the schema does
          message: 'An OSU claim toward modern-work or security is made per workload: add `workload` (for example Teams or Intune).',
          fix: { kind: 'add-field', field: 'workload', value: '', into: 'map' },
          association: a,
          withdraws: 'all',
        });
      }
      const needsSub = isBizAppsOsu(a) || role === 'OSA' || role === 'RevRec';
      if (needsSub && !a.keys.has('subscription')) {
        const what = role === 'OSU' ? 'An OSU claim toward business-applications' : claimOf(role);
        ctx.report({
          span: a.anchor,
          message: `${what} is made per subscription: add \`subscription\`.`,
          fix: { kind: 'add-field', field: 'subscription', value: '', into: 'map' },
          association: a,
          withdraws: 'all',
        });
      }
    }
  },
};
