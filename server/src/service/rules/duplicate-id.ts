import type { FileRule, RuleContext } from './api';
import type { Located } from '../types';

function reportDuplicates(ctx: RuleContext, values: Array<Located<string>>, what: string, normalise: (s: string) => string) {
  const byKey = new Map<string, Array<Located<string>>>();
  for (const v of values) {
    const k = normalise(v.value);
    const group = byKey.get(k);
    if (group) group.push(v);
    else byKey.set(k, [v]);
  }
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    for (const v of group) {
      ctx.report({
        span: v.span,
        message: `${what} \`${v.value}\` is declared ${group.length} times in this file; references to it are ambiguous.`,
        related: group.filter((o) => o !== v).slice(0, 20).map((o) => ({ span: o.span, message: 'also declared here' })),
      });
    }
  }
}

export const rule: FileRule = {
  id: 'duplicate-id',
  scope: 'file',
  defaultSeverity: 'error',
  description: 'Subscription ids, subscription names and agreement ids must each be unique within a file.',
  check(ctx) {
    const subs = ctx.record.subscriptions;
    reportDuplicates(ctx, subs.flatMap((s) => (s.id ? [s.id] : [])), 'The subscription id', (s) => s.toLowerCase());
    reportDuplicates(ctx, subs.flatMap((s) => (s.name ? [s.name] : [])), 'The subscription name', (s) => s);
    reportDuplicates(ctx, ctx.record.agreements.flatMap((a) => (a.id ? [a.id] : [])), 'The agreement id', (s) => s);
  },
};
