import { claimOf, hasArea, type FileRule } from './api';

export const rule: FileRule = {
  id: 'cpor-licensing',
  scope: 'file',
  defaultSeverity: 'error',
  description: 'Business Applications OSU claims need a subscription licensed EA or CASA-EES; OSA and RevRec claims need EA, CASA-EES or WebDirect.',
  check(ctx) {
    for (const a of ctx.record.associations) {
      if (a.type?.value !== 'CPOR' || !a.role) continue;
      const role = a.role.value;
      let allowed: readonly string[];
      let what: string;
      if (role === 'OSU' && hasArea(a, 'business-applications')) {
        allowed = ['EA', 'CASA-EES'];
        what = 'An OSU claim toward business-applications';
      } else if (role === 'OSA' || role === 'RevRec') {
        allowed = ['EA', 'CASA-EES', 'WebDirect'];
        what = claimOf(role);
      } else continue;
      const sub = ctx.subscriptionOf(a.subscription);
      if (!a.subscription || !sub?.licensing || allowed.includes(sub.licensing.value)) continue;
      ctx.report({
        range: a.subscription.range,
        message: `${what} needs a subscription licensed ${allowed.join(', ')}; \`${a.subscription.value}\` is licensed ${sub.licensing.value}.`,
        related: [{ uri: ctx.record.uri, range: sub.licensing.range, message: 'the subscription\'s licensing' }],
      });
    }
  },
};
