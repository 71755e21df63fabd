import { claimOf, hasArea, isBizAppsOsu, type FileRule } from './api';
import type { AssociationModel } from '../types';

const ALLOWED: Record<string, readonly string[]> = {
  OSU: ['usage', 'incentive'],
  OSA: ['incentive', 'revenue'],
  RevRec: ['revenue'],
};

/** The recognitions a CPOR role allows for this association (OSU toward business-applications: incentive only). */
function recognitionsFor(role: string, a: AssociationModel): readonly string[] | undefined {
  const allowed = ALLOWED[role];
  // `role` may be a candidate for a claim that names none yet, so it is not read from `a`.
  return allowed && role === 'OSU' && hasArea(a, 'business-applications') ? ['incentive'] : allowed;
}

export const rule: FileRule = {
  id: 'cpor-role-recognition',
  scope: 'file',
  defaultSeverity: 'error',
  description: 'Each CPOR role earns only some kinds of recognition: OSU usage or incentive (incentive only in Business Applications), OSA incentive or revenue, RevRec revenue.',
  check(ctx) {
    for (const a of ctx.record.associations) {
      if (a.type?.value !== 'CPOR' || !a.role || !a.recognition) continue;
      const role = a.role.value;
      const allowed = recognitionsFor(role, a);
      // A value that is not a recognition at all is the schema's to report.
      if (!allowed || !['usage', 'incentive', 'revenue'].includes(a.recognition.value)) continue;
      if (allowed.includes(a.recognition.value)) continue;
      const why = isBizAppsOsu(a)
        ? 'an OSU claim toward business-applications earns incentive recognition only'
        : `${claimOf(role).replace(/^A/, 'a')} allows ${allowed.join(' or ')} recognition`;
      ctx.report({
        span: a.recognition.span,
        message: `Recognition \`${a.recognition.value}\` does not fit role ${role}: ${why}.`,
        fix: { kind: 'replace', candidates: [...allowed] },
        association: a,
        withdraws: 'all',
      });
    }
  },
};
