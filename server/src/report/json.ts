// The coverage report as JSON: the shape docs/coverage.md documents, with
// records named by their paths (relative to the working folder) and lines
// counted from 1.
import type { AreaTotals, Comparison, CoverageReport, CreditChange, Credited, CustomerCoverage, Gap, NotCounting } from '../service/coverage';
import type { Edition, SolutionArea } from '../service/types';
import type { ReportLinks } from './common';

/** The version of the shape below: raised when a field changes meaning or goes away. */
export const COVERAGE_JSON_VERSION = 1;

export interface CoverageJson {
  version: typeof COVERAGE_JSON_VERSION;
  asOf: string;
  editions: Edition[];
  partners?: string[];
  areas: Array<{ id: SolutionArea; title: string }>;
  customers: Array<Omit<CustomerCoverage, 'uri'> & { file: string }>;
  totals: Record<SolutionArea, AreaTotals>;
  gaps: Array<Omit<Gap, 'uri'> & { file: string }>;
  skipped: Array<{ file: string; reason: string }>;
  compare?: Omit<Comparison, 'changes'> & { changes: Array<Omit<Comparison['changes'][number], 'uri'> & { file: string }> };
}

export function toJson(report: CoverageReport, links: Pick<ReportLinks, 'display'>): CoverageJson {
  const file = (uri: string) => links.display(uri);
  const credited = (x: Credited): Credited => ({ type: x.type, ...(x.partnerId !== undefined ? { partnerId: x.partnerId } : {}), line: x.line, index: x.index, ...(x.on !== undefined ? { on: x.on } : {}) });
  const notCounting = (x: NotCounting): NotCounting => ({
    ...(x.type !== undefined ? { type: x.type } : {}),
    ...(x.partnerId !== undefined ? { partnerId: x.partnerId } : {}),
    line: x.line,
    index: x.index,
    ...(x.on !== undefined ? { on: x.on } : {}),
    areas: x.areas,
    reasons: x.reasons,
    ...(x.period !== undefined ? { period: x.period } : {}),
    ...(x.otherPartner ? { otherPartner: x.otherPartner } : {}),
  });
  const change = (x: CreditChange): CreditChange => ({
    ...(x.type !== undefined ? { type: x.type } : {}),
    ...(x.partnerId !== undefined ? { partnerId: x.partnerId } : {}),
    line: x.line,
    ...(x.on !== undefined ? { on: x.on } : {}),
    reasons: x.reasons,
  });
  const out: CoverageJson = {
    version: COVERAGE_JSON_VERSION,
    asOf: report.asOf,
    editions: report.editions,
    ...(report.partners ? { partners: report.partners } : {}),
    areas: report.areas,
    customers: report.customers.map((c) => ({
      file: file(c.uri),
      line: c.line,
      name: c.name,
      ...(c.tenantId !== undefined ? { tenantId: c.tenantId } : {}),
      ...(c.segment !== undefined ? { segment: c.segment } : {}),
      edition: c.edition,
      cells: Object.fromEntries(report.areas.map((a) => [a.id, c.cells[a.id].map(credited)])) as Record<SolutionArea, Credited[]>,
      notCounting: c.notCounting.map(notCounting),
      partial: c.partial.map(notCounting),
    })),
    totals: report.totals,
    gaps: report.gaps.map((g) => ({ kind: g.kind, file: file(g.uri), line: g.line, customer: g.customer, message: g.message, fix: g.fix })),
    skipped: report.skipped.map((s) => ({ file: file(s.uri), reason: s.reason })),
  };
  if (report.compare) {
    out.compare = {
      edition: report.compare.edition,
      changes: report.compare.changes.map((c) => ({ file: file(c.uri), customer: c.customer, area: c.area, gained: c.gained.map(change), lost: c.lost.map(change) })),
      byArea: report.compare.byArea,
    };
  }
  return out;
}

export function renderJson(report: CoverageReport, links: Pick<ReportLinks, 'display'>): string {
  return `${JSON.stringify(toJson(report, links), null, 2)}\n`;
}
