import type { FileRule } from './api';

export const rule: FileRule = {
  id: 'cpor-poe',
  scope: 'file',
  defaultSeverity: 'warning',
  description: 'An incentive CPOR claim needs a customer-signed proof of execution (`poe`); usage and revenue recognition need none.',
  check(ctx) {
    for (const a of ctx.record.associations) {
      if (a.type?.value !== 'CPOR' || a.recognition?.value !== 'incentive' || a.keys.has('poe')) continue;
      ctx.report({
        span: a.anchor, // a missing field is shown where the association starts, as the schema does
        message: 'An incentive claim is only paid with a proof of execution: add `poe` with the path or URL of the signed document.',
        fix: { kind: 'add-field', field: 'poe', value: '', into: 'map' },
        association: a,
      });
    }
  },
};
