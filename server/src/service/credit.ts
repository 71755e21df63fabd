import { EDITIONS } from './editions';
import { findSubscription } from './model';
import type { AssociationModel, Edition, RecordModel, SolutionArea } from './types';

/**
 * The solution areas an association counts toward in an edition, as the rules
 * judge it: the edition's table, narrowed in 2026-05 by the rules that take
 * credit away (DPOR off EA, Modern Work tracks, OSA and RevRec outside
 * Business Applications). `null`: the edition does not say.
 */
export function creditedAreas(a: AssociationModel, record: RecordModel, edition: Edition): SolutionArea[] | null {
  if (!a.type) return [];
  const eligible = EDITIONS[edition].eligibility[a.type.value];
  const claimed = a.solutionAreas.map((s) => s.value as SolutionArea);
  if (eligible === null) return null;
  let areas = claimed.filter((s) => eligible.includes(s));
  if (edition !== '2026-05') return areas;
  const segment = record.customer?.segment?.value;
  if (a.type.value === 'DPOR') {
    const licensing = a.subscription ? findSubscription(record, a.subscription.value)?.licensing?.value : undefined;
    if (licensing && licensing !== 'EA') return [];
    if (segment === 'smb') areas = areas.filter((s) => s !== 'modern-work');
  }
  if (a.type.value === 'CSP' && segment === 'enterprise') areas = areas.filter((s) => s !== 'modern-work');
  if (a.type.value === 'CPOR' && (a.role?.value === 'OSA' || a.role?.value === 'RevRec')) areas = areas.filter((s) => s === 'business-applications');
  return areas;
}
