import { hasArea, type FileRule } from './api';

export const rule: FileRule = {
  id: 'segment-track',
  scope: 'file',
  defaultSeverity: 'warning',
  editions: ['2026-05'],
  description: 'In the 2026-05 edition Modern Work credits DPOR on the enterprise track only and CSP on the SMB track only.',
  check(ctx) {
    const segment = ctx.record.customer?.segment?.value;
    if (segment !== 'smb' && segment !== 'enterprise') return;
    for (const a of ctx.record.associations) {
      const area = hasArea(a, 'modern-work');
      if (!area || !a.type) continue;
      if (a.type.value === 'DPOR' && segment === 'smb') {
        ctx.report({
          range: area.range,
          message: 'Modern Work counts DPOR on the enterprise track only; for this smb customer it earns no Modern Work points (CPOR or CSP do).',
          fix: { kind: 'remove-item' },
        });
      } else if (a.type.value === 'CSP' && segment === 'enterprise') {
        ctx.report({
          range: area.range,
          message: 'Modern Work counts CSP on the SMB track only; for this enterprise customer it earns no Modern Work points (CPOR or DPOR do).',
          fix: { kind: 'remove-item' },
        });
      }
    }
  },
};
