import type { FileRule } from './api';

export const rule: FileRule = {
  id: 'cpor-role-area',
  scope: 'file',
  defaultSeverity: 'error',
  editions: ['2026-05'],
  description: 'In the 2026-05 edition the OSA and RevRec roles exist only in Business Applications.',
  check(ctx) {
    for (const a of ctx.record.associations) {
      if (a.type?.value !== 'CPOR' || !a.role || (a.role.value !== 'OSA' && a.role.value !== 'RevRec')) continue;
      const outside = a.solutionAreas.filter((s) => s.value !== 'business-applications');
      if (outside.length === 0) continue;
      ctx.report({
        range: a.role.range,
        message: `Role ${a.role.value} is for business-applications only in the 2026-05 edition, but this claim names ${outside.map((s) => s.value).join(', ')}; use OSU there.`,
      });
    }
  },
};
