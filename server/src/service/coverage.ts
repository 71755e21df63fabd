// What counts where: for each customer and solution area, the associations
// that earn credit there, as the rules judge them; why each other one earns
// nothing; and the gaps worth acting on. Credit comes from the rules'
// findings (what they withdraw, what they call an error), never from a copy
// of their logic.
import { editionTable, SOLUTION_AREA_TITLES } from './editions';
import { daysBetween } from './dates';
import { reported, type FileAnalysis } from './validate';
import { SOLUTION_AREAS, isSolutionArea, type AssociationType, type Edition, type Finding, type SolutionArea } from './types';
import type { AssociationSummary } from './summary';

/** One association in a cell of the matrix. */
export interface Credited {
  type: AssociationType;
  partnerId?: string;
  line: number;
  on?: string;
}

/** An association that earns nothing, and why. */
export interface NotCounting {
  type?: string;
  partnerId?: string;
  line: number;
  on?: string;
  reasons: string[];
}

export interface CustomerCoverage {
  uri: string;
  name: string;
  tenantId?: string;
  segment?: string;
  edition: Edition;
  line: number;
  /** By solution area, the associations that earn credit there. */
  cells: Record<SolutionArea, Credited[]>;
  notCounting: NotCounting[];
  /** Areas an association names but earns nothing toward, with why (the rest of it counts). */
  partial: Array<NotCounting & { areas: SolutionArea[] }>;
}

export type GapKind = 'ea-azure-unlinked' | 'incentive-without-poe' | 'ending-soon' | 'no-credit-customer' | 'no-credit-next-edition';

export interface Gap {
  kind: GapKind;
  uri: string;
  line: number;
  customer: string;
  /** What is wrong, in one sentence. */
  message: string;
  /** The fix, in one sentence. */
  fix: string;
}

export interface AreaTotals {
  customers: number;
  associations: Partial<Record<AssociationType, number>>;
}

export interface CoverageReport {
  /** The editions the records were judged under (a record's own `program:` wins, unless overridden). */
  editions: Edition[];
  asOf: string;
  areas: Array<{ id: SolutionArea; title: string }>;
  customers: CustomerCoverage[];
  totals: Record<SolutionArea, AreaTotals>;
  gaps: Gap[];
  compare?: Comparison;
}

export interface Comparison {
  /** The edition the report is compared with. */
  edition: Edition;
  /** Per customer and area, the association types that would gain or lose credit there. */
  changes: Array<{ uri: string; customer: string; area: SolutionArea; gained: AssociationType[]; lost: AssociationType[] }>;
  /** Per area, customers credited now and under the other edition. */
  byArea: Record<SolutionArea, { now: number; then: number }>;
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
}

function emptyCells(): Record<SolutionArea, Credited[]> {
  return Object.fromEntries(SOLUTION_AREAS.map((a) => [a, []])) as unknown as Record<SolutionArea, Credited[]>;
}

function within(a: AssociationSummary, f: Finding): boolean {
  const r = a.range;
  const s = f.range.start;
  const after = s.line > r.start.line || (s.line === r.start.line && s.character >= r.start.character);
  const before = s.line < r.end.line || (s.line === r.end.line && s.character <= r.end.character);
  return after && before;
}

