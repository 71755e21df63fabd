// End to end in a real VS Code (code-server's workbench and extension host),
// driven by Chromium: what a person sees. Screenshots go to test-output/e2e/.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CHROMIUM, REPO, ensureCodeServer, openWorkbench, startCodeServer, type Running, type Workbench } from './codeserver';

const VSIX = join(REPO, 'assoc-records.vsix');
const FIXTURE = join(REPO, 'test', 'fixtures', 'editor');
const SHOTS = join(REPO, 'test-output', 'e2e');

describe('the extension in VS Code', { timeout: 15 * 60 * 1000 }, () => {
  let server: Running;
  let wb: Workbench;
  let page: Page;

  const shot = (name: string) => wb.shot(name);
  const problems = () => wb.problems();
  const until = (what: string, ok: () => Promise<boolean>) => wb.until(what, ok);
  const openFile = (name: string) => wb.openFile(name);

  before(async () => {
    assert.ok(existsSync(VSIX), 'build the package first: npm run package');
    assert.ok(existsSync(CHROMIUM), `Chromium is needed at ${CHROMIUM} (apt-get install chromium)`);
    ensureCodeServer();
    server = await startCodeServer(VSIX, FIXTURE);
    wb = await openWorkbench(server, { dir: SHOTS, prefix: 'editor' });
    page = wb.page;
  });

  after(async () => {
    await wb?.close();
    server?.stop();
  });

  test('the Problems panel lists the duplicate DPOR in both records, one of them never opened', async () => {
    await openFile('fabrikam.assoc.yaml');
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel').waitFor();
    await until('two dpor-one-per-subscription problems', async () => (await problems()).filter((r) => r.includes('dpor-one-per-subscription')).length >= 2);
    const rows = await problems();
    await shot('problems-duplicate-dpor');
    assert.ok(rows.some((r) => r.includes('fabrikam-europe.assoc.yaml')), `the unopened file is listed: ${rows.join(' | ')}`);
    const tabs = await page.locator('.tabs-container .tab').allInnerTexts();
    assert.ok(!tabs.some((t) => t.includes('fabrikam-europe')), 'fabrikam-europe.assoc.yaml was never opened');
  });

  test('the status bar shows the rules edition', async () => {
    const item = page.locator('.statusbar-item', { hasText: 'Assoc 2023-08' });
    await item.waitFor({ timeout: 30000 });
    await shot('status-bar-edition');
  });

  test('hovering DPOR shows its documentation', async () => {
    const token = page.locator('.monaco-editor .view-line span span', { hasText: /^DPOR$/ }).first();
    const hover = page.locator('.monaco-hover-content', { hasText: 'Digital Partner of Record' });
    // A hover needs the mouse to arrive: on a busy machine the first may come before the editor listens, so the
    // mouse leaves and comes back until the hover shows.
    await until('the hover on DPOR', async () => {
      await page.locator('.explorer-folders-view').hover();
      await token.hover();
      return hover.waitFor({ timeout: 5000 }).then(
        () => true,
        () => false,
      );
    });
    const text = await hover.innerText();
    await shot('hover-dpor');
    assert.match(text, /One DPOR per subscription/);
    assert.match(text, /Infrastructure \(Azure\)/);
    await page.keyboard.press('Escape');
  });

  test('the outline lists the associations', async () => {
    const header = page.locator('.pane-header', { hasText: /outline/i }).first();
    await header.click();
    const row = page.locator('.monaco-list-row', { hasText: 'DPOR 1234567 → fabrikam-prod' }).first();
    await row.waitFor({ timeout: 30000 });
    await shot('outline');
    const rows = await page.locator('.outline-pane .monaco-list-row, .pane-body .monaco-list-row').allInnerTexts();
    assert.ok(rows.some((r) => r.includes('Fabrikam, Inc.')), rows.join(' | '));
    await header.click();
  });

  test('completion offers the association types', async () => {
    await openFile('contoso.assoc.yaml');
    const lastLine = page.locator('.monaco-editor .view-line', { hasText: '- type:' }).last();
    await lastLine.click();
    await page.keyboard.press('End');
    await page.keyboard.press('Control+Space');
    const widget = page.locator('.suggest-widget .monaco-list-row');
    await widget.first().waitFor({ timeout: 30000 });
    const labels = await widget.allInnerTexts();
    await shot('completion-types');
    for (const t of ['CPOR', 'DPOR', 'PAL', 'CSP', 'TPOR']) assert.ok(labels.some((l) => l.includes(t)), `${t} offered: ${labels.join(' | ')}`);
    await page.keyboard.press('Escape');
  });

  test('the quick fix ends the earlier DPOR, keeps the comments and clears both diagnostics', async () => {
    await openFile('fabrikam.assoc.yaml');
    const token = page.locator('.monaco-editor .view-line span span', { hasText: /^DPOR$/ }).first();
    await token.click();
    await page.keyboard.press('Control+.');
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'End this association on 2024-08-31' });
    await fix.waitFor({ timeout: 30000 });
    await shot('quick-fix-menu');
    // The menu is driven from the keyboard: move the focus to our fix, then apply it.
    const focused = page.locator('.action-widget .monaco-list-row.focused');
    for (let i = 0; i < 6 && !(await focused.innerText()).includes('End this association'); i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+S');
    const file = join(server.workspace, 'fabrikam.assoc.yaml');
    const deadline = Date.now() + 30000;
    while (!readFileSync(file, 'utf8').includes('until: 2024-08-31') && Date.now() < deadline) await page.waitForTimeout(250);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /    since: 2024-03-01\n    until: 2024-08-31\n/);
    for (const comment of ['# Fabrikam: our managed Azure estate.', '# the production landing zone', '# We took over operations in March 2024.']) {
      assert.ok(text.includes(comment), `comment kept: ${comment}`);
    }
    await until('no dpor-one-per-subscription problem left', async () => !(await problems()).some((r) => r.includes('dpor-one-per-subscription')));
    await shot('fixed-file');
    assert.ok(!(await problems()).some((r) => r.includes('dpor-one-per-subscription')));
  });

  test('a crashed server is restarted and diagnostics come back', async () => {
    const servers = () =>
      execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
        .split('\n')
        .filter((l) => /dist\/server\.js/.test(l) && l.includes(server.userData.split('/').slice(0, -1).join('/')))
        .map((l) => Number(l.trim().split(/\s+/)[0]));
    const before = servers();
    assert.equal(before.length, 1, 'one language server runs');
    process.kill(before[0], 'SIGKILL');
    await until('a new server process', async () => servers().some((p) => !before.includes(p)));
    // The restarted server checks what is typed: break a value and see it reported.
    const value = page.locator('.monaco-editor .view-line span span', { hasText: /^EA$/ }).first();
    await value.click();
    await page.keyboard.press('End');
    await page.keyboard.type('X');
    await until('the new server reports the typo', async () => (await problems()).some((r) => r.includes('"EAX" is not a valid value')));
    await shot('after-server-restart');
    await page.keyboard.press('Control+Z');
  });
});
