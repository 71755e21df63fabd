// The cross-file index: every record's claims, grouped by rule and key.
// Claims in a group conflict when their periods overlap (and, for a two-sided
// rule, their sides differ). Counting a claim's conflicts is a binary search
// over the group's sorted start and end dates, so a group of any size costs
// O(log n) per claim; each finding names at most relatedCap() of the others,
// the nearest in time first.
import type { Range } from 'vscode-languageserver-types';
import { RULES, type WorkspaceRule } from './rules';
import { dayBefore, overlaps } from './dates';
import type { Finding, RelatedInfo } from './types';
import { claimFacts, claimRange, type StoredClaim } from './validate';

/** The most other records a conflict diagnostic points at. */
const MAX_RELATED = 20;
/** The fewest it points at in the most crowded group (when it has that many conflicts). */
const MIN_RELATED = 10;
/** About how many related locations the findings of one group name in all, once it is crowded. */
const GROUP_RELATED = 100_000;

/**
 * How many others each finding of a group of `size` claims names. Up to 5,000
 * claims on one key, 20; beyond, fewer, down to 10 from 10,000 on, so that a
 * crowded group names about 100,000 locations in all: with 10,000 DPORs on one
 * subscription, 20 each would be 200,000 locations and some 50 MB of JSON for
 * every editor to read, for nothing the nearest ten do not already show.
 */
export function relatedCap(size: number): number {
  return Math.max(MIN_RELATED, Math.min(MAX_RELATED, Math.floor(GROUP_RELATED / size)));
}

const WORKSPACE_RULES = new Map(RULES.filter((r): r is WorkspaceRule => r.scope === 'workspace').map((r) => [r.id, r]));

/** Up to this many claims, a group counts a claim's conflicts without sorting. */
const COUNT_UNSORTED = 16;

const NO_START = '';
const NO_END = '\uffff';

/** One side of a group, sorted for counting. */
interface Sorted {
  /** By start date (a missing one first), then by file and position, for a stable order. */
  bySince: StoredClaim[];
  sinces: string[];
  /** End dates, ascending (a missing one last). */
  untils: string[];
  position: Map<StoredClaim, number>;
}

function lowerBound(a: string[], x: string): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(a: string[], x: string): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function compareClaims(a: StoredClaim, b: StoredClaim): number {
  const sa = a.since ?? NO_START;
  const sb = b.since ?? NO_START;
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (a.uri !== b.uri) return a.uri < b.uri ? -1 : 1;
  return a.sl - b.sl || a.sc - b.sc;
}

/**
 * The claims of one rule and key. Most groups of a workspace hold one claim
 * (a subscription with one DPOR): a group is an array until it is asked
 * for conflicts, and only then sorted.
 */
class Group {
  private sorted?: Map<string, Sorted>;

  /** `name` is the group string, held here once for every claim of the group. */
  constructor(
    readonly rule: WorkspaceRule,
    readonly name: string,
    readonly claims: StoredClaim[],
  ) {}

  add(c: StoredClaim): void {
    this.claims.push(c);
    this.sorted = undefined;
  }

  /** Takes these claims out, in one pass however many there are. */
  deleteAll(gone: Set<StoredClaim>): void {
    let k = 0;
    for (const c of this.claims) if (!gone.has(c)) this.claims[k++] = c;
    this.claims.length = k;
    this.sorted = undefined;
  }

  /** The claims a claim can conflict with: all of its group, or those of the other sides. */
  private opponents(side: string | undefined): Sorted {
    const key = this.rule.twoSided ? `!${side ?? ''}` : '';
    this.sorted ??= new Map();
    let s = this.sorted.get(key);
    if (!s) {
      const list = this.claims.filter((c) => !this.rule.twoSided || c.side !== side).sort(compareClaims);
      s = {
        bySince: list,
        sinces: list.map((c) => c.since ?? NO_START),
        untils: list.map((c) => c.until ?? NO_END).sort(),
        position: new Map(list.map((c, i) => [c, i])),
      };
      this.sorted.set(key, s);
    }
    return s;
  }

  /** How many claims conflict with `c` (itself aside). */
  count(c: StoredClaim): number {
    const list = this.claims;
    // A small group (most are) is counted as it stands: sorting it would cost more than it saves.
    if (list.length <= COUNT_UNSORTED) {
      let n = 0;
      for (const o of list) {
        if (o === c || (this.rule.twoSided && o.side === c.side)) continue;
        if (c.since !== undefined && (o.until ?? NO_END) < c.since) continue;
        if (c.until !== undefined && (o.since ?? NO_START) > c.until) continue;
        n++;
      }
      return n;
    }
    const s = this.opponents(c.side);
    const endsBefore = c.since === undefined ? 0 : lowerBound(s.untils, c.since);
    const startsAfter = c.until === undefined ? 0 : s.sinces.length - upperBound(s.sinces, c.until);
    const self = s.position.has(c) ? 1 : 0;
    return s.sinces.length - endsBefore - startsAfter - self;
  }

