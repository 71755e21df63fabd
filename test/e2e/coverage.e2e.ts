// Show Coverage in a real VS Code (code-server's workbench and extension
// host), driven by Chromium: the report opens from the Command Palette in a
// webview, a click on a cell or a gap opens the record at its line, and the
// view follows an edit. The workspace is a copy of examples/. Screenshots go
// to test-output/e2e-coverage/.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { CHROMIUM, REPO, ensureCodeServer, openWorkbench, startCodeServer, type Running, type Workbench } from './codeserver';

const VSIX = join(REPO, 'assoc-records.vsix');
const FIXTURE = join(REPO, 'examples');
const SHOTS = join(REPO, 'test-output', 'e2e-coverage');

// The page's objects, as far as the test reads them (the project compiles without the DOM library).
interface PageElement {
  style: { getPropertyValue(name: string): string };
  ownerDocument: { defaultView: { getComputedStyle(e: PageElement): { backgroundColor: string } }; documentElement: PageElement };
}

/** `#1f1f1f` as CSS computes it: `rgb(31, 31, 31)`. */
function rgb(hex: string): string {
  const n = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${n.join(', ')})`;
}

describe('Show Coverage in VS Code', { timeout: 15 * 60 * 1000 }, () => {
  let server: Running;
  let wb: Workbench;
  let page: Page;

  const shot = (name: string) => wb.shot(name);
  const until = (what: string, ok: () => Promise<boolean>) => wb.until(what, ok);
  const command = (title: string) => wb.command(title);

  /** The report's page: inside the webview's frame, inside its host frame. */
  const report = (): FrameLocator => page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');

  /** The cursor's place, as the status bar shows it. */
  const cursorAt = () => page.locator('.statusbar-item', { hasText: /^Ln \d+, Col \d+/ }).first().innerText();

  before(async () => {
    assert.ok(existsSync(VSIX), 'build the package first: npm run package');
    assert.ok(existsSync(CHROMIUM), `Chromium is needed at ${CHROMIUM} (apt-get install chromium)`);
    ensureCodeServer();
    server = await startCodeServer(VSIX, FIXTURE);
    wb = await openWorkbench(server, { dir: SHOTS, prefix: 'coverage' }, { width: 1600, height: 1000 });
    page = wb.page;
  });

  after(async () => {
    // How the workbench looked at the end: the first thing to see when a step failed.
    await page?.screenshot({ path: join(SHOTS, 'last.png') }).catch(() => undefined);
    await wb?.close();
    server?.stop();
  });

  test('the Command Palette opens the report of the workspace in a webview', async () => {
    await command('Partner Associations: Show Coverage');
    await page.locator('.tabs-container .tab', { hasText: 'Partner Association Coverage' }).waitFor({ timeout: 30000 });
    const view = report();
    await view.locator('#matrix-table').waitFor({ timeout: 90000 });
    assert.equal(await view.locator('tr.customer').count(), 8);
    const contoso = view.locator('tr.customer', { has: view.locator('th a', { hasText: 'Contoso Ltd.' }) });
    assert.deepEqual(await contoso.locator('td[data-area="infrastructure"] .chip').allInnerTexts(), ['DPOR', 'PAL']);
    // The theme's colours, not the page's own: the editor's background, as VS Code sets it on the page.
    const colours = await view.locator('body').evaluate((b) => {
      const e = b as unknown as PageElement;
      return { bg: e.ownerDocument.defaultView.getComputedStyle(e).backgroundColor, themed: e.ownerDocument.documentElement.style.getPropertyValue('--vscode-editor-background').trim() };
    });
    assert.match(colours.themed, /^#[0-9a-f]{6}$/i, 'VS Code sets its colours on the page');
    assert.equal(colours.bg, rgb(colours.themed));
    assert.ok(await view.locator('#gaps ol.gaps > li').count() >= 1);
    await shot('coverage-webview');
  });

  test('clicking a cell opens the record at the association', async () => {
    const view = report();
    const contoso = view.locator('tr.customer', { has: view.locator('th a', { hasText: 'Contoso Ltd.' }) });
    await contoso.locator('td[data-area="infrastructure"] .chip', { hasText: 'DPOR' }).click();
    await page.locator('.tabs-container .tab.active', { hasText: 'contoso.assoc.yaml' }).waitFor({ timeout: 30000 });
    await until('the cursor on line 50', async () => /^Ln 50, Col 5\b/.test(await cursorAt()));
    const line = page.locator('.monaco-editor .view-line', { hasText: 'type: DPOR' });
    assert.ok((await line.count()) > 0, 'the association is in view');
    // The report stays in view beside the record.
    assert.equal(await page.locator('.tabs-container .tab', { hasText: 'Partner Association Coverage' }).count(), 1);
    await shot('record-at-cell');
  });

  test('clicking a gap opens its record at the line', async () => {
    const gap = report().locator('#gaps ol.gaps > li[data-kind="ea-azure-unlinked"] a.where');
    assert.equal(await gap.innerText(), 'customers/enterprise/wide-world-importers.assoc.yaml:22');
    await gap.click();
    await page.locator('.tabs-container .tab.active', { hasText: 'wide-world-importers.assoc.yaml' }).waitFor({ timeout: 30000 });
    await until('the cursor on line 22', async () => /^Ln 22, Col 5\b/.test(await cursorAt()));
    assert.equal(await page.locator('.editor-group-container').count(), 2, 'in the same column as the first record, beside the report');
    await shot('record-at-gap');
  });

  test('the report follows an edit that is not saved', async () => {
    // In Contoso's record, our DPOR on contoso-prod now starts in the future: it no longer counts today.
    await page.locator('.tabs-container .tab', { hasText: 'contoso.assoc.yaml' }).click();
    const since = page.locator('.monaco-editor .view-line', { hasText: 'since: 2024-07-01' }).first();
    const retype = async (date: string) => {
      await page.keyboard.press('End');
      for (let i = 0; i < date.length; i++) await page.keyboard.press('Shift+ArrowLeft');
      await page.keyboard.type(date);
    };
    await since.click();
    await retype('2099-07-01');
    const view = report();
    const cell = view.locator('tr.customer', { has: view.locator('th a', { hasText: 'Contoso Ltd.' }) }).locator('td[data-area="data-ai"]');
    await cell.locator('.chip.missed', { hasText: 'DPOR' }).waitFor({ timeout: 30000 });
    assert.match((await cell.locator('.chip.missed').getAttribute('title'))!, /It starts on 2099-07-01/);
    await shot('report-follows-edit');
    await retype('2024-07-01');
    await cell.locator('.chip:not(.missed)', { hasText: 'DPOR' }).waitFor({ timeout: 30000 });
  });

  test('the status bar item offers the report', async () => {
    await page.locator('.statusbar-item', { hasText: /Assoc \d{4}-\d{2}/ }).click();
    const pick = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Show Coverage' });
    await pick.waitFor({ timeout: 30000 });
    await shot('status-bar-menu');
    await page.keyboard.press('Escape');
  });
});
