// What counts where: for each customer and solution area, the associations
// that earn credit there, as the rules judge them; why each other one earns
// nothing; and the gaps worth acting on. Credit comes from the rules'
// findings (what they withdraw, what they call an error), never from a copy
// of their logic.
//
// Every line in a report is 1-based, as people and the report's formats
// count them.
import { eligibleAreas, SOLUTION_AREA_TITLES } from './editions';
import { daysBetween } from './dates';
import { creditTaken, findingsByAssociation, reported, type FileAnalysis } from './validate';
import { SOLUTION_AREAS, type AssociationType, type Edition, type Finding, type Severity, type SolutionArea } from './types';
import type { AssociationSummary, RecordSummary } from './summary';
import { GAP_KINDS, type GapKind } from './gaps';

export { GAP_KINDS, type GapKind };

/** One association in a cell of the matrix. */
export interface Credited {
  type: AssociationType;
  partnerId?: string;
  /** 1-based. */
  line: number;
  /** Its place in the record's `associations` (0-based): two associations on one line are told apart by it. */
  index: number;
  on?: string;
}

/** An association that earns nothing, and why. */
export interface NotCounting {
  type?: string;
  partnerId?: string;
  /** 1-based. */
  line: number;
  /** Its place in the record's `associations` (0-based). */
  index: number;
  on?: string;
  /** The solution areas it names (each earns nothing). */
  areas: SolutionArea[];
  reasons: string[];
  /** Set when its dates put it outside the report's day: it has ended, or it has not begun. */
  period?: 'ended' | 'not-started';
  /** Set when it is another partner's than those the report is for. */
  otherPartner?: true;
}

export interface CustomerCoverage {
  uri: string;
  name: string;
  tenantId?: string;
  segment?: string;
  edition: Edition;
  /** The `customer:` key's line (1-based; 1 when the record has none). */
  line: number;
  /** By solution area, the associations that earn credit there. */
  cells: Record<SolutionArea, Credited[]>;
  notCounting: NotCounting[];
  /** Associations that earn credit, but not in some of the areas they name: those areas, and why. */
  partial: NotCounting[];
}

export interface Gap {
  kind: GapKind;
  uri: string;
  /** 1-based. */
  line: number;
  customer: string;
  /** What is wrong, in one sentence. */
  message: string;
  /** The fix, in one sentence. */
  fix: string;
}

export interface AreaTotals {
  /** Customers with at least one association that earns credit in the area. */
  customers: number;
  /** Associations that earn credit in the area, by type. */
  associations: Partial<Record<AssociationType, number>>;
}

/** A record the report could not read as a record, and why. */
export interface Skipped {
  uri: string;
  reason: string;
}

export interface CoverageReport {
  /** The editions the records were judged under (a record's own `program:` wins, unless overridden). */
  editions: Edition[];
  asOf: string;
  /** The partners whose associations count; absent: every partner's. */
  partners?: string[];
  areas: Array<{ id: SolutionArea; title: string }>;
  /** Sorted by segment, then name. */
  customers: CustomerCoverage[];
  totals: Record<SolutionArea, AreaTotals>;
  gaps: Gap[];
  skipped: Skipped[];
  compare?: Comparison;
}

/** An association whose credit in one area differs between the two editions. */
export interface CreditChange {
  type?: string;
  partnerId?: string;
  /** 1-based. */
  line: number;
  on?: string;
  /** Why it earns nothing in that area on the side where it does not count. */
  reasons: string[];
}

export interface Comparison {
  /** The edition the report is compared with. */
  edition: Edition;
  /** Per customer and area, the associations that would start or stop earning credit there under `edition`. */
  changes: Array<{ uri: string; customer: string; area: SolutionArea; gained: CreditChange[]; lost: CreditChange[] }>;
  /** Per area: customers credited now and under `edition`, and associations that would gain or lose credit there. */
  byArea: Record<SolutionArea, { now: number; then: number; gained: number; lost: number }>;
}

/** One analysed record, with every finding that applies to it (its own and the cross-file ones). */
export interface CoverageInput {
  uri: string;
  analysis: FileAnalysis;
  findings: Finding[];
}

export interface CoverageOptions {
  /** The day the report is for (YYYY-MM-DD): what has ended or not begun earns nothing. */
  asOf: string;
  /** Gaps are reported this many days ahead. */
  soonDays?: number;
  /** Count only these partners' associations; the others earn nothing here, and say so. */
  partners?: readonly string[];
}

/** How far ahead `ending-soon` looks, in days. */
const SOON_DAYS = 90;

