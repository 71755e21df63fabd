function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysIn(y: number, m: number): number {
  if (m === 2) return isLeap(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/**
 * A real calendar date written YYYY-MM-DD, years 0001 to 9999. Read digit
 * by digit, not with a pattern: every date of every record passes here, more
 * than once.
 */
export function isIsoDate(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  let y = 0;
  let mo = 0;
  let d = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const digit = s.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return false;
    if (i < 4) y = y * 10 + digit;
    else if (i < 7) mo = mo * 10 + digit;
    else d = d * 10 + digit;
  }
  return y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo);
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

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** The day before an ISO date (the day before 0001-01-01 is itself: there is none). */
export function dayBefore(iso: string): string {
  // Most days are not the first of a month: only the day changes.
  const day = (iso.charCodeAt(8) - 48) * 10 + (iso.charCodeAt(9) - 48);
  if (iso.length === 10 && day >= 2 && day <= 31 && isIsoDate(iso)) return `${iso.slice(0, 8)}${day <= 10 ? '0' : ''}${day - 1}`;
  let [y, m, d] = iso.split('-').map(Number);
  if (d > 1) d--;
  else if (m > 1) {
    m--;
    d = daysIn(y, m);
  } else if (y > 1) {
    y--;
    m = 12;
    d = 31;
  }
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** Whole days from one ISO date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const ord = (iso: string) => {
    const [y, m, d] = iso.split('-').map(Number);
    // Days since 0000-03-01 in the proleptic Gregorian calendar (no Date: years below 100 are dates too).
    const yy = m <= 2 ? y - 1 : y;
    const mm = m <= 2 ? m + 9 : m - 3;
    return 365 * yy + Math.floor(yy / 4) - Math.floor(yy / 100) + Math.floor(yy / 400) + Math.floor((153 * mm + 2) / 5) + d - 1;
  };
  return ord(to) - ord(from);
}

/** Today in the local calendar, YYYY-MM-DD. */
export function today(now = new Date()): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(now.getFullYear(), 4)}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
