import { describePeriod, periodOf, subscriptionKey, type FileRule } from './api';
import { overlaps, type Period } from '../dates';
import type { AssociationModel } from '../types';

const SUB_SCOPE = /^\/subscriptions\/([0-9a-f-]{36})\/?$/i;

export const rule: FileRule = {
  id: 'pal-duplicate',
  scope: 'file',
  defaultSeverity: 'warning',
  description: 'The same partner, identity and scope linked twice at the same time is one link recorded twice.',
  check(ctx) {
    const tenant = ctx.record.customer?.tenantId?.value.toLowerCase() ?? '';
    // Each link with its period, worked out once: every pair in a group compares them.
    const groups = new Map<string, Array<{ a: AssociationModel; period: Period }>>();
    for (const a of ctx.record.associations) {
      if (a.type?.value !== 'PAL' || !a.partnerId || !a.identity?.objectId) continue;
      const period = periodOf(a);
      if (!period) continue;
      let scope: string | undefined;
      if (a.scope) {
        const m = SUB_SCOPE.exec(a.scope.value);
        scope = m ? m[1].toLowerCase() : a.scope.value.replace(/\/+$/, '').toLowerCase();
      } else {
        scope = subscriptionKey(ctx.subscriptionOf(a.subscription));
      }
      if (!scope) continue;
      const idTenant = a.identity.tenantId?.value.toLowerCase() ?? tenant;
      const key = [a.partnerId.value, a.identity.objectId.value.toLowerCase(), idTenant, scope].join('|');
      const group = groups.get(key);
      if (group) group.push({ a, period });
      else groups.set(key, [{ a, period }]);
    }
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      for (const { a, period } of group) {
        const twins = group.filter((o) => o.a !== a && overlaps(period, o.period));
        if (twins.length === 0 || !a.type) continue;
        ctx.report({
          span: a.type.span,
          message: `Partner ${a.partnerId?.value} is linked to the same identity and scope ${twins.length + 1} times at the same time; keep one PAL record.`,
          related: twins.slice(0, 20).map((o) => ({ span: o.a.type?.span ?? o.a.anchor, message: `the same link, ${describePeriod(o.period)}` })),
          association: a,
        });
      }
    }
  },
};
