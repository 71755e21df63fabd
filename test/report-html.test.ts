// The HTML coverage report in a real browser: Debian's Chromium, headless,
// through playwright-core. The page written by the built assoc-lint for
// examples/ is opened from disk and checked in its DOM: the matrix, sorting,
// filtering, a gap's link, what a VS Code webview is sent, the theme's
// variables, print; a screenshot goes to test-output/report/. Without
// Chromium the tests are reported as skipped, saying why.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { EDITION_IDS } from '../server/src/service/editions';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'dist', 'assoc-lint.js');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OUT = join(ROOT, 'test-output', 'report');
const PAGE = join(OUT, 'coverage.html');
const NEWEST = EDITION_IDS[EDITION_IDS.length - 1];

// The page's globals, as far as the functions run in it use them (the project compiles without the DOM library).
interface PageElement {
  hidden: boolean;
  href: string;
  textContent: string | null;
  innerHTML: string;
  getAttribute(name: string): string | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
  classList: { add(name: string): void };
  style: { setProperty(name: string, value: string): void };
}
declare const document: { body: PageElement; documentElement: PageElement; getElementById(id: string): PageElement | null };
declare const window: { postMessage(message: unknown, origin: string): void; __posted?: unknown[]; __reached?: number };
declare function getComputedStyle(e: PageElement): { backgroundColor: string; borderLeftColor: string; textDecorationLine: string };

