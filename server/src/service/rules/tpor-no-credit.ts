import type { FileRule } from './api';

export const rule: FileRule = {
  id: 'tpor-no-credit',
  scope: 'file',
  defaultSeverity: 'info',
  description: 'Where the edition gives TPOR no partner capability score points, each TPOR is marked so: keep it for the record only.',
  appliesTo: (table) => table.noCredit.includes('TPOR'),
  check(ctx) {
    for (const a of ctx.record.associations) {
      if (a.type?.value !== 'TPOR') continue;
      ctx.report({
        span: a.type.span,
        message: `TPOR earns no partner capability score points in the ${ctx.edition} edition; keep it for the record, but count on CPOR, DPOR, PAL or CSP for points.`,
        association: a,
        withdraws: 'all',
      });
    }
  },
};
