import { samePartner, type FileRule } from './api';

export const rule: FileRule = {
  id: 'csp-indirect-provider',
  scope: 'file',
  defaultSeverity: 'error',
  description: 'An indirect reseller buys through an indirect provider, named by `indirectProvider` and different from the reseller; a direct-bill partner has none.',
  check(ctx) {
    for (const a of ctx.record.associations) {
      if (a.type?.value !== 'CSP' || !a.model) continue;
      const provider = a.keys.get('indirectProvider');
      if (a.model.value === 'indirect-reseller') {
        if (!provider) {
          ctx.report({
            span: a.anchor, // a missing field is shown where the association starts, as the schema does
            message: "An indirect reseller buys through an indirect provider: add `indirectProvider` with that provider's PartnerID.",
            fix: { kind: 'add-field', field: 'indirectProvider', value: '', into: 'map' },
            association: a,
          });
        } else if (a.indirectProvider && a.partnerId && samePartner(a.indirectProvider.value, a.partnerId.value)) {
          ctx.report({
            span: a.indirectProvider.span,
            message: `\`indirectProvider\` is the reseller's own PartnerID (${a.partnerId.value}); it must be the provider the reseller buys through.`,
            association: a,
          });
        }
      } else if (a.model.value === 'direct-bill' && provider) {
        ctx.report({
          span: provider.keySpan,
          message: 'A direct-bill partner buys from Microsoft directly and has no indirect provider: remove `indirectProvider`, or make the model indirect-reseller.',
          fix: { kind: 'remove-field' },
          association: a,
        });
      }
    }
  },
};
