// The editor features of the extension, end to end in a real VS Code
// (code-server's workbench and extension host, driven by Chromium), each done
// the way a person does it: formatting, completion that opens again, snippets,
// rename, inlay hints, .assocrc.yaml's problems and quick fix, and settings
// per folder of a multi-root workspace. Screenshots go to test-output/e2e/,
// named features-NN-*.png and multiroot-NN-*.png.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM, REPO, ensureCodeServer, openWorkbench, startCodeServer, type Running, type Workbench } from './codeserver';

const VSIX = join(REPO, 'assoc-records.vsix');
const SHOTS = join(REPO, 'test-output', 'e2e');

function prerequisites() {
  assert.ok(existsSync(VSIX), 'build the package first: npm run package');
  assert.ok(existsSync(CHROMIUM), `Chromium is needed at ${CHROMIUM} (apt-get install chromium)`);
  ensureCodeServer();
}

/** The image an Explorer label draws before its name: the file icon (run in the page). */
function iconImage(label: unknown): string {
  const win = globalThis as unknown as { getComputedStyle(e: unknown, pseudo: string): { backgroundImage: string } };
  return win.getComputedStyle(label, '::before').backgroundImage;
}

/** Hides the panel (Problems, Output) if it is open, to give the editor its full height. */
async function hidePanel(wb: Workbench) {
  if (await wb.page.locator('.part.panel').isVisible()) await wb.page.keyboard.press('Control+J');
  await wb.until('the panel is hidden', async () => !(await wb.page.locator('.part.panel').isVisible()), 10000);
}

/** Waits until a file on disk passes a check, and returns its text. */
async function onDisk(wb: Workbench, path: string, what: string, ok: (text: string) => boolean): Promise<string> {
  await wb.until(`${what} (${path})`, async () => ok(readFileSync(path, 'utf8')), 30000);
  return readFileSync(path, 'utf8');
}

