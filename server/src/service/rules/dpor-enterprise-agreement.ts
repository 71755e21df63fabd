import type { FileRule } from './api';

export const rule: FileRule = {
  id: 'dpor-enterprise-agreement',
  scope: 'file',
  defaultSeverity: 'warning',
  description: "Where the edition ties DPOR to a licensing (Enterprise Agreement, say), a DPOR on a subscription licensed otherwise earns nothing; link with PAL there instead.",
  appliesTo: (table) => table.dporLicensing !== null,
  check(ctx) {
    const allowed = ctx.table.dporLicensing;
    if (!allowed) return;
    for (const a of ctx.record.associations) {
      if (a.type?.value !== 'DPOR' || !a.subscription) continue;
      const sub = ctx.subscriptionOf(a.subscription);
      if (!sub?.licensing || allowed.includes(sub.licensing.value)) continue;
      ctx.report({
        span: a.subscription.span,
        message: `DPOR is for subscriptions licensed ${allowed.join(' or ')} in the ${ctx.edition} edition; \`${a.subscription.value}\` is licensed ${sub.licensing.value}. Use PAL to be recognised there.`,
        related: [{ span: sub.licensing.span, message: "the subscription's licensing" }],
        association: a,
        withdraws: 'all',
      });
    }
  },
};
