import type { FileRule } from './api';

export const rule: FileRule = {
  id: 'tpor-enterprise-agreement',
  scope: 'file',
  defaultSeverity: 'error',
  description: 'A TPOR is recorded on an Enterprise Agreement transaction, so its agreement must be of kind EA.',
  check(ctx) {
    for (const a of ctx.record.associations) {
      if (a.type?.value !== 'TPOR' || !a.agreement) continue;
      const agreement = ctx.agreementOf(a.agreement);
      if (!agreement?.kind || agreement.kind.value === 'EA') continue;
      ctx.report({
        span: a.agreement.span,
        message: `A TPOR is recorded on an Enterprise Agreement; \`${a.agreement.value}\` is of kind ${agreement.kind.value}.`,
        related: [{ span: agreement.kind.span, message: "the agreement's kind" }],
        association: a,
        withdraws: 'all',
      });
    }
  },
};
