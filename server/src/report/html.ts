// The coverage report as one self-contained HTML page: no network access (a
// Content-Security-Policy allows nothing but the page's own style and
// script), readable on screen and on paper, sortable and filterable with a
// few lines of script, following the VS Code theme inside a webview. Each
// cell and gap links to the record at its line; inside the webview a click
// is handed to the editor instead (`data-file`, `data-line`).
import { createHash } from 'node:crypto';
import type { CoverageReport, CustomerCoverage, Gap } from '../service/coverage';
import { GAP_KINDS } from '../service/gaps';
import { ASSOCIATION_TYPES, isAssociationType } from '../service/types';
import { SOLUTION_AREA_TITLES } from '../service/editions';
import { TYPE_NAMES, bySegment, cell, count, describeAssociation, esc, gapTitle, manyPartners, reportFacts, segmentTitle, typeCounts, type ReportLinks } from './common';

export interface HtmlOptions {
  /** The page's title. */
  title?: string;
  /** Words under the title on what a click does (the webview says it opens the record). */
  clickHint?: string;
  /** Editions the page offers to compare with (the webview, which makes the report again when one is chosen). */
  compareChoices?: readonly string[];
  /** The edition compared with now: the choice selected. */
  compared?: string;
}

const STYLE = `
:root {
  --bg: var(--vscode-editor-background, #ffffff);
  --fg: var(--vscode-editor-foreground, #1f2328);
  --muted: var(--vscode-descriptionForeground, #59636e);
  --border: var(--vscode-panel-border, #d1d9e0);
  --strong-border: var(--vscode-contrastBorder, var(--border));
  --link: var(--vscode-textLink-foreground, #0969da);
  --head-bg: var(--vscode-editorWidget-background, #f6f8fa);
  --hover: var(--vscode-list-hoverBackground, #eef2f6);
  --input-bg: var(--vscode-input-background, #ffffff);
  --input-fg: var(--vscode-input-foreground, #1f2328);
  --input-border: var(--vscode-input-border, #afb8c1);
  --focus: var(--vscode-focusBorder, #0969da);
  --warn: var(--vscode-editorWarning-foreground, #9a6700);
  --gain: var(--vscode-gitDecoration-addedResourceForeground, #1a7f37);
  --loss: var(--vscode-gitDecoration-deletedResourceForeground, #cf222e);
  --t-CPOR: var(--vscode-charts-purple, #8250df);
  --t-DPOR: var(--vscode-charts-blue, #0969da);
  --t-PAL: var(--vscode-charts-green, #1a7f37);
  --t-CSP: var(--vscode-charts-orange, #bc4c00);
  --t-TPOR: var(--vscode-charts-yellow, #9a6700);
  --font: var(--vscode-font-family, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif);
  --mono: var(--vscode-editor-font-family, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);
}
@media screen and (prefers-color-scheme: dark) {
  :root {
    --bg: var(--vscode-editor-background, #0d1117);
    --fg: var(--vscode-editor-foreground, #e6edf3);
    --muted: var(--vscode-descriptionForeground, #9198a1);
    --border: var(--vscode-panel-border, #3d444d);
    --link: var(--vscode-textLink-foreground, #4493f8);
    --head-bg: var(--vscode-editorWidget-background, #151b23);
    --hover: var(--vscode-list-hoverBackground, #1f2630);
    --input-bg: var(--vscode-input-background, #0d1117);
    --input-fg: var(--vscode-input-foreground, #e6edf3);
    --input-border: var(--vscode-input-border, #3d444d);
    --t-CPOR: var(--vscode-charts-purple, #ab7df8);
    --t-DPOR: var(--vscode-charts-blue, #4493f8);
    --t-PAL: var(--vscode-charts-green, #3fb950);
    --t-CSP: var(--vscode-charts-orange, #db6d28);
    --t-TPOR: var(--vscode-charts-yellow, #d29922);
    --warn: var(--vscode-editorWarning-foreground, #d29922);
    --gain: var(--vscode-gitDecoration-addedResourceForeground, #3fb950);
    --loss: var(--vscode-gitDecoration-deletedResourceForeground, #f85149);
  }
}
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); }
body { margin: 0; padding: 1rem 1.5rem 2rem; font: 14px/1.45 var(--font); font-size: var(--vscode-font-size, 14px); background: var(--bg); color: var(--fg); }
h1 { font-size: 1.5em; margin: 0 0 .25rem; }
h2 { font-size: 1.2em; margin: 2rem 0 .5rem; padding-bottom: .25rem; border-bottom: 1px solid var(--border); }
h3 { font-size: 1em; margin: 1.25rem 0 .4rem; }
a { color: var(--link); }
a:focus-visible, button:focus-visible, input:focus-visible { outline: 2px solid var(--focus); outline-offset: 1px; }
.facts, .hint, .muted { color: var(--muted); }
.facts { margin: 0; }
.toc { margin: .5rem 0 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
code, .where { font-family: var(--mono); font-size: .92em; }
.controls { display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; align-items: center; margin: .5rem 0 .75rem; }
.controls select { padding: .15rem .3rem; background: var(--vscode-dropdown-background, var(--input-bg)); color: var(--vscode-dropdown-foreground, var(--input-fg)); border: 1px solid var(--vscode-dropdown-border, var(--input-border)); font: inherit; }
.controls input[type=search] { min-width: 16rem; padding: .25rem .5rem; background: var(--input-bg); color: var(--input-fg); border: 1px solid var(--input-border); border-radius: 2px; font: inherit; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; }
th, td { border: 1px solid var(--border); padding: .3rem .5rem; vertical-align: top; text-align: left; }
thead th { background: var(--head-bg); position: sticky; top: 0; z-index: 1; }
thead th button { all: unset; cursor: pointer; font-weight: 600; display: inline-flex; gap: .25rem; align-items: baseline; }
thead th button::after { content: "↕"; color: var(--muted); font-weight: 400; }
thead th[aria-sort=ascending] button::after { content: "↑"; color: var(--fg); }
thead th[aria-sort=descending] button::after { content: "↓"; color: var(--fg); }
table.matrix { width: 100%; min-width: 56rem; }
table.matrix td { min-width: 6.5rem; }
tr.group th { background: var(--head-bg); font-weight: 600; text-transform: none; }
tr.customer:hover > * { background: var(--hover); }
tr.customer > th { font-weight: 600; min-width: 12rem; }
tr.customer > th .sub { display: block; font-weight: 400; color: var(--muted); font-size: .85em; }
tfoot th, tfoot td { background: var(--head-bg); font-size: .9em; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.chips { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem; }
.chip { display: inline-block; padding: 0 .35rem; border: 1px solid var(--c, var(--border)); border-left-width: 4px; border-radius: 3px; color: var(--fg); text-decoration: none; font: 600 .85em/1.5 var(--mono); white-space: nowrap; }
.chip small { font-weight: 400; color: var(--muted); }
a.chip:hover { background: var(--hover); }
.chip.missed { border-style: dashed; border-left-style: solid; color: var(--muted); text-decoration: line-through; font-weight: 400; }
.t-CPOR { --c: var(--t-CPOR); } .t-DPOR { --c: var(--t-DPOR); } .t-PAL { --c: var(--t-PAL); } .t-CSP { --c: var(--t-CSP); } .t-TPOR { --c: var(--t-TPOR); }
.none { color: var(--muted); }
.gapcount a { color: var(--warn); font-weight: 600; }
.legend { display: flex; flex-wrap: wrap; gap: .4rem 1.25rem; margin: .75rem 0 0; padding: 0; list-style: none; font-size: .9em; }
.legend li { display: flex; gap: .4rem; align-items: baseline; }
ol.gaps { margin: 0; padding-left: 1.5rem; }
ol.gaps > li { margin: 0 0 .6rem; padding-left: .25rem; }
ol.gaps > li:target { outline: 2px solid var(--focus); outline-offset: 2px; }
ol.gaps p { margin: 0; }
.fix::before { content: "Fix: "; font-weight: 600; }
.gain { color: var(--gain); font-weight: 600; }
.loss { color: var(--loss); font-weight: 600; }
table.list { width: 100%; }
table.list td.why { min-width: 20rem; }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .85em; }
body.vscode-high-contrast .chip, body.vscode-high-contrast-light .chip { border-color: var(--strong-border); border-left-color: var(--c); }
body.vscode-high-contrast th, body.vscode-high-contrast td, body.vscode-high-contrast-light th, body.vscode-high-contrast-light td { border-color: var(--strong-border); }
[hidden] { display: none !important; }
@media print {
  :root { --bg: #fff; --fg: #000; --muted: #444; --border: #888; --link: #000; --head-bg: #eee; --hover: transparent; }
  body { padding: 0; font-size: 9.5pt; }
  .controls, .toc, .hint { display: none; }
  .scroll { overflow: visible; }
  table.matrix { min-width: 0; }
  thead { display: table-header-group; }
  thead th { position: static; }
  tr, ol.gaps > li { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  .chip { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

// Sorting, filtering, and, inside a VS Code webview, opening a record where
// a link points: a few lines, no framework. The state (filter, sort) is kept
// across refreshes through the webview's own state.
const SCRIPT = `
(function () {
  var api = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : null;
  var state = (api && api.getState()) || { filter: '', onlyGaps: false, sort: null, dir: 1 };
  function save() { if (api) api.setState(state); }
  function rows(tbody) { return Array.prototype.slice.call(tbody.querySelectorAll('tr.customer')); }
  function key(tr, by) {
    if (by === 'name') return tr.getAttribute('data-name');
    if (by === 'gaps') return Number(tr.getAttribute('data-gaps'));
    return Number(tr.querySelector('td[data-area="' + by + '"]').getAttribute('data-n'));
  }
  function sort() {
    var table = document.getElementById('matrix-table');
    if (!table) return;
    table.querySelectorAll('thead th').forEach(function (th) {
      var b = th.querySelector('button');
      th.setAttribute('aria-sort', b && state.sort && b.getAttribute('data-sort') === state.sort ? (state.dir > 0 ? 'ascending' : 'descending') : 'none');
    });
    if (!state.sort) return;
    table.querySelectorAll('tbody').forEach(function (tbody) {
      rows(tbody).sort(function (a, b) {
        var x = key(a, state.sort), y = key(b, state.sort);
        var c = x < y ? -1 : x > y ? 1 : 0;
        return c * state.dir || (a.getAttribute('data-name') < b.getAttribute('data-name') ? -1 : 1);
      }).forEach(function (tr) { tbody.appendChild(tr); });
    });
  }
  function filter() {
    var table = document.getElementById('matrix-table');
    if (!table) return;
    var words = state.filter.toLowerCase().split(/\\s+/).filter(Boolean);
    var shown = 0, all = 0;
    table.querySelectorAll('tbody').forEach(function (tbody) {
      var any = false;
      rows(tbody).forEach(function (tr) {
        var text = tr.getAttribute('data-search');
        var ok = words.every(function (w) { return text.indexOf(w) >= 0; }) && (!state.onlyGaps || Number(tr.getAttribute('data-gaps')) > 0);
        tr.hidden = !ok;
        all++;
        if (ok) { shown++; any = true; }
      });
      tbody.hidden = !any;
    });
    var out = document.getElementById('shown');
    if (out) out.textContent = shown + ' of ' + all + (all === 1 ? ' customer' : ' customers');
    var none = document.getElementById('none-shown');
    if (none) none.hidden = shown > 0;
  }
  function restore() {
    var f = document.getElementById('filter');
    var g = document.getElementById('only-gaps');
    if (f) f.value = state.filter;
    if (g) g.checked = state.onlyGaps;
    sort();
    filter();
  }
  document.addEventListener('click', function (e) {
    var t = e.target instanceof Element ? e.target : null;
    var b = t && t.closest('button[data-sort]');
    if (b) {
      var by = b.getAttribute('data-sort');
      state.dir = state.sort === by ? -state.dir : (by === 'name' ? 1 : -1);
      state.sort = by;
      save();
      sort();
      return;
    }
    var a = t && t.closest('[data-file]');
    if (a && api) {
      // The editor opens the record; the webview's own handler of links (on the window) is not to.
      e.preventDefault();
      e.stopPropagation();
      api.postMessage({ type: 'open', file: a.getAttribute('data-file'), line: Number(a.getAttribute('data-line')) });
    }
  });
  document.addEventListener('input', function (e) {
    if (e.target && e.target.id === 'filter') { state.filter = e.target.value; save(); filter(); }
  });
  document.addEventListener('change', function (e) {
    if (e.target && e.target.id === 'only-gaps') { state.onlyGaps = e.target.checked; save(); filter(); }
    if (e.target && e.target.id === 'compare-with' && api) api.postMessage({ type: 'compare', edition: e.target.value });
  });
  window.addEventListener('message', function (e) {
    var m = e.data;
    if (!m || m.type !== 'update' || typeof m.html !== 'string') return;
    var main = document.getElementById('report');
    if (main) { main.innerHTML = m.html; restore(); }
  });
  restore();
  if (api) api.postMessage({ type: 'ready' });
})();
`;

const SCRIPT_HASH = `sha256-${createHash('sha256').update(SCRIPT).digest('base64')}`;

/** Nothing from the network, nothing but this page's own style and script. */
export const CONTENT_SECURITY_POLICY = `default-src 'none'; style-src 'unsafe-inline'; script-src '${SCRIPT_HASH}'; img-src data:; form-action 'none'; base-uri 'none'`;

function link(links: ReportLinks, uri: string, line: number, inner: string, attrs = ''): string {
  return `<a href="${esc(links.href(uri, line))}" data-file="${esc(links.file(uri))}" data-line="${line}"${attrs}>${inner}</a>`;
}

function chip(links: ReportLinks, uri: string, x: { type?: string; partnerId?: string; line: number; on?: string }, missed: string[] | undefined, partners: boolean): string {
  const type = x.type ?? '?';
  const cls = `chip${isAssociationType(x.type) ? ` t-${x.type}` : ''}${missed ? ' missed' : ''}`;
  const title = `${describeAssociation(x)}, line ${x.line}: ${missed ? `earns nothing here. ${missed.join(' ')}` : 'earns credit here.'}`;
  const label = `${esc(type)}${partners && x.partnerId ? ` <small>${esc(x.partnerId)}</small>` : ''}`;
  return `<li>${link(links, uri, x.line, label, ` class="${cls}" title="${esc(title)}"`)}</li>`;
}

/** `gaps`: the customer's own, in the report's order. */
function customerRow(report: CoverageReport, links: ReportLinks, c: CustomerCoverage, gaps: readonly Gap[], gapIndex: Map<Gap, number>, partners: boolean): string {
  const words = [c.name, c.segment ?? '', c.edition, c.tenantId ?? '', links.display(c.uri)];
  for (const x of [...c.notCounting, ...c.partial]) words.push(x.type ?? '', x.partnerId ?? '', x.on ?? '');
  const cells = report.areas.map((a) => {
    const { credited, missed } = cell(c, a.id);
    for (const x of [...credited, ...missed]) words.push(x.type ?? '', x.partnerId ?? '', x.on ?? '');
    const chips = [...credited.map((x) => chip(links, c.uri, x, undefined, partners)), ...missed.map((x) => chip(links, c.uri, x, x.reasons, partners))];
    const body = chips.length > 0 ? `<ul class="chips">${chips.join('')}</ul>` : '<span class="none" title="No association earns credit here">·</span>';
    return `<td data-area="${a.id}" data-n="${credited.length}">${body}</td>`;
  });
  const sub = `${c.edition} edition`;
  const gapCell = gaps.length > 0 ? `<a href="#gap-${gapIndex.get(gaps[0])}" title="${esc(gaps.map((g) => gapTitle(g.kind)).join('; '))}">${gaps.length}</a>` : '<span class="none">0</span>';
  return (
    `<tr class="customer" data-name="${esc(c.name.toLowerCase())}" data-gaps="${gaps.length}" data-search="${esc(words.join(' ').toLowerCase())}">` +
    `<th scope="row">${link(links, c.uri, c.line, esc(c.name), ` title="${esc(`${links.display(c.uri)}${c.tenantId ? `, tenant ${c.tenantId}` : ''}`)}"`)}<span class="sub">${esc(sub)}</span></th>${cells.join('')}<td class="n gapcount">${gapCell}</td></tr>`
  );
}

/** What goes inside `<main id="report">`: the webview swaps it when the records change. */
export function renderHtmlBody(report: CoverageReport, links: ReportLinks, options: HtmlOptions = {}): string {
  const partners = manyPartners(report);
  const gapIndex = new Map(report.gaps.map((g, i) => [g, i + 1]));
  // Each customer's gaps, found once: a search of every gap for every customer grows with their product.
  const gapsOf = new Map<string, Gap[]>();
  for (const g of report.gaps) {
    const list = gapsOf.get(g.uri);
    if (list) list.push(g);
    else gapsOf.set(g.uri, [g]);
  }
  const out: string[] = [];
  const facts = [`As of <strong>${esc(report.asOf)}</strong>`, ...reportFacts(report).map(esc)];
  const nothing = report.customers.reduce((n, c) => n + c.notCounting.length + c.partial.length, 0);
  out.push(
    `<header><h1>${esc(options.title ?? 'Partner association coverage')}</h1><p class="facts">${facts.join(' · ')}</p>`,
    `<nav class="toc" aria-label="Sections"><a href="#matrix">What counts where</a><a href="#gaps">Gaps (${report.gaps.length})</a>${report.compare ? `<a href="#compare">Under ${esc(report.compare.edition)}</a>` : ''}<a href="#nothing">Earning nothing (${nothing})</a>${report.skipped.length > 0 ? `<a href="#skipped">Not read (${report.skipped.length})</a>` : ''}</nav></header>`,
  );

  // ---- the matrix
  out.push('<section id="matrix" aria-labelledby="matrix-h"><h2 id="matrix-h">What counts where</h2>');
  out.push(`<p class="hint">${esc(options.clickHint ?? 'Each entry links to the association in its record. Click a column heading to sort.')}</p>`);
  if (options.compareChoices && options.compareChoices.length > 0) {
    const choices = ['', ...options.compareChoices].map((e) => `<option value="${esc(e)}"${(options.compared ?? '') === e ? ' selected' : ''}>${e ? esc(e) : 'no other edition'}</option>`);
    out.push(`<div class="controls"><label>Compare with <select id="compare-with">${choices.join('')}</select></label></div>`);
  }
  if (report.customers.length === 0) out.push('<p>No record was found, so there is nothing to show.</p>');
  else {
    out.push(
      '<div class="controls"><label>Filter <input id="filter" type="search" placeholder="Customer, segment, type, partner…" aria-controls="matrix-table"></label>',
      '<label><input id="only-gaps" type="checkbox" aria-controls="matrix-table"> Only customers with a gap</label>',
      `<output id="shown" aria-live="polite">${count(report.customers.length, 'customer')}</output></div>`,
      '<div class="scroll"><table class="matrix" id="matrix-table"><thead><tr><th scope="col" aria-sort="none"><button type="button" data-sort="name">Customer</button></th>',
      ...report.areas.map((a) => `<th scope="col" aria-sort="none"><button type="button" data-sort="${a.id}">${esc(a.title)}</button></th>`),
      '<th scope="col" aria-sort="none"><button type="button" data-sort="gaps">Gaps</button></th></tr></thead>',
    );
    for (const { segment, customers } of bySegment(report)) {
      out.push(`<tbody data-segment="${esc(segment ?? '')}"><tr class="group"><th scope="rowgroup" colspan="${report.areas.length + 2}">${esc(segmentTitle(segment))} <span class="muted">(${customers.length})</span></th></tr>`);
      for (const c of customers) out.push(customerRow(report, links, c, gapsOf.get(c.uri) ?? [], gapIndex, partners));
      out.push('</tbody>');
    }
    out.push(
      `<tfoot><tr><th scope="row">Customers credited</th>${report.areas.map((a) => `<td class="n" data-total="${a.id}">${report.totals[a.id].customers}</td>`).join('')}<td class="n">${report.gaps.length}</td></tr>`,
      `<tr><th scope="row">Associations</th>${report.areas.map((a) => `<td>${esc(typeCounts(report.totals[a.id].associations)) || '0'}</td>`).join('')}<td></td></tr></tfoot></table></div>`,
      '<p id="none-shown" hidden>No customer matches the filter.</p>',
    );
    out.push(
      '<ul class="legend" aria-label="Legend">',
      ...ASSOCIATION_TYPES.map((t) => `<li><span class="chip t-${t}">${t}</span> ${esc(TYPE_NAMES[t])}</li>`),
      '<li><span class="chip missed">DPOR</span> names the area but earns nothing there (hover for why)</li>',
      '<li><span class="none">·</span> no credit</li>',
      '</ul>',
    );
  }
  out.push('</section>');

  // ---- gaps
  out.push(`<section id="gaps" aria-labelledby="gaps-h"><h2 id="gaps-h">Gaps worth acting on (${report.gaps.length})</h2>`);
  if (report.gaps.length === 0) out.push('<p>None: every customer earns something, and nothing listed below needs acting on soon.</p>');
  for (const { kind, title } of GAP_KINDS) {
    const gaps = report.gaps.filter((g) => g.kind === kind);
    if (gaps.length === 0) continue;
    out.push(`<h3>${esc(title)} (${gaps.length})</h3><ol class="gaps" start="${gapIndex.get(gaps[0])}">`);
    for (const g of gaps) {
      out.push(
        `<li id="gap-${gapIndex.get(g)}" data-kind="${g.kind}"><p><strong>${esc(g.customer)}</strong> · ${link(links, g.uri, g.line, esc(`${links.display(g.uri)}:${g.line}`), ' class="where"')}</p>`,
        `<p>${esc(g.message)}</p><p class="fix">${esc(g.fix)}</p></li>`,
      );
    }
    out.push('</ol>');
  }
  out.push('</section>');

  // ---- the comparison
  const cmp = report.compare;
  if (cmp) {
    out.push(`<section id="compare" aria-labelledby="compare-h"><h2 id="compare-h">What changes under ${esc(cmp.edition)}</h2>`);
    out.push(`<p class="hint">The same records judged under ${esc(cmp.edition)} instead of their own editions.</p>`);
    out.push(`<table class="list"><thead><tr><th scope="col">Solution area</th><th scope="col">Customers credited now</th><th scope="col">Under ${esc(cmp.edition)}</th><th scope="col">Associations that gain credit</th><th scope="col">That lose it</th></tr></thead><tbody>`);
    for (const a of report.areas) {
      const x = cmp.byArea[a.id];
      out.push(`<tr data-area="${a.id}"><th scope="row">${esc(a.title)}</th><td class="n">${x.now}</td><td class="n">${x.then}</td><td class="n${x.gained ? ' gain' : ''}">${x.gained ? `+${x.gained}` : 0}</td><td class="n${x.lost ? ' loss' : ''}">${x.lost ? `−${x.lost}` : 0}</td></tr>`);
    }
    out.push('</tbody></table>');
    if (cmp.changes.length === 0) out.push(`<p>No association gains or loses credit under ${esc(cmp.edition)}.</p>`);
    else {
      out.push('<table class="list" id="changes"><thead><tr><th scope="col">Customer</th><th scope="col">Solution area</th><th scope="col">Change</th><th scope="col">Association</th><th scope="col">Why</th></tr></thead><tbody>');
      for (const ch of cmp.changes) {
        const area = SOLUTION_AREA_TITLES[ch.area];
        const row = (x: (typeof ch.gained)[number], gained: boolean) =>
          `<tr data-change="${gained ? 'gained' : 'lost'}"><td>${esc(ch.customer)}</td><td>${esc(area)}</td><td class="${gained ? 'gain' : 'loss'}">${gained ? 'gains credit' : 'loses credit'}</td><td>${link(links, ch.uri, x.line, esc(describeAssociation(x)))} <span class="muted where">${esc(`${links.display(ch.uri)}:${x.line}`)}</span></td><td class="why">${esc(gained ? (x.reasons.length > 0 ? `Now: ${x.reasons.join(' ')}` : '') : x.reasons.join(' '))}</td></tr>`;
        for (const x of ch.gained) out.push(row(x, true));
        for (const x of ch.lost) out.push(row(x, false));
      }
      out.push('</tbody></table>');
    }
    out.push('</section>');
  }

  // ---- what earns nothing
  out.push(`<section id="nothing" aria-labelledby="nothing-h"><h2 id="nothing-h">Associations that earn nothing, or less than they name (${nothing})</h2>`);
  if (nothing === 0) out.push('<p>None: every association earns credit in every solution area it names.</p>');
  else {
    out.push('<table class="list"><thead><tr><th scope="col">Customer</th><th scope="col">Association</th><th scope="col">Earns nothing in</th><th scope="col">Why</th></tr></thead><tbody>');
    for (const c of report.customers) {
      const entries = [...c.notCounting.map((n) => ({ n, all: true })), ...c.partial.map((n) => ({ n, all: false }))].sort((a, b) => a.n.line - b.n.line);
      for (const { n, all } of entries) {
        const where = n.areas.length === 0 ? 'any area' : n.areas.map((a) => SOLUTION_AREA_TITLES[a]).join(', ');
        out.push(
          `<tr><td>${esc(c.name)}</td><td>${link(links, c.uri, n.line, esc(describeAssociation(n)))} <span class="muted where">${esc(`${links.display(c.uri)}:${n.line}`)}</span></td><td>${esc(all ? (n.areas.length > 0 ? `${where} (all it names)` : where) : where)}</td><td class="why">${esc(n.reasons.join(' '))}</td></tr>`,
        );
      }
    }
    out.push('</tbody></table>');
  }
  out.push('</section>');

  if (report.skipped.length > 0) {
    out.push(`<section id="skipped" aria-labelledby="skipped-h"><h2 id="skipped-h">Records that could not be read (${report.skipped.length})</h2><ul>`);
    for (const s of report.skipped) out.push(`<li>${link(links, s.uri, 1, esc(links.display(s.uri)), ' class="where"')}: ${esc(s.reason)}</li>`);
    out.push('</ul></section>');
  }
  out.push('<footer>An association earns credit in a solution area when its record names the area, the edition counts its type there, it runs on the report\'s date, and no rule withdraws the credit or reports an error on it.</footer>');
  return out.join('\n');
}

/** The whole page. */
export function renderHtml(report: CoverageReport, links: ReportLinks, options: HtmlOptions = {}): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${esc(options.title ?? 'Partner association coverage')} · ${esc(report.asOf)}</title>
<style>${STYLE}</style>
</head>
<body>
<main id="report">
${renderHtmlBody(report, links, options)}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