function emptyCells(): Record<SolutionArea, Credited[]> {
  return Object.fromEntries(SOLUTION_AREAS.map((a) => [a, []])) as unknown as Record<SolutionArea, Credited[]>;
}

/** The areas an association earns credit toward, and why it earns nothing elsewhere; `findings`: the reported findings about it. */
function creditOf(a: AssociationSummary, edition: Edition, findings: ReadonlyArray<{ finding: Finding; severity: Severity }>, asOf: string): { areas: SolutionArea[]; reasons: string[]; withdrawn: Map<SolutionArea, string[]> } {
  const reasons: string[] = [];
  const withdrawn = new Map<SolutionArea, string[]>();
  if (!a.type) return { areas: [], reasons: ['It has no association type.'], withdrawn };
  const e = eligibleAreas(a.type, a.areas, edition);
  if (e === null) return { areas: [], reasons: [`The ${edition} edition does not say which solution areas ${a.type} counts toward.`], withdrawn };
  let areas = e.areas;
  if (a.areas.length === 0 && e.eligible.length > 0) reasons.push('It names no solution area.');
  for (const { finding: f, severity } of findings) {
    const gone = creditTaken(f, severity);
    if (gone === 'all') {
      reasons.push(f.message);
      areas = [];
    } else if (gone) {
      for (const area of gone) withdrawn.set(area, [...(withdrawn.get(area) ?? []), f.message]);
      areas = areas.filter((x) => !gone.includes(x));
    }
  }
  if (a.since && a.since > asOf) {
    reasons.push(`It starts on ${a.since}.`);
    areas = [];
  }
  if (a.until && a.until < asOf) {
    reasons.push(`It ended on ${a.until}.`);
    areas = [];
  }
  if (areas.length === 0 && reasons.length === 0) {
    for (const [area, why] of withdrawn) reasons.push(...why.map((w) => (why.length === 1 ? w : `${SOLUTION_AREA_TITLES[area]}: ${w}`)));
    if (reasons.length === 0) reasons.push(`It names no solution area that ${a.type} counts toward in the ${edition} edition.`);
  }
  return { areas: [...new Set(areas)], reasons: [...new Set(reasons)], withdrawn };
}

/** Why a record gave no summary: the first error on it, else that it could not be read as a record. */
function whyUnread(analysis: FileAnalysis): string {
  const first = analysis.local.find((f) => (f.severity ?? 'error') === 'error');
  return first ? `It cannot be read as a record: ${first.message}` : 'It cannot be read as a record.';
}

const named = (s: RecordSummary) => s.associations.map((a) => a.type).filter((t): t is AssociationType => t !== undefined);