const skip = existsSync(CHROMIUM) ? false : `Chromium is not at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;

describe('the HTML coverage report in Chromium', { timeout: 120000 }, () => {
  let context: BrowserContext;
  let profile: string;
  const requests: string[] = [];

  // Each test is reported as skipped, with the reason, when there is no Chromium.
  const test = (name: string, fn: () => Promise<void>) => it(name, { skip }, fn);

  before(async () => {
    if (skip) return;
    mkdirSync(OUT, { recursive: true });
    const r = spawnSync(process.execPath, [BIN, 'report', 'examples/', '--as-of', '2026-01-15', '--compare', NEWEST, '-o', PAGE], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    profile = mkdtempSync(join(tmpdir(), 'assoc-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1400, height: 900 },
    });
    context.on('request', (req) => requests.push(req.url()));
  });

  after(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  async function open(init?: string): Promise<Page> {
    const page = await context.newPage();
    if (init) await page.addInitScript(init);
    await page.goto(pathToFileURL(PAGE).href);
    await page.locator('#matrix-table').waitFor();
    return page;
  }

  /** The visible rows' names, per segment. */
  const visible = (page: Page) =>
    page.$$eval('#matrix-table tbody', (bodies) =>
      bodies.map((b) => [(b as PageElement).getAttribute('data-segment'), ...[...(b as PageElement).querySelectorAll('tr.customer')].filter((tr) => !tr.hidden).map((tr) => tr.querySelector('th a')!.textContent)]),
    );

  test('the matrix: a row per customer by segment, a chip per association that counts, struck-out ones that do not, totals; nothing fetched', async () => {
    const page = await open();
    assert.deepEqual(await visible(page), [
      ['enterprise', 'Adventure Works Cycles', 'Contoso Ltd.', 'Fabrikam, Inc.', 'Wide World Importers', 'Woodgrove Bank'],
      ['smb', 'Litware, Inc.', 'Northwind Traders', 'Tailspin Toys'],
    ]);
    const row = (name: string) => page.locator('tr.customer', { has: page.locator('th a', { hasText: name }) });
    assert.deepEqual(await row('Contoso Ltd.').locator('td[data-area="infrastructure"] .chip').allInnerTexts(), ['DPOR', 'PAL']);
    const struck = row('Litware, Inc.').locator('td[data-area="infrastructure"] .chip.missed');
    assert.equal(await struck.innerText(), 'DPOR');
    assert.match((await struck.getAttribute('title'))!, /earns nothing here\. This DPOR overlaps another DPOR/);
    assert.equal(await struck.evaluate((e) => getComputedStyle(e as PageElement).textDecorationLine), 'line-through');
    assert.equal(await row('Contoso Ltd.').locator('td[data-area="modern-work"] .chip').count(), 0);
    assert.equal(await page.locator('tfoot td[data-total="data-ai"]').innerText(), '4');
    assert.equal(await page.locator('#gaps ol.gaps > li').count(), 3);
    assert.match(await page.locator('#compare').innerText(), /loses credit/);
    await page.screenshot({ path: join(OUT, 'coverage.png'), fullPage: true });
    assert.deepEqual([...new Set(requests.filter((u) => !u.startsWith('file:')))], [], 'no request leaves the machine');
    await page.close();
  });

  test('sorting: a column heading sorts the rows within each segment, again reverses', async () => {
    const page = await open();
    const counts = (area: string) => page.$$eval(`#matrix-table tbody`, (bodies, a) => bodies.map((b) => [...(b as PageElement).querySelectorAll(`td[data-area="${a}"]`)].map((td) => Number(td.getAttribute('data-n')))), area);
    await page.click('button[data-sort="data-ai"]');
    assert.equal(await page.getAttribute('th:has(button[data-sort="data-ai"])', 'aria-sort'), 'descending');
    for (const seg of await counts('data-ai')) assert.deepEqual(seg, [...seg].sort((a, b) => b - a));
    assert.deepEqual((await visible(page))[0].slice(1, 3), ['Woodgrove Bank', 'Adventure Works Cycles'], 'two data-ai credits first, then by name');
    await page.click('button[data-sort="data-ai"]');
    assert.equal(await page.getAttribute('th:has(button[data-sort="data-ai"])', 'aria-sort'), 'ascending');
    for (const seg of await counts('data-ai')) assert.deepEqual(seg, [...seg].sort((a, b) => a - b));
    await page.click('button[data-sort="name"]');
    await page.click('button[data-sort="name"]');
    assert.deepEqual((await visible(page))[1], ['smb', 'Tailspin Toys', 'Northwind Traders', 'Litware, Inc.']);
    assert.equal(await page.getAttribute('th:has(button[data-sort="data-ai"])', 'aria-sort'), 'none');
    await page.close();
  });

  test('filtering: words, and customers with a gap; a segment with nothing left is hidden', async () => {
    const page = await open();
    await page.fill('#filter', 'litware');
    assert.deepEqual(await visible(page), [['enterprise'], ['smb', 'Litware, Inc.']]);
    assert.equal(await page.locator('#matrix-table tbody[data-segment="enterprise"]').isHidden(), true);
    assert.equal(await page.locator('#shown').innerText(), '1 of 8 customers');
    await page.fill('#filter', 'dpor 7654321');
    assert.deepEqual(await visible(page), [['enterprise', 'Contoso Ltd.', 'Wide World Importers'], ['smb']]);
    await page.fill('#filter', 'no such customer');
    assert.equal(await page.locator('#none-shown').isVisible(), true);
    await page.fill('#filter', '');
    await page.check('#only-gaps');
    assert.deepEqual(await visible(page), [['enterprise', 'Adventure Works Cycles', 'Wide World Importers'], ['smb', 'Litware, Inc.']]);
    await page.close();
  });

  test("a gap links to its record at the line, relative to the report's folder", async () => {
    const page = await open();
    const link = page.locator('#gap-1 a.where');
    assert.equal(await link.innerText(), 'examples/customers/enterprise/wide-world-importers.assoc.yaml:22');
    const href = (await link.getAttribute('href'))!;
    assert.equal(href, '../../examples/customers/enterprise/wide-world-importers.assoc.yaml#L22');
    const target = new URL(await link.evaluate((a) => (a as PageElement).href));
    assert.equal(target.hash, '#L22');
    assert.equal(fileURLToPath(new URL(target.pathname, 'file://')), join(ROOT, 'examples', 'customers', 'enterprise', 'wide-world-importers.assoc.yaml'));
    assert.equal(await link.getAttribute('data-line'), '22');
    // The matrix's count of gaps for the customer points at it.
    await page.click('tr.customer:has(th a:text("Wide World Importers")) td.gapcount a');
    assert.ok(page.url().endsWith('#gap-1'));
    await page.close();
  });

  test('in a VS Code webview: a click is posted, not followed; the page says it is ready, takes updates and keeps its filter', async () => {
    // What VS Code gives a webview's script: acquireVsCodeApi, with postMessage and a state.
    const page = await open(`
      window.__posted = []; window.__state = undefined;
      // VS Code's own link handler listens on the window: it must not see a click the page hands to the editor.
      window.__reached = 0; window.addEventListener('click', () => { window.__reached++; });
      window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => window.__state, setState: (s) => { window.__state = s; } });
    `);
    const url = page.url();
    await page.click('tr.customer:has(th a:text("Contoso Ltd.")) td[data-area="infrastructure"] .chip:text("DPOR")');
    const posted = await page.evaluate(() => window.__posted);
    assert.deepEqual(posted, [{ type: 'ready' }, { type: 'open', file: 'examples/customers/enterprise/contoso.assoc.yaml', line: 50 }]);
    assert.equal(page.url(), url, 'the link was not followed');
    assert.equal(await page.evaluate(() => window.__reached), 0, 'nor handed to the webview host');
    await page.fill('#filter', 'tailspin');
    const body = await page.evaluate(() => document.getElementById('report')!.innerHTML);
    await page.evaluate((html) => window.postMessage({ type: 'update', html: html.replaceAll('>Tailspin Toys<', '>Tailspin Toys Ltd<') }, '*'), body);
    await page.locator('th a:text("Tailspin Toys Ltd")').waitFor();
    assert.equal(await page.inputValue('#filter'), 'tailspin', 'the filter survives the update');
    assert.deepEqual(await visible(page), [['enterprise'], ['smb', 'Tailspin Toys Ltd']]);
    await page.close();
  });

  test("the theme: VS Code's colours when it sets them, light or dark ones of its own otherwise; print hides the controls", async () => {
    const page = await open();
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(await bg(), 'rgb(255, 255, 255)');
    await page.emulateMedia({ colorScheme: 'dark' });
    assert.equal(await bg(), 'rgb(13, 17, 23)');
    await page.evaluate(() => {
      document.documentElement.style.setProperty('--vscode-editor-background', 'rgb(30, 30, 30)');
      document.documentElement.style.setProperty('--vscode-charts-blue', 'rgb(1, 2, 3)');
      document.body.classList.add('vscode-dark');
    });
    assert.equal(await bg(), 'rgb(30, 30, 30)');
    assert.equal(await page.locator('.chip.t-DPOR').first().evaluate((e) => getComputedStyle(e as PageElement).borderLeftColor), 'rgb(1, 2, 3)');
    await page.emulateMedia({ media: 'print', colorScheme: 'light' });
    assert.equal(await page.locator('#filter').isVisible(), false);
    assert.equal(await page.locator('.hint').first().isVisible(), false);
    await page.screenshot({ path: join(OUT, 'coverage-print.png'), fullPage: true });
    await page.close();
  });
});
