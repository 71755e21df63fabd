// Runs inside VS Code: the same scenarios as test/e2e, through the VS Code API.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

async function until<T>(what: string, get: () => T | undefined | Promise<T | undefined>, timeoutMs = 60000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function fileUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

const dporProblems = (uri: vscode.Uri) =>
  vscode.languages.getDiagnostics(uri).filter((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'dpor-one-per-subscription');

const scenarios: Array<[string, () => Promise<void>]> = [
  [
    'diagnostics for the duplicate DPOR in both records, one of them never opened',
    async () => {
      const doc = await vscode.workspace.openTextDocument(fileUri('fabrikam.assoc.yaml'));
      await vscode.window.showTextDocument(doc);
      assert.equal(doc.languageId, 'assoc-yaml');
      await until('the open file', () => dporProblems(doc.uri).length === 1);
      await until('the file that is not open', () => dporProblems(fileUri('fabrikam-europe.assoc.yaml')).length === 1);
    },
  ],
  [
    'hovering DPOR shows its documentation',
    async () => {
      const doc = await vscode.workspace.openTextDocument(fileUri('fabrikam.assoc.yaml'));
      const line = doc.getText().split('\n').findIndex((l) => l.includes('type: DPOR'));
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, 12));
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      assert.match(text, /Digital Partner of Record/);
    },
  ],
  [
    'completion offers the association types',
    async () => {
      const doc = await vscode.workspace.openTextDocument(fileUri('contoso.assoc.yaml'));
      const last = doc.lineCount - 1;
      const pos = doc.lineAt(last).text.trim() === '' ? new vscode.Position(last - 1, doc.lineAt(last - 1).text.length) : new vscode.Position(last, doc.lineAt(last).text.length);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, pos);
      const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      for (const t of ['CPOR', 'DPOR', 'PAL', 'CSP', 'TPOR']) assert.ok(labels.includes(t), t);
    },
  ],
  [
    'the outline lists the associations',
    async () => {
      const uri = fileUri('fabrikam.assoc.yaml');
      const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
      assert.ok(symbols.some((s) => s.name === 'DPOR 1234567 → fabrikam-prod'));
    },
  ],
  [
    'the quick fix ends the earlier DPOR, keeps the comments and clears both diagnostics',
    async () => {
      const doc = await vscode.workspace.openTextDocument(fileUri('fabrikam.assoc.yaml'));
      const [problem] = dporProblems(doc.uri);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, problem.range, vscode.CodeActionKind.QuickFix.value);
      const fix = actions.find((a) => a.title.startsWith('End this association on 2024-08-31'));
      assert.ok(fix?.edit, actions.map((a) => a.title).join(', '));
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      await doc.save();
      const text = doc.getText();
      assert.match(text, /    since: 2024-03-01\n    until: 2024-08-31\n/);
      assert.ok(text.includes('# We took over operations in March 2024.'));
      await until('no DPOR conflict left', () => dporProblems(doc.uri).length === 0 && dporProblems(fileUri('fabrikam-europe.assoc.yaml')).length === 0);
    },
  ],
];

export async function run(): Promise<void> {
  const failures: string[] = [];
  for (const [name, fn] of scenarios) {
    try {
      await fn();
      console.log(`ok - ${name}`);
    } catch (e) {
      failures.push(name);
      console.log(`not ok - ${name}\n${(e as Error).stack}`);
    }
  }
  console.log(`${scenarios.length - failures.length} passed, ${failures.length} failed`);
  if (failures.length > 0) throw new Error(`${failures.length} scenario(s) failed`);
}
