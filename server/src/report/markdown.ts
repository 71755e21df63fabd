// The coverage report as Markdown: for a pull-request comment (compact, cut
// with a note at GitHub's comment limit) or for a job summary
// ($GITHUB_STEP_SUMMARY, long lists folded in <details>).
import type { CoverageReport, CustomerCoverage } from '../service/coverage';
import { GAP_KINDS } from '../service/gaps';
import { ASSOCIATION_TYPES, isAssociationType, type AssociationType, type SolutionArea } from '../service/types';
import { SOLUTION_AREA_TITLES } from '../service/editions';
import { SHORT_AREA, SHORT_TYPE, bySegment, cell, describeAssociation, esc, gapTitle, manyPartners, reportFacts, segmentTitle, typeCounts, type ReportLinks } from './common';

/** GitHub takes at most this many characters in a comment. */
export const COMMENT_LIMIT = 65536;
/** GitHub takes at most this many bytes in one step's job summary. */
export const SUMMARY_LIMIT = 1024 * 1024;

export interface MarkdownOptions {
  /** `comment` (the default): fits a pull-request comment. `summary`: a job summary, every list folded. */
  flavour?: 'comment' | 'summary';
  /** The longest output, in characters for a comment and bytes for a summary (GitHub's limits by default). */
  limit?: number;
}

