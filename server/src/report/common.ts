// What every format of the coverage report shares: how a record is named and
// linked, the short labels, and what a cell of the matrix holds.
import { TYPE_DOCS } from '../service/knowledge';
import type { Credited, CoverageReport, CustomerCoverage, NotCounting } from '../service/coverage';
import { GAP_KINDS, type GapKind } from '../service/gaps';
import { ASSOCIATION_TYPES, type AssociationType, type SolutionArea } from '../service/types';

/** How a report names and links the records: the CLI gives paths from the working folder, the editor gives its own. */
export interface ReportLinks {
  /** The record's path as shown, with `/` (the JSON's `file`). */
  display(uri: string): string;
  /** A link to the record at a line (1-based). */
  href(uri: string, line: number): string;
  /** What `data-file` holds: what the VS Code webview hands back to open the record. */
  file(uri: string): string;
}

/** Text or an attribute's value, escaped for HTML. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The short labels of the Markdown table. */
export const SHORT_TYPE: Record<AssociationType, string> = { CPOR: 'CP', DPOR: 'DP', PAL: 'PAL', CSP: 'CSP', TPOR: 'TP' };

/** The solution areas' column headings where space is short. */
export const SHORT_AREA: Record<SolutionArea, string> = {
  'data-ai': 'Data & AI',
  'digital-app-innovation': 'Apps',
  infrastructure: 'Infra',
  'modern-work': 'Modern Work',
  security: 'Security',
  'business-applications': 'Biz Apps',
};

export const TYPE_NAMES: Record<AssociationType, string> = Object.fromEntries(ASSOCIATION_TYPES.map((t) => [t, TYPE_DOCS[t].name])) as Record<AssociationType, string>;

export function gapTitle(kind: GapKind): string {
  return GAP_KINDS.find((k) => k.kind === kind)?.title ?? kind;
}

/** A segment's heading. */
export function segmentTitle(segment: string | undefined): string {
  if (segment === 'smb') return 'SMB';
  if (segment === undefined || segment === '') return 'No segment';
  return segment.charAt(0).toUpperCase() + segment.slice(1);
}

/** The customers in runs of one segment, in the report's order. */
export function bySegment(report: CoverageReport): Array<{ segment: string | undefined; customers: CustomerCoverage[] }> {
  const out: Array<{ segment: string | undefined; customers: CustomerCoverage[] }> = [];
  for (const c of report.customers) {
    const last = out[out.length - 1];
    if (last && last.segment === c.segment) last.customers.push(c);
    else out.push({ segment: c.segment, customers: [c] });
  }
  return out;
}

/**
 * What a cell holds: the associations that earn credit there, and those that
 * name the area but earn nothing in it (not those that have ended, which are
 * history, nor other partners': they are listed with the rest that earn
 * nothing).
 */
export function cell(c: CustomerCoverage, area: SolutionArea): { credited: Credited[]; missed: NotCounting[] } {
  const missed = [...c.notCounting.filter((n) => n.areas.includes(area) && n.period !== 'ended' && !n.otherPartner), ...c.partial.filter((p) => p.areas.includes(area))].sort((a, b) => a.line - b.line);
  return { credited: c.cells[area], missed };
}

/** An association in a few words: `DPOR of partner 1234567 on contoso-prod`. */
export function describeAssociation(a: { type?: string; partnerId?: string; on?: string }): string {
  return `${a.type ?? 'An association with no type'}${a.partnerId ? ` of partner ${a.partnerId}` : ''}${a.on ? ` on ${a.on}` : ''}`;
}

/** Whether more than one partner earns credit in the report: then each entry names its partner. */
export function manyPartners(report: CoverageReport): boolean {
  const ids = new Set<string>();
  for (const c of report.customers) for (const area of report.areas) for (const x of c.cells[area.id]) ids.add(x.partnerId ?? '');
  return ids.size > 1;
}

/** "1 customer", "2 customers". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** The associations of an area's total, as `DPOR 3, PAL 1`, in the usual order of the types. */
export function typeCounts(counts: Partial<Record<AssociationType, number>>, short = false): string {
  return ASSOCIATION_TYPES.filter((t) => counts[t])
    .map((t) => `${short ? SHORT_TYPE[t] : t} ${counts[t]}`)
    .join(', ');
}

/**
 * What the report covers, as its title's facts line says after the date:
 * how many customers, under which editions, and what narrows or extends it.
 */
export function reportFacts(report: CoverageReport): string[] {
  const facts = [count(report.customers.length, 'customer'), `${report.editions.length === 1 ? 'edition' : 'editions'} ${editionCounts(report) || 'none'}`];
  if (report.partners) facts.push(`${report.partners.length === 1 ? 'partner' : 'partners'} ${report.partners.join(', ')} only`);
  if (report.compare) facts.push(`compared with ${report.compare.edition}`);
  return facts;
}

/** How many records were judged under each edition: `<edition> (6), <edition> (2)`. */
export function editionCounts(report: CoverageReport): string {
  const n = new Map<string, number>();
  for (const c of report.customers) n.set(c.edition, (n.get(c.edition) ?? 0) + 1);
  return report.editions.map((e) => `${e} (${n.get(e) ?? 0})`).join(', ');
}