  /**
   * The conflicting claims nearest to `c` in time, at most `want` (no more
   * than there are: the caller has counted them); and the first that starts
   * after it (to end `c` before) and the nearest that started before it (to
   * end that one before `c`).
   */
  nearest(c: StoredClaim, want: number): { near: StoredClaim[]; later?: StoredClaim; earlier?: StoredClaim } {
    const s = this.opponents(c.side);
    const list = s.bySince;
    const since = c.since;
    const hit = (o: StoredClaim) => o !== c && overlaps(o, c);
    // Where `c` stands among them: its own place, or where it would go (a what-if).
    const pos = s.position.get(c);
    const insertAt = pos ?? lowerBound(s.sinces, since ?? NO_START);
    const firstAfter = upperBound(s.sinces, since ?? NO_START);
    const later = firstAfter < list.length && hit(list[firstAfter]) ? list[firstAfter] : undefined;
    let earlier: StoredClaim | undefined;
    if (since !== undefined) {
      for (let i = insertAt - 1, steps = 0; i >= 0 && steps < 10_000; i--, steps++) {
        const o = list[i];
        if ((o.since === undefined || o.since < since) && hit(o)) {
          earlier = o;
          break;
        }
      }
    }
    const near: StoredClaim[] = [];
    let left = insertAt - 1;
    let right = pos === undefined ? insertAt : insertAt + 1;
    while (near.length < want && (left >= 0 || right < list.length)) {
      if (left >= 0 && hit(list[left])) near.push(list[left]);
      left--;
      if (near.length < want && right < list.length && hit(list[right])) near.push(list[right]);
      right++;
    }
    return { near, later, earlier };
  }
}

function where(r: { uri: string; range: Range }): string {
  return `${r.uri}#${r.range.start.line}:${r.range.start.character}`;
}

/**
 * A claim as another claim's related information, made once: in a crowded
 * group each claim is named in the findings of up to twenty others.
 */
function relatedOf(c: StoredClaim): RelatedInfo {
  return (c.named ??= { uri: c.uri, range: claimRange(c), message: labelOf(c) });
}

/** A claim's short description, worded by its rule. */
function labelOf(c: StoredClaim): string {
  return WORKSPACE_RULES.get(c.rule)?.label(claimFacts(c)) ?? c.rule;
}

/** A file's claims, each with its group (undefined for a rule this build does not know): found once, when the file is set. */
interface FileClaims {
  claims: StoredClaim[];
  /** Each claim's group; null while the claim is alone in it. */
  groups: Array<Group | null | undefined>;
}

const NO_CLAIMS: FileClaims = { claims: [], groups: [] };

/**
 * The claims of every record file. Updated by difference: replacing one
 * file's claims touches only its groups, and says which other files'
 * findings changed.
 */
export class ClaimIndex {
  private byUri = new Map<string, FileClaims>();
  /**
   * Each group by its string. A claim alone in its group (most are: a
   * subscription with one DPOR) stands for it, and a Group is made when a
   * second claim joins: a cold start of 2,000 records sets about 150,000
   * claims, most of them alone.
   */
  private groups = new Map<string, Group | StoredClaim>();

  /**
   * Sets a file's claims; returns the other files whose cross-file findings
   * may have changed. Without `track` (loading many files at once, all to be
   * reported afterwards) nothing is returned and nothing is spent finding out.
   */
  set(uri: string, claims: StoredClaim[], track = true): Set<string> {
    const old = this.byUri.get(uri) ?? NO_CLAIMS;
    if (sameClaims(old.claims, claims)) return new Set();
    const affected = new Set<string>();
    if (track) this.touch(old, affected);
    if (old.claims.length > 0) {
      const gone = new Map<Group, Set<StoredClaim>>();
      old.groups.forEach((g, i) => {
        // Alone in its group: the group goes with it.
        if (g === null) this.groups.delete(old.claims[i].group);
        if (!g) return;
        let set = gone.get(g);
        if (!set) gone.set(g, (set = new Set()));
        set.add(old.claims[i]);
      });
      for (const [g, set] of gone) {
        g.deleteAll(set);
        if (g.claims.length === 0) this.groups.delete(g.name);
      }
    }
    const now: FileClaims = { claims, groups: new Array(claims.length) };
    if (claims.length > 0) this.byUri.set(uri, now);
    else this.byUri.delete(uri);
    for (let i = 0; i < claims.length; i++) {
      const c = claims[i];
      const known = this.groups.get(c.group);
      if (known === undefined) {
        // Alone, for now (a claim of a rule this build does not know has no group at all).
        if (WORKSPACE_RULES.has(c.rule)) {
          this.groups.set(c.group, c);
          now.groups[i] = null;
        }
        continue;
      }
      let g: Group;
      if (known instanceof Group) g = known;
      else {
        // A second claim joins one that was alone: the group is made, and the first claim's file told of it.
        g = new Group(WORKSPACE_RULES.get(known.rule)!, known.group, [known]);
        this.groups.set(g.name, g);
        const first = this.byUri.get(known.uri);
        const at = first ? first.claims.indexOf(known) : -1;
        if (first && at >= 0) first.groups[at] = g;
      }
      // The group's own string, so that thousands of claims keep one copy of it.
      c.group = g.name;
      g.add(c);
      now.groups[i] = g;
    }
    if (track) this.touch(now, affected);
    affected.delete(uri);
    return affected;
  }

