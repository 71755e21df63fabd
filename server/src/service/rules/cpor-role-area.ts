import type { FileRule } from './api';
import { isSolutionArea, type SolutionArea } from '../types';

export const rule: FileRule = {
  id: 'cpor-role-area',
  scope: 'file',
  defaultSeverity: 'error',
  description: 'Where the edition ties CPOR roles to solution areas (OSA and RevRec in Business Applications only, say), a role claimed toward an area that does not take it earns nothing there.',
  appliesTo: (table) => table.cporRolesByArea !== null,
  check(ctx) {
    const byArea = ctx.table.cporRolesByArea;
    if (!byArea) return;
    for (const a of ctx.record.associations) {
      if (a.type?.value !== 'CPOR' || !a.role) continue;
      const role = a.role.value;
      const outside = a.solutionAreas.map((s) => s.value).filter((s): s is SolutionArea => isSolutionArea(s) && byArea[s] !== undefined && !byArea[s]!.includes(role));
      if (outside.length === 0) continue;
      const takes = (Object.keys(byArea) as SolutionArea[]).filter((s) => byArea[s]!.includes(role));
      const alternatives = [...new Set(outside.flatMap((s) => byArea[s] ?? []))];
      ctx.report({
        span: a.role.span,
        message: `Role ${role} is for ${takes.length > 0 ? takes.join(', ') : 'no solution area'} only in the ${ctx.edition} edition, but this claim names ${outside.join(', ')}${alternatives.length > 0 ? `; use ${alternatives.join(' or ')} there` : ''}.`,
        association: a,
        withdraws: outside,
      });
    }
  },
};
