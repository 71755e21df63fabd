import { claimOf, hasArea, type FileRule } from './api';

const ALLOWED: Record<string, readonly string[]> = {
  OSU: ['usage', 'incentive'],
  OSA: ['incentive', 'revenue'],
  RevRec: ['revenue'],
};

export const rule: FileRule = {
  id: 'cpor-role-recognition',
  scope: 'file',
  defaultSeverity: 'error',
  description: 'Each CPOR role earns only some kinds of recognition: OSU usage or incentive (incentive only in Business Applications), OSA incentive or revenue, RevRec revenue.',
  check(ctx) {
    for (const a of ctx.record.associations) {
      if (a.type?.value !== 'CPOR' || !a.role || !a.recognition) continue;
      const role = a.role.value;
      let allowed = ALLOWED[role];
      // A value that is not a recognition at all is the schema's to report.
      if (!allowed || !['usage', 'incentive', 'revenue'].includes(a.recognition.value)) continue;
      const bizApps = role === 'OSU' && hasArea(a, 'business-applications');
      if (bizApps) allowed = ['incentive'];
      if (allowed.includes(a.recognition.value)) continue;
      const why = bizApps
        ? 'an OSU claim toward business-applications earns incentive recognition only'
        : `${claimOf(role).replace(/^A/, 'a')} allows ${allowed.join(' or ')} recognition`;
      ctx.report({
        range: a.recognition.range,
        message: `Recognition \`${a.recognition.value}\` does not fit role ${role}: ${why}.`,
        fix: { kind: 'replace', candidates: [...allowed] },
      });
    }
  },
};
