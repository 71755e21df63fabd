const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export interface Period {
  since?: string;
  until?: string;
}

/**
 * Whether two periods share a day. A missing `since` is the beginning of
 * time, a missing `until` is open-ended, and `until` is inclusive. ISO dates
 * compare as strings.
 */
export function overlaps(a: Period, b: Period): boolean {
  const aStartsAfterBEnds = a.since !== undefined && b.until !== undefined && a.since > b.until;
  const bStartsAfterAEnds = b.since !== undefined && a.until !== undefined && b.since > a.until;
  return !aStartsAfterBEnds && !bStartsAfterAEnds;
}

/** The day before an ISO date. */
export function dayBefore(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d - 1));
  return date.toISOString().slice(0, 10);
}
