import type { FileRule } from './api';

export const rule: FileRule = {
  id: 'dpor-enterprise-agreement',
  scope: 'file',
  defaultSeverity: 'warning',
  editions: ['2026-05'],
  description: 'In the 2026-05 edition DPOR is for subscriptions under an Enterprise Agreement; on an Azure plan or other subscription, link with PAL instead.',
  check(ctx) {
    for (const a of ctx.record.associations) {
      if (a.type?.value !== 'DPOR' || !a.subscription) continue;
      const sub = ctx.subscriptionOf(a.subscription);
      if (!sub?.licensing || sub.licensing.value === 'EA') continue;
      ctx.report({
        range: a.subscription.range,
        message: `DPOR is for EA subscriptions in the 2026-05 edition; \`${a.subscription.value}\` is licensed ${sub.licensing.value}. Use PAL to be recognised there.`,
        related: [{ uri: ctx.record.uri, range: sub.licensing.range, message: 'the subscription\'s licensing' }],
      });
    }
  },
};