describe('editor features in VS Code', { timeout: 15 * 60 * 1000 }, () => {
  let server: Running;
  let wb: Workbench;
  const file = (name: string) => join(server.workspace, name);

  before(async () => {
    prerequisites();
    server = await startCodeServer(VSIX, join(REPO, 'test', 'fixtures', 'features'));
    wb = await openWorkbench(server, { dir: SHOTS, prefix: 'features' });
  });

  after(async () => {
    await wb?.close();
    server?.stop();
  });

  test('the Explorer shows records with the extension\'s file icon, the variant for the theme', async () => {
    const label = wb.page.locator('.explorer-folders-view .monaco-icon-label', { hasText: 'tailspin.assoc.yaml' }).first();
    await label.waitFor();
    await wb.until('the Explorer knows the file as a record', async () => /\bassoc-yaml-lang-file-icon\b/.test((await label.getAttribute('class')) ?? ''));
    await wb.until('the record icon is drawn', async () => /record-(dark|light)\.svg/.test(await label.evaluate(iconImage)));
    const dark = /\bvs-dark\b/.test((await wb.page.locator('.monaco-workbench').getAttribute('class')) ?? '');
    await wb.shot('file-icon');
    assert.match(decodeURIComponent(await label.evaluate(iconImage)), dark ? /images\/record-dark\.svg/ : /images\/record-light\.svg/);
  });

  test('Format Document fixes the indentation of a messy record and keeps its comments', async () => {
    await wb.openFile('messy.assoc.yaml');
    await hidePanel(wb);
    // The language server is up once the status bar shows the record's edition.
    await wb.page.locator('.statusbar-item', { hasText: /Assoc \d{4}-\d{2}/ }).waitFor({ timeout: 60000 });
    await wb.shot('format-before');
    await wb.command('Format Document');
    const expected = [
      '# Adatum: pasted together from two old spreadsheets.',
      'version: 1',
      'customer:',
      '  name: Adatum Corporation',
      '  tenantId: 2c9d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f   # from the EA portal',
      '  segment: enterprise',
      'subscriptions:',
      '  - id: 3d4e5f6a-7b8c-4d9e-8f0a-1b2c3d4e5f6a',
      '    name: adatum-prod',
      '    product: Azure',
      '    licensing: EA',
      'associations:',
      '  # Renewed every spring.',
      '  - type: DPOR',
      '    partnerId: 1234567',
      '    subscription: adatum-prod',
      '    solutionAreas:',
      '      - infrastructure',
      '      - data-ai',
      '    since: 2024-04-01',
      '',
    ];
    await wb.until('the record is formatted', async () => JSON.stringify(await wb.editorLines()) === JSON.stringify(expected), 30000);
    await wb.shot('format-after');
    // Formatting again changes nothing.
    await wb.command('Format Document');
    await wb.page.waitForTimeout(1000);
    assert.deepEqual(await wb.editorLines(), expected);
  });

  test('the strings of package.nls.json reach the workbench: the language\'s name, and a command found by its title', async () => {
    // messy.assoc.yaml is open: the status bar names its language.
    const nls = JSON.parse(readFileSync(join(REPO, 'package.nls.json'), 'utf8')) as Record<string, string>;
    await wb.page.locator('.statusbar-item', { hasText: nls['language.alias'] }).first().waitFor({ timeout: 30000 });
    await wb.command(`${nls['command.category']}: ${nls['command.showOutput.title']}`);
    // The server's log, in the extension's output channel.
    await wb.until('the server\'s output is shown', async () => /\[info\]\sindexed\s\d+\srecord\sfile/.test(await wb.page.locator('.part.panel').innerText().catch(() => '')), 30000);
    await wb.shot('server-output');
    await hidePanel(wb);
  });

  test('with editor.formatOnSave, saving a record formats it and keeps its comments', async () => {
    await wb.openFile('onsave.assoc.yaml');
    // An edit, then Ctrl+S: the folder's settings turn formatOnSave on.
    await wb.page.locator('.editor-group-container.active .monaco-editor .view-line').first().click();
    await wb.page.keyboard.press('Control+Home');
    await wb.page.keyboard.type('# Reviewed in May 2025.');
    await wb.page.keyboard.press('Enter');
    await wb.page.keyboard.press('Control+S');
    const text = await onDisk(wb, file('onsave.assoc.yaml'), 'the record is saved with the new comment', (t) => t.startsWith('# Reviewed in May 2025.\n'));
    await wb.shot('format-on-save');
    assert.equal(
      text,
      [
        '# Reviewed in May 2025.',
        '# Northwind: as it came out of the old export.',
        'version: 1',
        'customer:',
        '  name: Northwind Traders',
        '  tenantId: 7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e',
        '  segment: smb',
        'associations:',
        '  # Billed through us since 2023.',
        '  - type: CSP',
        '    partnerId: 2345678',
        '    model: direct-bill',
        '    solutionAreas:',
        '      - modern-work',
        '      - infrastructure',
        '',
      ].join('\n'),
    );
  });

  test('accepting the key `type` opens the suggestions again, with the association types, without Ctrl+Space', async () => {
    await wb.openFile('fourth-coffee.assoc.yaml');
    await hidePanel(wb);
    const line = wb.page.locator('.editor-group-container.active .monaco-editor .view-line').filter({ hasText: /^\s*-\s*$/ }).last();
    await line.click();
    await wb.page.keyboard.press('End');
    await wb.page.keyboard.press('Control+Space');
    await wb.until('the suggestions open', async () => (await wb.suggestions()).length > 0, 30000);
    await wb.page.keyboard.type('typ');
    await wb.until('`type` is the suggestion in focus', async () => /^type\b/.test(await wb.page.locator('.suggest-widget.visible .monaco-list-row.focused .label-name').innerText().catch(() => '')), 30000);
    const first = await wb.suggestions();
    assert.ok(!first.includes('DPOR'), `the first list offers keys, not values: ${first.join(' | ')}`);
    await wb.shot('completion-key');
    await wb.page.keyboard.press('Enter');
    // No key is pressed from here on: the list must open by itself.
    await wb.until('the list opens again with the types', async () => {
      const s = await wb.suggestions();
      return ['CPOR', 'DPOR', 'PAL', 'CSP', 'TPOR'].every((t) => s.includes(t));
    }, 30000);
    await wb.shot('completion-reopened');
    assert.ok((await wb.editorLines()).includes('  - type: '), (await wb.editorLines()).join('\n'));
    await wb.page.keyboard.press('Escape');
  });

  test('in a new, empty x.assoc.yaml, the "Partner association record" snippet writes a whole record', async () => {
    // A new file from the Explorer's toolbar, at the top of the workspace.
    await wb.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'messy.assoc.yaml' }).first().click();
    await wb.page.locator('.explorer-folders-view').hover();
    await wb.page.locator('.pane-header .action-label[aria-label^="New File"]').first().click();
    const name = wb.page.locator('.explorer-folders-view .monaco-inputbox input');
    await name.waitFor();
    await name.fill('x.assoc.yaml');
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.tabs-container .tab.active', { hasText: 'x.assoc.yaml' }).waitFor({ timeout: 30000 });
    await wb.page.locator('.editor-group-container.active .monaco-editor .view-line').first().click();
    await wb.page.keyboard.press('Control+Space');
    await wb.page.keyboard.type('Partner');
    await wb.until('the record snippet is offered', async () => (await wb.suggestions()).includes('Partner association record'), 30000);
    await wb.shot('snippet-record-offered');
    await wb.page.keyboard.press('Enter');
    // The first place to fill in is the customer's name.
    await wb.page.keyboard.type('Litware Stores');
    await wb.page.keyboard.press('Escape');
    await wb.page.keyboard.press('Control+S');
    const text = await onDisk(wb, file('x.assoc.yaml'), 'the new record is saved', (t) => t.includes('Litware Stores'));
    await wb.shot('snippet-record');
    assert.match(
      text,
      /^version: 1\ncustomer:\n  name: Litware Stores\n  tenantId: 0{8}-0{4}-0{4}-0{4}-0{12}\n  segment: enterprise\nsubscriptions:\n  - id: 0{8}-0{4}-0{4}-0{4}-0{12}\n    name: production\n    product: Azure\n    licensing: EA\nassociations:\n  - type: DPOR\n/,
    );
  });

  test('at a new `- ` under associations, the "DPOR association" snippet writes a DPOR', async () => {
    await wb.openFile('wingtip.assoc.yaml');
    await hidePanel(wb);
    const line = wb.page.locator('.editor-group-container.active .monaco-editor .view-line').filter({ hasText: /^\s*-\s*$/ }).last();
    await line.click();
    await wb.page.keyboard.press('End');
    await wb.page.keyboard.press('Control+Space');
    await wb.page.keyboard.type('DPOR');
    await wb.until('the DPOR snippet is offered', async () => (await wb.suggestions()).includes('DPOR association'), 30000);
    await wb.until('and in focus', async () => (await wb.page.locator('.suggest-widget.visible .monaco-list-row.focused .label-name').innerText().catch(() => '')) === 'DPOR association', 30000);
    await wb.shot('snippet-dpor-offered');
    await wb.page.keyboard.press('Enter');
    // Tab from the PartnerID to the subscription, and name it.
    await wb.page.keyboard.press('Tab');
    await wb.page.keyboard.type('wingtip-prod');
    await wb.until('the declared subscription is suggested', async () => (await wb.suggestions()).includes('wingtip-prod'), 30000);
    await wb.page.keyboard.press('Escape');
    await wb.page.keyboard.press('Escape');
    await wb.page.keyboard.press('Control+S');
    const text = await onDisk(wb, file('wingtip.assoc.yaml'), 'the DPOR is saved', (t) => t.includes('type: DPOR'));
    await wb.shot('snippet-dpor');
    assert.match(text, /\n {2}- type: DPOR\n {4}partnerId: 1234567\n {4}subscription: wingtip-prod\n {4}solutionAreas: \[infrastructure\]\n {4}since: YYYY-MM-DD\n/);
    assert.ok(text.startsWith('# Wingtip Toys: a second association is on its way.\n'), 'the comment stays');
  });

  test('an inlay hint names the subscription written as its GUID; F2 renames the subscription and every reference by name', async () => {
    await wb.openFile('tailspin.assoc.yaml');
    await hidePanel(wb);
    const guidLine = () => wb.page.locator('.editor-group-container.active .monaco-editor .view-line', { hasText: 'subscription: 5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c' }).first();
    await wb.until('the inlay hint', async () => /5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c\s*tailspin-prod\s*$/.test((await guidLine().textContent())?.replace(/\u00a0/g, ' ') ?? ''), 30000);
    await wb.shot('inlay-hint');

    const name = wb.page.locator('.editor-group-container.active .monaco-editor .view-line', { hasText: 'name: tailspin-prod' }).locator('span span', { hasText: 'tailspin-prod' }).first();
    await name.click();
    await wb.page.keyboard.press('F2');
    const box = wb.page.locator('.monaco-editor .rename-box input.rename-input').first();
    await box.waitFor({ timeout: 30000 });
    await wb.until('the rename box has the focus', () => box.evaluate((e) => (e as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement === e));
    assert.equal(await box.inputValue(), 'tailspin-prod', 'the box holds the name to change');
    await wb.page.keyboard.press('Control+A');
    await wb.page.keyboard.type('tailspin-production');
    await wb.shot('rename-box');
    await wb.page.keyboard.press('Enter');
    await wb.until('the references follow', async () => (await wb.editorLines()).filter((l) => l === '    subscription: tailspin-production').length === 2, 30000);
    await wb.page.keyboard.press('Control+S');
    const text = await onDisk(wb, file('tailspin.assoc.yaml'), 'the renamed record is saved', (t) => t.includes('tailspin-production'));
    assert.equal((text.match(/: tailspin-production\n/g) ?? []).length, 3, text);
    assert.ok(!/tailspin-prod\n/.test(text), 'no reference keeps the old name');
    assert.ok(text.includes('    subscription: 5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c\n'), 'the reference by GUID stays a GUID');
    // The hint follows the new name.
    await wb.until('the inlay hint shows the new name', async () => /tailspin-production\s*$/.test((await guidLine().textContent())?.replace(/\u00a0/g, ' ') ?? ''), 30000);
    await wb.shot('renamed');
  });

  test('.assocrc.yaml: a mistyped edition is in the Problems panel, its rule id opens the rule\'s page, and the quick fix corrects it', async () => {
    await wb.openFile('team/.assocrc.yaml');
    const row = () => wb.problems().then((rows) => rows.find((r) => r.includes('not "2026-5"')));
    await wb.until('the problem is listed', async () => (await row()) !== undefined);
    assert.match((await row())!, /`program` must be 2023-08 or 2026-05/);
    await wb.shot('assocrc-problem');

    // The rule id in the Problems panel is a link to the page that comes with the extension.
    await wb.page.locator('.markers-panel .monaco-list-row', { hasText: 'not "2026-5"' }).locator('a', { hasText: 'config' }).first().click();
    await wb.page.locator('.tabs-container .tab.active', { hasText: 'config.md' }).waitFor({ timeout: 30000 });
    await wb.until('the page is shown', async () => (await wb.editorLines())[0] === '# config');
    await wb.shot('assocrc-rule-page');
    await wb.openFile('team/.assocrc.yaml');

    await wb.until('the problem is listed again', async () => (await row()) !== undefined);
    const fix = wb.page.locator('.action-widget .monaco-list-row', { hasText: "Change to '2026-05'" });
    // The editor reopened a moment ago: until it holds the file's problems again, the menu has no fix in it, and
    // it is asked for again.
    await wb.until('the quick fix is offered', async () => {
      await wb.page.locator('.editor-group-container.active .monaco-editor .view-line span span', { hasText: '2026-5' }).first().click();
      await wb.page.keyboard.press('Control+.');
      const shown = await fix.waitFor({ timeout: 5000 }).then(
        () => true,
        () => false,
      );
      if (!shown) await wb.page.keyboard.press('Escape');
      return shown;
    });
    await wb.shot('assocrc-quick-fix');
    const focused = wb.page.locator('.action-widget .monaco-list-row.focused');
    for (let i = 0; i < 6 && !(await focused.innerText()).includes("Change to '2026-05'"); i++) await wb.page.keyboard.press('ArrowDown');
    await wb.page.keyboard.press('Enter');
    // Saved once the fix is in the editor: a save that comes first writes the file as it was.
    await wb.until('the fix is in the editor', async () => (await wb.editorLines()).some((l) => l.includes('program: 2026-05')));
    await wb.page.keyboard.press('Control+S');
    const text = await onDisk(wb, join(server.workspace, 'team', '.assocrc.yaml'), 'the fixed file is saved', (t) => t.includes('program: 2026-05'));
    assert.equal(text, "# The rules edition for the team's records.\nprogram: 2026-05\n");
    await wb.until('the problem is gone', async () => (await row()) === undefined);
    await wb.shot('assocrc-fixed');
  });
});

