import type { FileRule } from './api';

export const rule: FileRule = {
  id: 'partner-id-format',
  scope: 'file',
  defaultSeverity: 'warning',
  description: 'A PartnerID shorter than 6 or longer than 8 digits is most likely mistyped.',
  check(ctx) {
    for (const a of ctx.record.associations) {
      for (const [field, id] of [['partnerId', a.partnerId], ['indirectProvider', a.indirectProvider]] as const) {
        if (!id) continue;
        const n = id.value.length;
        if (n >= 6 && n <= 8) continue;
        ctx.report({
          span: id.span,
          message: `\`${field}\` ${id.value} has ${n} digit${n === 1 ? '' : 's'}, outside the 6 to 8 this check expects (Microsoft publishes no official length). Check that this is the location PartnerID from Partner Center.`,
          association: a,
        });
      }
    }
  },
};
