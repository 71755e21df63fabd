// A file's claims packed for the trip from a worker thread and for the
// cache: each distinct string once, and every claim as a row of numbers.
// A workspace of 2,000 records holds about 150,000 claims; as objects, their
// repeated field names and strings were most of what crossed between threads.
import type { StoredClaim } from './validate';

export interface PackedClaims {
  /** The distinct strings of the claims. */
  strings: string[];
  /**
   * FIELDS numbers a claim: rule, group (string indexes); start line and
   * character, end line and character, association; since, until, partner,
   * side, note (string indexes, -1 for none). Typed, to cross a thread as
   * one block; a plain array in the cache's JSON.
   */
  rows: Int32Array | number[];
}

const FIELDS = 12;

export function packClaims(claims: StoredClaim[]): PackedClaims {
  const strings: string[] = [];
  const at = new Map<string, number>();
  const ref = (s: string | undefined): number => {
    if (s === undefined) return -1;
    let i = at.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      at.set(s, i);
    }
    return i;
  };
  const rows = new Int32Array(claims.length * FIELDS);
  let k = 0;
  for (const c of claims) {
    rows[k++] = ref(c.rule);
    // A group is seldom named twice in a file: written as it comes, not looked up.
    rows[k++] = strings.push(c.group) - 1;
    rows[k++] = c.sl;
    rows[k++] = c.sc;
    rows[k++] = c.el;
    rows[k++] = c.ec;
    rows[k++] = c.association;
    rows[k++] = ref(c.since);
    rows[k++] = ref(c.until);
    rows[k++] = ref(c.partnerId);
    rows[k++] = ref(c.side);
    rows[k++] = ref(c.note);
  }
  return { strings, rows };
}

/** Thrown for packed claims that are not what packClaims makes (a damaged cache). */
export class BadPack extends Error {}

/**
 * The claims again, for a file. Each string is shared by the file's claims;
 * the claim index holds each group's string once for all files.
 */
export function unpackClaims(p: PackedClaims, uri: string): StoredClaim[] {
  const { strings, rows } = p;
  if (!Array.isArray(strings) || !(Array.isArray(rows) || rows instanceof Int32Array) || rows.length % FIELDS !== 0) throw new BadPack('packed claims of the wrong shape');
  // Typed rows hold integers by their nature; rows read back from JSON are checked once, here.
  if (Array.isArray(rows) && !rows.every(Number.isInteger)) throw new BadPack('packed claims hold a number that is not an integer');
  const str = (i: number): string => {
    const s = strings[i];
    if (typeof s !== 'string') throw new BadPack(`packed claims name string ${i}, which is not there`);
    return s;
  };
  const opt = (i: number): string | undefined => (i === -1 ? undefined : str(i));
  const out: StoredClaim[] = new Array(rows.length / FIELDS);
  for (let k = 0, j = 0; k < rows.length; k += FIELDS, j++) {
    // Every claim has a rule: a missing one (-1) is not there to be read, and refused.
    const c: StoredClaim = { rule: str(rows[k]), group: str(rows[k + 1]), uri, sl: rows[k + 2], sc: rows[k + 3], el: rows[k + 4], ec: rows[k + 5], association: rows[k + 6] };
    const since = opt(rows[k + 7]);
    const until = opt(rows[k + 8]);
    const partnerId = opt(rows[k + 9]);
    const side = opt(rows[k + 10]);
    const note = opt(rows[k + 11]);
    if (since !== undefined) c.since = since;
    if (until !== undefined) c.until = until;
    if (partnerId !== undefined) c.partnerId = partnerId;
    if (side !== undefined) c.side = side;
    if (note !== undefined) c.note = note;
    out[j] = c;
  }
  return out;
}
