import type { FileRule } from './api';

export const rule: FileRule = {
  id: 'tpor-enterprise-agreement',
  scope: 'file',
  defaultSeverity: 'error',
  description: 'A TPOR is the partner of record of an Enterprise Agreement transaction, so its agreement must be of kind EA.',
  check(ctx) {
    for (const a of ctx.record.associations) {
      if (a.type?.value !== 'TPOR' || !a.agreement) continue;
      const agreement = ctx.agreementOf(a.agreement);
      if (!agreement?.kind || agreement.kind.value === 'EA') continue;
      ctx.report({
        range: a.agreement.range,
        message: `A TPOR needs an Enterprise Agreement; \`${a.agreement.value}\` is of kind ${agreement.kind.value}.`,
        related: [{ uri: ctx.record.uri, range: agreement.kind.range, message: 'the agreement\'s kind' }],
      });
    }
  },
};