  remove(uri: string, track = true): Set<string> {
    return this.set(uri, [], track);
  }

  /** The files whose claims conflict with any of these. */
  private touch({ claims, groups }: FileClaims, out: Set<string>): void {
    for (let i = 0; i < claims.length; i++) {
      const c = claims[i];
      const g = groups[i];
      if (!g || g.claims.length < 2) continue;
      for (const o of g.claims) {
        if (o.uri === c.uri || out.has(o.uri)) continue;
        if ((!g.rule.twoSided || o.side !== c.side) && overlaps(o, c)) out.add(o.uri);
      }
    }
  }

  /** The cross-file findings of one file. */
  findings(uri: string): Finding[] {
    const merged = new Map<string, { finding: Finding; count: number; cap: number; complete: boolean }>();
    const { claims, groups } = this.byUri.get(uri) ?? NO_CLAIMS;
    for (let i = 0; i < claims.length; i++) {
      const c = claims[i];
      const g = groups[i];
      // Alone in its group (as most are): no conflict.
      if (!g || (g.claims.length === 1 && g.claims[0] === c)) continue;
      const rule = g.rule;
      if (rule.reports && !rule.reports(c)) continue;
      const count = g.count(c);
      if (count <= 0) continue;
      const cap = relatedCap(g.claims.length);
      const { near, later, earlier } = g.nearest(c, Math.min(cap, count));
      const related: RelatedInfo[] = near.map(relatedOf);
      const at = `${c.rule}@${c.sl}:${c.sc}`;
      const existing = merged.get(at);
      if (existing) {
        // The same other record met through a second key is named once.
        const named = new Set((existing.finding.related ?? []).map(where));
        const extra = related.filter((r) => !named.has(where(r)));
        const all = [...(existing.finding.related ?? []), ...extra];
        const complete = existing.complete && count <= cap;
        // Both lists whole: the count is of the others they name together, before the cap.
        existing.count = complete ? all.length : Math.max(existing.count, count);
        existing.complete = complete;
        existing.cap = Math.max(existing.cap, cap);
        existing.finding.related = all.slice(0, existing.cap);
        existing.finding.message = rule.message(claimFacts(c), existing.count);
        continue;
      }
      const finding: Finding = { rule: c.rule, range: claimRange(c), message: rule.message(claimFacts(c), count), related, association: c.association, withdraws: 'all' };
      if (c.association < 0) delete finding.association;
      if (c.association < 0) delete finding.withdraws;
      if (rule.endable) {
        if (later?.since !== undefined) finding.fix = { kind: 'end-before', until: dayBefore(later.since) };
        else if (c.since !== undefined && earlier) {
          // This is the later one: offer to end an earlier one that is still open when this starts.
          finding.fix = { kind: 'end-other', until: dayBefore(c.since), uri: earlier.uri, range: claimRange(earlier), label: labelOf(earlier) };
        }
      }
      merged.set(at, { finding, count, cap, complete: count <= cap });
    }
    return [...merged.values()].map((m) => m.finding);
  }

  /** What `f` gives while a file has other claims (a what-if, such as a quick fix being tried). */
  withClaims<T>(uri: string, claims: StoredClaim[], f: () => T): T {
    const old = this.byUri.get(uri)?.claims ?? [];
    // Nobody is told of a what-if: which other files it touches is not asked.
    this.set(uri, claims, false);
    try {
      return f();
    } finally {
      this.set(uri, old, false);
    }
  }
}

function sameClaims(a: StoredClaim[], b: StoredClaim[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (
      x.group !== y.group ||
      x.since !== y.since ||
      x.until !== y.until ||
      x.partnerId !== y.partnerId ||
      x.side !== y.side ||
      x.note !== y.note ||
      x.association !== y.association ||
      x.sl !== y.sl ||
      x.sc !== y.sc ||
      x.el !== y.el ||
      x.ec !== y.ec
    )
      return false;
  }
  return true;
}
