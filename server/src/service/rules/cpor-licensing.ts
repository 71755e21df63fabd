import { claimOf, isBizAppsOsu, type FileRule } from './api';
import type { AssociationModel } from '../types';

/** The licensing a CPOR's subscription must have, and how to name the claim; none when any will do. */
function cporLicensing(a: AssociationModel): { allowed: readonly string[]; what: string } | undefined {
  const role = a.role?.value;
  if (isBizAppsOsu(a)) return { allowed: ['EA', 'CASA-EES'], what: 'An OSU claim toward business-applications' };
  if (role === 'OSA' || role === 'RevRec') return { allowed: ['EA', 'CASA-EES', 'WebDirect'], what: claimOf(role) };
  return undefined;
}

export const rule: FileRule = {
  id: 'cpor-licensing',
  scope: 'file',
  defaultSeverity: 'error',
  description: 'Business Applications OSU claims need a subscription licensed EA or CASA-EES; OSA and RevRec claims need EA, CASA-EES or WebDirect.',
  check(ctx) {
    for (const a of ctx.record.associations) {
      const need = a.type?.value === 'CPOR' ? cporLicensing(a) : undefined;
      if (!need) continue;
      const { allowed, what } = need;
      const sub = ctx.subscriptionOf(a.subscription);
      if (!a.subscription || !sub?.licensing || allowed.includes(sub.licensing.value)) continue;
      ctx.report({
        span: a.subscription.span,
        message: `${what} needs a subscription licensed ${allowed.join(', ')}; \`${a.subscription.value}\` is licensed ${sub.licensing.value}.`,
        related: [{ span: sub.licensing.span, message: "the subscription's licensing" }],
        association: a,
        withdraws: 'all',
      });
    }
  },
};
