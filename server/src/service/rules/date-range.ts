import type { FileRule } from './api';

export const rule: FileRule = {
  id: 'date-range',
  scope: 'file',
  defaultSeverity: 'error',
  description: 'An association cannot end (`until`) before it starts (`since`).',
  check(ctx) {
    for (const a of ctx.record.associations) {
      if (a.since && a.until && a.until.value < a.since.value) {
        ctx.report({
          span: a.until.span,
          message: `\`until\` ${a.until.value} is before \`since\` ${a.since.value}.`,
          association: a,
          withdraws: 'all',
        });
      }
    }
  },
};