/** The coverage of a set of records. */
export function computeCoverage(inputs: CoverageInput[], options: CoverageOptions): CoverageReport {
  const { asOf } = options;
  const soonDays = options.soonDays ?? SOON_DAYS;
  const partners = options.partners && options.partners.length > 0 ? new Set(options.partners) : undefined;
  const customers: CustomerCoverage[] = [];
  const gaps: Gap[] = [];
  const skipped: Skipped[] = [];
  const editions = new Set<Edition>();
  for (const { uri, analysis, findings } of inputs) {
    const s = analysis.summary;
    if (!s) {
      skipped.push({ uri, reason: whyUnread(analysis) });
      continue;
    }
    editions.add(analysis.edition);
    const name = s.customer?.name ?? uri.slice(uri.lastIndexOf('/') + 1);
    const customerLine = (s.customer?.line ?? 0) + 1;
    const customer: CustomerCoverage = {
      uri,
      name,
      tenantId: s.customer?.tenantId,
      segment: s.customer?.segment,
      edition: analysis.edition,
      line: customerLine,
      cells: emptyCells(),
      notCounting: [],
      partial: [],
    };
    const gap = (kind: GapKind, line: number, message: string, fix: string) => gaps.push({ kind, uri, line, customer: name, message, fix });
    const applied = reported(analysis, findings);
    const about = findingsByAssociation(s.associations, applied);
    /** Associations that earn credit somewhere, by index. */
    const counting = new Set<number>();
    for (const a of s.associations) {
      const line = a.line + 1;
      const base = { type: a.type, partnerId: a.partnerId, line, index: a.index, on: a.on };
      const namedAreas = [...new Set(a.areas)];
      if (partners && a.type !== undefined && !(a.partnerId !== undefined && partners.has(a.partnerId))) {
        const whose = a.partnerId ? `partner ${a.partnerId}'s` : 'no partner\'s';
        customer.notCounting.push({ ...base, areas: namedAreas, reasons: [`It is ${whose}: this report counts ${[...partners].join(', ')} only.`], otherPartner: true });
        continue;
      }
      const { areas, reasons, withdrawn } = creditOf(a, analysis.edition, about.get(a.index) ?? [], asOf);
      if (areas.length === 0) {
        const period = a.until && a.until < asOf ? 'ended' : a.since && a.since > asOf ? 'not-started' : undefined;
        customer.notCounting.push({ ...base, areas: namedAreas, reasons, ...(period ? { period } : {}) });
        continue;
      }
      counting.add(a.index);
      for (const area of areas) customer.cells[area].push({ type: a.type!, partnerId: a.partnerId, line, index: a.index, on: a.on });
      const lost = namedAreas.filter((x) => !areas.includes(x));
      if (lost.length > 0) {
        const why = lost.flatMap((x) => withdrawn.get(x) ?? [`${a.type} does not count toward ${SOLUTION_AREA_TITLES[x]} in the ${analysis.edition} edition.`]);
        customer.partial.push({ ...base, areas: lost, reasons: [...new Set(why)] });
      }
      if (a.until && a.until >= asOf && daysBetween(asOf, a.until) <= soonDays) {
        const days = daysBetween(asOf, a.until);
        gap(
          'ending-soon',
          line,
          `${a.type}${a.partnerId ? ` of partner ${a.partnerId}` : ''}${a.on ? ` on ${a.on}` : ''} ends on ${a.until}, ${days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`}.`,
          'Renew it, or record the association that takes over from it, before it ends.',
        );
      }
    }
    // What cpor-poe finds on a claim still running (ended claims are past acting on).
    for (const a of s.associations) {
      if (a.until && a.until < asOf) continue;
      if (!(about.get(a.index) ?? []).some(({ finding: f }) => f.rule === 'cpor-poe')) continue;
      gap(
        'incentive-without-poe',
        a.line + 1,
        `The incentive CPOR claim${a.partnerId ? ` of partner ${a.partnerId}` : ''}${a.on ? ` on ${a.on}` : ''} has no proof of execution.`,
        'Add `poe` with the path or URL of the proof of execution the customer signed: the incentive is not paid without it.',
      );
    }
    for (const sub of s.subscriptions) {
      if (sub.licensing !== 'EA' || sub.product !== 'Azure' || !sub.id) continue;
      const on = s.associations.filter((a) => (a.type === 'DPOR' || a.type === 'PAL') && a.subscription === sub.id);
      if (on.some((a) => counting.has(a.index))) continue;
      const others = [...new Set(on.filter((a) => a.partnerId && partners && !partners.has(a.partnerId)).map((a) => a.partnerId!))];
      gap(
        'ea-azure-unlinked',
        sub.line + 1,
        `The EA Azure subscription ${sub.name ?? sub.id} has neither a DPOR nor a PAL that counts${others.length > 0 ? ` for this report's partners (partner ${others.join(', ')} holds one)` : ''}.`,
        'Ask the customer to set your PartnerID as the DPOR, or link the identity you work with there through PAL.',
      );
    }
    if (counting.size === 0) {
      const types = [...new Set(named(s))];
      gap(
        'no-credit-customer',
        customerLine,
        s.associations.length === 0
          ? 'This customer has no association on record, so it earns no credit.'
          : `None of this customer's associations${types.length > 0 ? ` (${types.join(', ')})` : ''} earns credit in the ${analysis.edition} edition.`,
        s.associations.length === 0 ? 'Record the DPOR, PAL, CSP or CPOR links you have with this customer.' : 'Correct or replace the associations listed under it as earning nothing, each for the reason given.',
      );
    }
    customers.push(customer);
  }
  customers.sort((a, b) => (a.segment ?? '~').localeCompare(b.segment ?? '~') || a.name.localeCompare(b.name) || (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  const totals = Object.fromEntries(
    SOLUTION_AREAS.map((area) => {
      const associations: Partial<Record<AssociationType, number>> = {};
      let n = 0;
      for (const c of customers) {
        if (c.cells[area].length > 0) n++;
        for (const x of c.cells[area]) associations[x.type] = (associations[x.type] ?? 0) + 1;
      }
      return [area, { customers: n, associations }];
    }),
  ) as Record<SolutionArea, AreaTotals>;
  skipped.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  return {
    editions: [...editions].sort(),
    asOf,
    ...(partners ? { partners: [...partners] } : {}),
    areas: SOLUTION_AREAS.map((id) => ({ id, title: SOLUTION_AREA_TITLES[id] })),
    customers,
    totals,
    gaps: sortGaps(gaps, customers),
    skipped,
  };
}

/** Gaps by kind (in the order of GAP_KINDS), then in the customers' order, then by line. */
function sortGaps(gaps: Gap[], customers: CustomerCoverage[]): Gap[] {
  const kind = new Map(GAP_KINDS.map((k, i) => [k.kind, i]));
  const row = new Map(customers.map((c, i) => [c.uri, i]));
  return [...gaps].sort((a, b) => kind.get(a.kind)! - kind.get(b.kind)! || (row.get(a.uri) ?? 0) - (row.get(b.uri) ?? 0) || a.line - b.line);
}

/** Why an association earns nothing in an area on one side: its reasons there, or those the area lost. */
function whyNot(c: CustomerCoverage, index: number, area: SolutionArea): string[] {
  const n = c.notCounting.find((x) => x.index === index);
  if (n) return n.reasons;
  const p = c.partial.find((x) => x.index === index && x.areas.includes(area));
  if (p) return p.reasons;
  return [];
}

/** An association as it stands in a customer's record, wherever it earns something. */
function describe(c: CustomerCoverage, index: number): Omit<CreditChange, 'reasons'> | undefined {
  for (const area of SOLUTION_AREAS) {
    const x = c.cells[area].find((y) => y.index === index);
    if (x) return { type: x.type, partnerId: x.partnerId, line: x.line, on: x.on };
  }
  const n = c.notCounting.find((x) => x.index === index);
  return n ? { type: n.type, partnerId: n.partnerId, line: n.line, on: n.on } : undefined;
}

/**
 * What changes between a report and the same records judged under another
 * edition: per customer and area, the associations that gain or lose credit
 * there, each with why it earns nothing on the other side.
 */
export function compareCoverage(now: CoverageReport, then: CoverageReport, edition: Edition): CoverageReport {
  const byUri = new Map(then.customers.map((c) => [c.uri, c]));
  const changes: Comparison['changes'] = [];
  const byArea = Object.fromEntries(SOLUTION_AREAS.map((a) => [a, { now: now.totals[a].customers, then: then.totals[a].customers, gained: 0, lost: 0 }])) as Comparison['byArea'];
  for (const c of now.customers) {
    const other = byUri.get(c.uri);
    if (!other) continue;
    for (const area of SOLUTION_AREAS) {
      // By place in the list, not by line: two associations may share one.
      const a = new Set(c.cells[area].map((x) => x.index));
      const b = new Set(other.cells[area].map((x) => x.index));
      const gained: CreditChange[] = [...b].filter((l) => !a.has(l)).flatMap((l) => {
        const d = describe(other, l);
        return d ? [{ ...d, reasons: whyNot(c, l, area) }] : [];
      });
      const lost: CreditChange[] = [...a].filter((l) => !b.has(l)).flatMap((l) => {
        const d = describe(c, l);
        return d ? [{ ...d, reasons: whyNot(other, l, area) }] : [];
      });
      if (gained.length === 0 && lost.length === 0) continue;
      changes.push({ uri: c.uri, customer: c.name, area, gained, lost });
      byArea[area].gained += gained.length;
      byArea[area].lost += lost.length;
    }
  }
  return { ...now, compare: { edition, changes, byArea } };
}

/**
 * The gaps a move to the newest edition would open: a DPOR that earns
 * credit now and nothing under `newest` (`then`, the same records judged
 * under it).
 */
export function nextEditionGaps(now: CoverageReport, then: CoverageReport, newest: Edition): CoverageReport {
  const byUri = new Map(then.customers.map((c) => [c.uri, c]));
  const gaps = [...now.gaps];
  for (const c of now.customers) {
    const other = byUri.get(c.uri);
    if (!other || c.edition === newest) continue;
    const earnsNow = new Set(SOLUTION_AREAS.flatMap((area) => c.cells[area].map((x) => x.index)));
    for (const x of other.notCounting) {
      if (x.type !== 'DPOR' || !earnsNow.has(x.index)) continue;
      gaps.push({
        kind: 'no-credit-next-edition',
        uri: c.uri,
        line: x.line,
        customer: c.name,
        message: `This DPOR${x.on ? ` on ${x.on}` : ''} earns credit under the ${c.edition} edition but would earn nothing under ${newest}: ${x.reasons[0] ?? 'no reason given.'}`,
        fix: `Before the records move to ${newest}, record the association that will earn this credit under it, as the reason says.`,
      });
    }
  }
  return { ...now, gaps: sortGaps(gaps, now.customers) };
}
