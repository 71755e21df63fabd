import { hasArea, type FileRule } from './api';

export const rule: FileRule = {
  id: 'segment-track',
  scope: 'file',
  defaultSeverity: 'warning',
  description: 'Where the edition has Modern Work tracks by customer segment (DPOR on the enterprise track, CSP on the SMB track, say), an association on the other track earns no Modern Work points.',
  appliesTo: (table) => table.modernWorkTrack !== null,
  check(ctx) {
    const tracks = ctx.table.modernWorkTrack;
    const segment = ctx.record.customer?.segment?.value;
    if (!tracks || (segment !== 'smb' && segment !== 'enterprise')) return;
    const credited = tracks[segment];
    for (const a of ctx.record.associations) {
      const area = hasArea(a, 'modern-work');
      if (!area || !a.type || credited.includes(a.type.value)) continue;
      // Only types Modern Work credits on some track: the rest are solution-area-eligibility's.
      const on = (['enterprise', 'smb'] as const).filter((t) => tracks[t].includes(a.type!.value)).map((t) => (t === 'smb' ? 'SMB' : t));
      if (on.length === 0) continue;
      ctx.report({
        span: area.span,
        message: `Modern Work counts ${a.type.value} on the ${on.join(' and ')} track only; for this ${segment} customer it earns no Modern Work points (${credited.join(' or ')} do).`,
        fix: { kind: 'remove-item' },
        association: a,
        withdraws: ['modern-work'],
      });
    }
  },
};