/** The areas an association earns credit toward, and why it earns nothing elsewhere. */
export function creditOf(a: AssociationSummary, edition: Edition, findings: Array<{ finding: Finding; severity: string }>, asOf: string): { areas: SolutionArea[]; reasons: string[]; withdrawn: Map<SolutionArea, string[]> } {
  const reasons: string[] = [];
  const withdrawn = new Map<SolutionArea, string[]>();
  if (!a.type) return { areas: [], reasons: ['It has no association type.'], withdrawn };
  const eligible = editionTable(edition).eligibility[a.type];
  if (eligible === null) return { areas: [], reasons: [`The ${edition} edition does not say which solution areas ${a.type} counts toward.`], withdrawn };
  let areas = a.areas.filter((x): x is SolutionArea => isSolutionArea(x) && eligible.includes(x));
  if (a.areas.length === 0 && eligible.length > 0) reasons.push('It names no solution area.');
  for (const { finding: f, severity } of findings) {
    const mine = f.association === a.index || (f.association === undefined && within(a, f));
    if (!mine) continue;
    if (f.withdraws === 'all' || (severity === 'error' && !f.withdraws)) {
      reasons.push(f.message);
      areas = [];
    } else if (f.withdraws) {
      for (const area of f.withdraws) withdrawn.set(area, [...(withdrawn.get(area) ?? []), f.message]);
      const gone = f.withdraws;
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
    if (reasons.length === 0) reasons.push('It names no solution area it counts toward in this edition.');
  }
  return { areas: [...new Set(areas)], reasons: [...new Set(reasons)], withdrawn };
}

/** The coverage of a set of records. */
export function computeCoverage(inputs: CoverageInput[], options: CoverageOptions): CoverageReport {
  const { asOf } = options;
  const soonDays = options.soonDays ?? 90;
  const customers: CustomerCoverage[] = [];
  const gaps: Gap[] = [];
  const editions = new Set<Edition>();
  for (const { uri, analysis, findings } of inputs) {
    const s = analysis.summary;
    if (!s) continue;
    editions.add(analysis.edition);
    const name = s.customer?.name ?? uri.slice(uri.lastIndexOf('/') + 1);
    const customer: CustomerCoverage = {
      uri,
      name,
      tenantId: s.customer?.tenantId,
      segment: s.customer?.segment,
      edition: analysis.edition,
      line: s.customer?.line ?? 0,
      cells: emptyCells(),
      notCounting: [],
      partial: [],
    };
    const applied = reported(analysis, findings);
    const counting = new Set<number>();
    for (const a of s.associations) {
      const { areas, reasons, withdrawn } = creditOf(a, analysis.edition, applied, asOf);
      const base = { type: a.type, partnerId: a.partnerId, line: a.line, on: a.on };
      if (areas.length === 0) {
        customer.notCounting.push({ ...base, reasons });
        continue;
      }
      counting.add(a.index);
      for (const area of areas) customer.cells[area].push({ type: a.type!, partnerId: a.partnerId, line: a.line, on: a.on });
      const lost = [...withdrawn.keys()].filter((x) => a.areas.includes(x));
      if (lost.length > 0) customer.partial.push({ ...base, areas: lost, reasons: [...new Set(lost.flatMap((x) => withdrawn.get(x) ?? []))] });
      if (a.until && a.until >= asOf && daysBetween(asOf, a.until) <= soonDays) {
        gaps.push({
          kind: 'ending-soon',
          uri,
          line: a.line,
          customer: name,
          message: `${a.type}${a.partnerId ? ` of partner ${a.partnerId}` : ''} ends on ${a.until}, in ${daysBetween(asOf, a.until)} days.`,
          fix: 'Renew it, or record the association that follows it, before then.',
        });
      }
    }
    for (const a of s.associations) {
      if (a.type === 'CPOR' && a.recognition === 'incentive' && !a.hasPoe) {
        gaps.push({ kind: 'incentive-without-poe', uri, line: a.line, customer: name, message: `An incentive CPOR claim${a.partnerId ? ` of partner ${a.partnerId}` : ''} has no proof of execution.`, fix: 'Add `poe` with the path or URL of the customer-signed proof of execution: the incentive is not paid without it.' });
      }
    }
    for (const sub of s.subscriptions) {
      if (sub.licensing !== 'EA' || sub.product !== 'Azure' || !sub.id) continue;
      const linked = s.associations.some((a) => counting.has(a.index) && (a.type === 'DPOR' || a.type === 'PAL') && a.subscription === sub.id);
      if (!linked) {
        gaps.push({ kind: 'ea-azure-unlinked', uri, line: sub.line, customer: name, message: `The EA Azure subscription ${sub.name ?? sub.id} has neither a DPOR nor a PAL that counts.`, fix: 'Ask the customer to set your PartnerID as its DPOR, or link the identity you work with there through PAL.' });
      }
    }
    if (s.associations.length > 0 && counting.size === 0) {
      const types = [...new Set(s.associations.map((a) => a.type).filter(Boolean))].join(', ');
      gaps.push({ kind: 'no-credit-customer', uri, line: customer.line, customer: name, message: `None of this customer's associations (${types}) earns credit in the ${analysis.edition} edition.`, fix: 'Record the DPOR, PAL, CSP or CPOR links you have with this customer; see why each one listed earns nothing.' });
    }
    customers.push(customer);
  }
  customers.sort((a, b) => (a.segment ?? '~').localeCompare(b.segment ?? '~') || a.name.localeCompare(b.name));
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
  return { editions: [...editions].sort(), asOf, areas: SOLUTION_AREAS.map((id) => ({ id, title: SOLUTION_AREA_TITLES[id] })), customers, totals, gaps };
}

/**
 * What changes between a report and the same records judged under another
 * edition: per customer and area, the types that gain or lose credit. Gaps
 * for associations that earn something now and nothing then are added to
 * `now` (when `then` is the newest edition, the program's direction).
 */
export function compareCoverage(now: CoverageReport, then: CoverageReport, edition: Edition, addGaps: boolean): CoverageReport {
  const byUri = new Map(then.customers.map((c) => [c.uri, c]));
  const changes: Comparison['changes'] = [];
  const byArea = Object.fromEntries(SOLUTION_AREAS.map((a) => [a, { now: now.totals[a].customers, then: then.totals[a].customers }])) as Comparison['byArea'];
  const gaps = [...now.gaps];
  for (const c of now.customers) {
    const other = byUri.get(c.uri);
    if (!other) continue;
    for (const area of SOLUTION_AREAS) {
      const a = new Set(c.cells[area].map((x) => x.type));
      const b = new Set(other.cells[area].map((x) => x.type));
      const gained = [...b].filter((t) => !a.has(t));
      const lost = [...a].filter((t) => !b.has(t));
      if (gained.length > 0 || lost.length > 0) changes.push({ uri: c.uri, customer: c.name, area, gained, lost });
    }
    if (!addGaps) continue;
    const earnsNow = new Set(SOLUTION_AREAS.flatMap((area) => c.cells[area].map((x) => x.line)));
    for (const x of other.notCounting) {
      if (x.type !== 'DPOR' || !earnsNow.has(x.line)) continue;
      gaps.push({
        kind: 'no-credit-next-edition',
        uri: c.uri,
        line: x.line,
        customer: c.name,
        message: `This DPOR earns credit in the ${c.edition} edition but would earn nothing in ${edition}: ${x.reasons[0] ?? ''}`.trim(),
        fix: 'Prepare its replacement now (PAL for a subscription that is not EA, or the Modern Work link the customer\'s track credits).',
      });
    }
  }
  return { ...now, gaps, compare: { edition, changes, byArea } };
}
