import type { FileRule } from './api';
import { SOLUTION_AREA_TITLES } from '../editions';
import { isSolutionArea } from '../types';

export const rule: FileRule = {
  id: 'solution-area-eligibility',
  scope: 'file',
  defaultSeverity: 'error',
  description: 'Each association type counts toward some solution areas only; the active edition says which.',
  check(ctx) {
    for (const a of ctx.record.associations) {
      if (!a.type) continue;
      const eligible = ctx.table.eligibility[a.type.value];
      if (eligible === null) continue;
      for (const area of a.solutionAreas) {
        if (!isSolutionArea(area.value) || eligible.includes(area.value)) continue;
        const counts = eligible.length > 0 ? `it counts toward ${eligible.join(', ')}` : 'it counts toward no solution area';
        ctx.report({
          span: area.span,
          message: `${a.type.value} does not count toward ${SOLUTION_AREA_TITLES[area.value]} in the ${ctx.edition} edition; ${counts}.`,
          fix: { kind: 'remove-item' },
          association: a,
          withdraws: [area.value],
        });
      }
    }
  },
};
