import type { FileRule } from './api';

export const rule: FileRule = {
  id: 'tpor-enterprise-agreement',
  scope: 'file',
  defaultSeverity: 'error',
  description: 'Our sources describe TPOR on Enterprise Agreement transactions only, so a TPOR whose agreement is not of kind EA needs a look.',
  check(ctx) {
    for (const a of ctx.record.associations) {
      if (a.type?.value !== 'TPOR' || !a.agreement) continue;
      const agreement = ctx.agreementOf(a.agreement);
      if (!agreement?.kind || agreement.kind.value === 'EA') continue;
      ctx.report({
        span: a.agreement.span,
        message: `Our sources describe TPOR on Enterprise Agreements only; \`${a.agreement.value}\` is of kind ${agreement.kind.value}.`,
        related: [{ span: agreement.kind.span, message: "the agreement's kind" }],
        association: a,
        withdraws: 'all',
      });
    }
  },
};