describe('settings per folder of a multi-root workspace', { timeout: 10 * 60 * 1000 }, () => {
  let server: Running;
  let wb: Workbench;

  before(async () => {
    prerequisites();
    // The workspace file sets 2023-08 for every folder; newer/.vscode/settings.json sets 2026-05.
    server = await startCodeServer(VSIX, join(REPO, 'test', 'fixtures', 'multiroot'), { workspaceFile: 'assoc.code-workspace' });
    wb = await openWorkbench(server, { dir: SHOTS, prefix: 'multiroot' });
  });

  after(async () => {
    await wb?.close();
    server?.stop();
  });

  test('the status bar shows each folder\'s edition, and a rule of the newer edition fires only in that folder\'s record', async () => {
    const edition = wb.page.locator('.statusbar-item', { hasText: /Assoc \d{4}-\d{2}/ });
    await wb.openFile('older/litware.assoc.yaml');
    await wb.until('2023-08 for the older folder', async () => (await edition.innerText().catch(() => '')).includes('Assoc 2023-08'));
    await wb.shot('older-folder-edition');
    await wb.openFile('newer/proseware.assoc.yaml');
    await wb.until('2026-05 for the newer folder', async () => (await edition.innerText().catch(() => '')).includes('Assoc 2026-05'));
    await wb.shot('newer-folder-edition');

    // tpor-no-credit runs in 2026-05 only: both records hold a TPOR, one finding.
    await wb.until('tpor-no-credit in the newer folder\'s record', async () => (await wb.problems()).some((r) => r.includes('tpor-no-credit')));
    await wb.page.waitForTimeout(2000);
    const rows = await wb.problems();
    await wb.shot('problems-per-folder');
    assert.equal(rows.filter((r) => r.includes('tpor-no-credit')).length, 1, rows.join(' | '));
    assert.ok(rows.some((r) => r.includes('proseware.assoc.yaml')), rows.join(' | '));
    assert.ok(!rows.some((r) => r.includes('litware.assoc.yaml')), `the older folder's record has no problem: ${rows.join(' | ')}`);
    // And back: the older record's edition again.
    await wb.openFile('older/litware.assoc.yaml');
    await wb.until('2023-08 again', async () => (await edition.innerText().catch(() => '')).includes('Assoc 2023-08'));
  });
});
