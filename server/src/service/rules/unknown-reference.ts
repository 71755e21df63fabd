import type { FileRule } from './api';
import { closestMatches } from '../suggest';

function near(value: string, known: string[]) {
  const candidates = closestMatches(value, known);
  return candidates.length > 0 ? ({ kind: 'replace', candidates } as const) : undefined;
}

export const rule: FileRule = {
  id: 'unknown-reference',
  scope: 'file',
  defaultSeverity: 'error',
  description: 'A `subscription` or `agreement` value must name a subscription or agreement declared in the same file.',
  check(ctx) {
    const { record } = ctx;
    const subs = record.subscriptions.flatMap((s) => [s.name?.value, s.id?.value]).filter((v): v is string => !!v);
    const agreements = record.agreements.map((a) => a.id?.value).filter((v): v is string => !!v);
    for (const sub of record.subscriptions) {
      if (sub.agreement && !ctx.agreementOf(sub.agreement)) {
        ctx.report({
          span: sub.agreement.span,
          message: `No agreement \`${sub.agreement.value}\` is declared under \`agreements\` in this file.`,
          fix: near(sub.agreement.value, agreements),
        });
      }
    }
    for (const a of record.associations) {
      if (a.subscription && !ctx.subscriptionOf(a.subscription)) {
        ctx.report({
          span: a.subscription.span,
          message: `No subscription named or with the id \`${a.subscription.value}\` is declared under \`subscriptions\` in this file.`,
          fix: near(a.subscription.value, subs),
          association: a,
        });
      }
      if (a.type?.value === 'TPOR' && a.agreement && !ctx.agreementOf(a.agreement)) {
        ctx.report({
          span: a.agreement.span,
          message: `No agreement \`${a.agreement.value}\` is declared under \`agreements\` in this file.`,
          fix: near(a.agreement.value, agreements),
          association: a,
        });
      }
    }
  },
};
