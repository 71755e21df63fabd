import type { FileRule } from './api';

export const rule: FileRule = {
  id: 'tpor-no-credit',
  scope: 'file',
  defaultSeverity: 'info',
  editions: ['2026-05'],
  description: 'In the 2026-05 edition TPOR is not one of the associations that earn partner capability score points.',
  check(ctx) {
    for (const a of ctx.record.associations) {
      if (a.type?.value !== 'TPOR') continue;
      ctx.report({
        range: a.type.range,
        message: 'TPOR earns no partner capability score points in the 2026-05 edition; keep it for the record, but count on CPOR, DPOR, PAL or CSP for points.',
      });
    }
  },
};
