import type { FileRule } from './api';

export const rule: FileRule = {
  id: 'tpor-channel',
  scope: 'file',
  defaultSeverity: 'error',
  description: "Through a Licensing Solution Provider (lsp) the TPOR is that partner and needs its `partnerId`; bought from Microsoft directly, the TPOR is Microsoft's Enterprise Direct Advisor and no partner ID belongs there.",
  check(ctx) {
    for (const a of ctx.record.associations) {
      if (a.type?.value !== 'TPOR' || !a.channel) continue;
      const partner = a.keys.get('partnerId');
      if (a.channel.value === 'lsp' && !partner) {
        ctx.report({
          span: a.anchor, // a missing field is shown where the association starts, as the schema does
          message: 'Through an LSP, the LSP is the TPOR: add its `partnerId`.',
          fix: { kind: 'add-field', field: 'partnerId', value: '', into: 'map' },
          association: a,
        });
      } else if (a.channel.value === 'microsoft-direct' && partner && partner.value !== null) {
        ctx.report({
          span: partner.keySpan,
          message: "An agreement bought from Microsoft directly has Microsoft's Enterprise Direct Advisor as TPOR, not a partner: remove `partnerId` (name the advisor in `advisor`).",
          fix: { kind: 'remove-field' },
          association: a,
        });
      }
    }
  },
};