/** Text that Markdown shows as written, in a table cell too. */
export function mdText(s: string): string {
  return s.replace(/[\\`*_[\]<>|#~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/** A record's place as inline code: `path:line`. */
function place(links: Pick<ReportLinks, 'display'>, uri: string, line: number): string {
  const text = `${links.display(uri)}:${line}`;
  return text.includes('`') ? mdText(text) : `\`${text}\``;
}

/** A cell: each type that earns credit (×n when several do), then those that name the area and earn nothing there, struck out. */
function cellText(c: CustomerCoverage, area: SolutionArea, partners: boolean): string {
  const { credited, missed } = cell(c, area);
  const parts: string[] = [];
  const group = (types: Array<{ type?: string; partnerId?: string }>, strike: boolean) => {
    const n = new Map<string, number>();
    for (const x of types) {
      const label = isAssociationType(x.type) ? SHORT_TYPE[x.type] : '?';
      const key = partners && x.partnerId ? `${label} (${x.partnerId})` : label;
      n.set(key, (n.get(key) ?? 0) + 1);
    }
    const order = (k: string) => ASSOCIATION_TYPES.findIndex((t) => k.startsWith(SHORT_TYPE[t]));
    for (const [k, v] of [...n].sort((a, b) => order(a[0]) - order(b[0]) || a[0].localeCompare(b[0]))) {
      const text = v > 1 ? `${k}×${v}` : k;
      parts.push(strike ? `~~${text}~~` : text);
    }
  };
  group(credited, false);
  group(missed, true);
  return parts.join(' ');
}

/** Lines inside a folded section (or not, for a short list in a comment). */
function section(title: string, body: string[], fold: boolean): string[] {
  if (body.length === 0) return [];
  if (!fold) return [`### ${title}`, '', ...body, ''];
  return ['<details>', `<summary><strong>${esc(title)}</strong></summary>`, '', ...body, '', '</details>', ''];
}

export function renderMarkdown(report: CoverageReport, links: Pick<ReportLinks, 'display'>, options: MarkdownOptions = {}): string {
  const summary = options.flavour === 'summary';
  const partners = manyPartners(report);
  const areas = report.areas;
  const out: string[] = [];
  out.push(summary ? '## Partner association coverage' : '### Partner association coverage', '');
  out.push([`As of ${report.asOf}`, ...reportFacts(report)].join(' · '), '');

  // ---- the matrix
  if (report.customers.length === 0) out.push('No record was found, so there is nothing to show.', '');
  else {
    out.push(`| Customer | ${areas.map((a) => SHORT_AREA[a.id]).join(' | ')} |`, `|:--|${areas.map(() => ':-:').join('|')}|`);
    for (const { segment, customers } of bySegment(report)) {
      out.push(`| **${mdText(segmentTitle(segment))}** (${customers.length}) |${areas.map(() => ' ').join('|')}|`);
      for (const c of customers) out.push(`| ${mdText(c.name)} | ${areas.map((a) => cellText(c, a.id, partners)).join(' | ')} |`);
    }
    out.push(`| **Customers credited** | ${areas.map((a) => String(report.totals[a.id].customers)).join(' | ')} |`);
    out.push(`| **Associations** | ${areas.map((a) => typeCounts(report.totals[a.id].associations, true) || '0').join(' | ')} |`);
    out.push('');
    const used = new Set<AssociationType>();
    for (const c of report.customers) {
      for (const a of areas) {
        const { credited, missed } = cell(c, a.id);
        for (const x of [...credited, ...missed]) if (isAssociationType(x.type)) used.add(x.type);
      }
    }
    const legend = ASSOCIATION_TYPES.filter((t) => used.has(t) && SHORT_TYPE[t] !== t).map((t) => `${SHORT_TYPE[t]} = ${t}`);
    out.push(`${legend.length > 0 ? `${legend.join(', ')}. ` : ''}A struck-out type names the area but earns nothing there (the list below says why); ×2 means two associations.${partners ? ' Each type is followed by its partner ID, since more than one partner earns credit here.' : ''}`, '');
  }

  // ---- gaps
  const gapLines: string[] = [];
  for (const { kind } of GAP_KINDS) {
    const gaps = report.gaps.filter((g) => g.kind === kind);
    if (gaps.length === 0) continue;
    gapLines.push(`**${gapTitle(kind)}** (${gaps.length})`, '');
    for (const g of gaps) gapLines.push(`- ${mdText(g.customer)}, ${place(links, g.uri, g.line)}: ${mdText(g.message)} *Fix:* ${mdText(g.fix)}`);
    gapLines.push('');
  }
  if (gapLines.length > 0) out.push(...section(`Gaps worth acting on (${report.gaps.length})`, gapLines.slice(0, -1), summary && report.gaps.length > 5));
  else out.push('No gap worth acting on.', '');

  // ---- the comparison
  const cmp = report.compare;
  if (cmp) {
    const title = areas.map((a) => a.id).find((id) => cmp.byArea[id].gained + cmp.byArea[id].lost > 0) ? `What changes under ${cmp.edition}` : `Nothing changes under ${cmp.edition}`;
    const table: string[] = [`| Area | Customers credited now | Under ${cmp.edition} | Associations that gain credit | That lose it |`, '|:--|--:|--:|--:|--:|'];
    for (const a of areas) {
      const x = cmp.byArea[a.id];
      table.push(`| ${mdText(a.title)} | ${x.now} | ${x.then} | ${x.gained} | ${x.lost} |`);
    }
    const byCustomer = new Map<string, string[]>();
    for (const ch of cmp.changes) {
      const lines = byCustomer.get(ch.customer) ?? [];
      const area = SOLUTION_AREA_TITLES[ch.area];
      for (const g of ch.gained) lines.push(`  - ${mdText(area)}: **gains** ${mdText(describeAssociation(g))} (${place(links, ch.uri, g.line)})`);
      for (const l of ch.lost) lines.push(`  - ${mdText(area)}: **loses** ${mdText(describeAssociation(l))} (${place(links, ch.uri, l.line)})${l.reasons[0] ? `: ${mdText(l.reasons[0])}` : ''}`);
      byCustomer.set(ch.customer, lines);
    }
    const list = [...byCustomer].flatMap(([customer, lines]) => [`- ${mdText(customer)}`, ...lines]);
    out.push(`### ${title}`, '', ...table, '');
    out.push(...section(`Changes by customer (${byCustomer.size})`, list, summary || cmp.changes.length > 10));
  }

  // ---- what earns nothing, and why
  const nothing: string[] = [];
  for (const c of report.customers) {
    for (const n of c.notCounting) nothing.push(`- ${mdText(c.name)}: ${mdText(describeAssociation(n))} (${place(links, c.uri, n.line)}): ${mdText(n.reasons.join(' '))}`);
    for (const p of c.partial) nothing.push(`- ${mdText(c.name)}: ${mdText(describeAssociation(p))} (${place(links, c.uri, p.line)}) earns nothing in ${mdText(p.areas.map((a) => SHORT_AREA[a]).join(', '))}: ${mdText(p.reasons.join(' '))}`);
  }
  out.push(...section(`Associations that earn nothing, or less than they name (${nothing.length})`, nothing, true));
  const skipped = report.skipped.map((s) => `- ${place(links, s.uri, 1)}: ${mdText(s.reason)}`);
  out.push(...section(`Records that could not be read (${skipped.length})`, skipped, summary || skipped.length > 5));

  return fit(out, summary ? options.limit ?? SUMMARY_LIMIT : options.limit ?? COMMENT_LIMIT, summary);
}

/** The lines, cut where they would pass the limit, with open <details> closed and a note. */
function fit(lines: string[], limit: number, bytes: boolean): string {
  const size = (s: string) => (bytes ? Buffer.byteLength(s, 'utf8') : s.length);
  const whole = `${lines.join('\n').trimEnd()}\n`;
  if (size(whole) <= limit) return whole;
  const note = `\n\n**The report is cut here:** it is longer than GitHub takes in ${bytes ? 'a job summary' : 'a comment'} (${limit.toLocaleString('en-US')} ${bytes ? 'bytes' : 'characters'}). \`assoc-lint report --format html\` writes all of it.\n`;
  const closing = '\n\n</details>';
  let used = size(note);
  let open = 0;
  const kept: string[] = [];
  for (const line of lines) {
    const add = size(line) + 1;
    const opens = open + (line === '<details>' ? 1 : line === '</details>' ? -1 : 0);
    if (used + add + opens * size(closing) > limit) break;
    kept.push(line);
    used += add;
    open = opens;
  }
  return `${kept.join('\n').trimEnd()}${closing.repeat(open)}${note}`;
}
