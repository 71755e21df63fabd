import type { FileRule } from './api';
import { SOLUTION_AREA_TITLES } from '../editions';
import type { SolutionArea } from '../types';

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
        const title = SOLUTION_AREA_TITLES[area.value as SolutionArea];
        if (!title || eligible.includes(area.value as SolutionArea)) continue;
        const counts = eligible.length > 0 ? `it counts toward ${eligible.join(', ')}` : 'it counts toward no solution area';
        ctx.report({
          range: area.range,
          message: `${a.type.value} does not count toward ${title} in the ${ctx.edition} edition; ${counts}.`,
          fix: { kind: 'remove-item' },
        });
      }
    }
  },
};
