// "Partner Associations: Show Coverage": the coverage report of the
// workspace in a webview, from the language server (CoverageRequest),
// rendered by the same code as `assoc-lint report --format html`. It
// refreshes as records change (at most once a second, and only while it is
// visible), follows the theme through VS Code's CSS variables, and a click on
// an association or a gap opens the record at its line.
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { CoverageRequest } from '../../server/src/protocol';
import type { CoverageReport } from '../../server/src/service/coverage';
import { EDITION_IDS } from '../../server/src/service/editions';
import { renderHtml, renderHtmlBody, type HtmlOptions } from '../../server/src/report/html';
import { esc, type ReportLinks } from '../../server/src/report/common';

/** A refresh waits this long for more changes, and comes no more often. */
const REFRESH_MS = 1000;

/** Today in the local calendar, YYYY-MM-DD. */
function today(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Records named as the explorer names them; a click goes back to the extension with the record's URI. */
const LINKS: ReportLinks = {
  display: (uri) => vscode.workspace.asRelativePath(vscode.Uri.parse(uri)),
  href: (uri, line) => `${uri}#L${line}`,
  file: (uri) => uri,
};

const HTML_OPTIONS: HtmlOptions = {
  clickHint: 'Click an association, a customer or a gap to open the record at its line. Click a column heading to sort. The report follows your edits.',
  compareChoices: EDITION_IDS,
};

/** What the page sends. */
type Message = { type: 'ready' } | { type: 'open'; file: string; line: number } | { type: 'compare'; edition: string };

function isMessage(m: unknown): m is Message {
  if (typeof m !== 'object' || m === null) return false;
  const x = m as { type?: unknown; file?: unknown; line?: unknown; edition?: unknown };
  return x.type === 'ready' || (x.type === 'open' && typeof x.file === 'string' && typeof x.line === 'number') || (x.type === 'compare' && typeof x.edition === 'string');
}

/** A page that says what went wrong, in the theme's colours. */
function errorPage(message: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><style>body{font-family:var(--vscode-font-family,sans-serif);color:var(--vscode-foreground,#1f2328);padding:1rem 1.5rem}</style></head><body><h1>Partner association coverage</h1><p>${esc(message)}</p></body></html>`;
}

export function registerCoverage(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  let panel: vscode.WebviewPanel | undefined;
  let report: CoverageReport | undefined;
  let compare: string | undefined;
  /** The page has loaded its script: updates can go by message, keeping its scroll and filter. */
  let ready = false;
  /** The page's HTML holds the latest report (it was not updated by message since). */
  let htmlCurrent = false;
  /** Records changed while the view was hidden. */
  let stale = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let again = false;
  /** Waiting for the language server to run. */
  let waiting: vscode.Disposable | undefined;

  /** The report into the page: by message when its script is up (it keeps its scroll and filter), else as new HTML. */
  function show(p: vscode.WebviewPanel) {
    if (!report) return;
    const options = { ...HTML_OPTIONS, compared: compare };
    if (ready) {
      void p.webview.postMessage({ type: 'update', html: renderHtmlBody(report, LINKS, options) });
      htmlCurrent = false;
      return;
    }
    htmlCurrent = true;
    p.webview.html = renderHtml(report, LINKS, options);
  }

  /** A page with a message instead of the report. */
  function message(text: string) {
    if (!panel) return;
    ready = false;
    htmlCurrent = false;
    panel.webview.html = errorPage(text);
  }

  async function refresh() {
    if (!panel) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      const c = client();
      if (!c) throw new Error('The language server has not started.');
      if (!c.isRunning()) {
        // Starting (or restarting): the report comes once the server runs.
        if (!waiting) {
          waiting = c.onDidChangeState((e) => {
            if (e.newState !== State.Running) return;
            waiting?.dispose();
            waiting = undefined;
            void refresh();
          });
        }
        if (panel && !report) message('Waiting for the language server to start…');
        return;
      }
      report = await c.sendRequest(CoverageRequest, { asOf: today(), compare });
      if (panel) show(panel);
    } catch (e) {
      message(`The coverage report could not be made: ${(e as Error).message}`);
    } finally {
      running = false;
      if (again) {
        again = false;
        schedule();
      }
    }
  }

  /** A refresh soon, if the view is visible; else once it is shown again. */
  function schedule() {
    if (!panel) return;
    if (!panel.visible) {
      stale = true;
      return;
    }
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void refresh();
    }, REFRESH_MS);
  }

  async function open(file: string, line: number) {
    const uri = vscode.Uri.parse(file, true);
    const doc = await vscode.workspace.openTextDocument(uri);
    const l = Math.min(Math.max(0, Math.floor(line) - 1), doc.lineCount - 1);
    // On the key the line starts with, past a list item's dash.
    const text = doc.lineAt(l).text;
    let c = doc.lineAt(l).firstNonWhitespaceCharacterIndex;
    while (text[c] === '-' && text[c + 1] === ' ') {
      c += 2;
      while (text[c] === ' ') c++;
    }
    const at = new vscode.Position(l, c);
    // In the column next to the report's, so that the report stays in view and every record opens in the same place.
    const column = panel?.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
    const editor = await vscode.window.showTextDocument(doc, { selection: new vscode.Range(at, at), viewColumn: column, preview: false });
    editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  function create() {
    const p = vscode.window.createWebviewPanel('assoc.coverage', 'Partner Association Coverage', vscode.ViewColumn.Active, { enableScripts: true, enableFindWidget: true, localResourceRoots: [] });
    panel = p;
    ready = false;
    htmlCurrent = false;
    message('Reading the records…');
    p.webview.onDidReceiveMessage((m: unknown) => {
      if (!isMessage(m)) return;
      if (m.type === 'ready') ready = true;
      else if (m.type === 'open') void open(m.file, m.line).then(undefined, (e: Error) => vscode.window.showErrorMessage(`Cannot open the record: ${e.message}`));
      else {
        compare = EDITION_IDS.includes(m.edition) ? m.edition : undefined;
        void refresh();
      }
    });
    let hidden = false;
    p.onDidChangeViewState(() => {
      if (!p.visible) {
        hidden = true;
        return;
      }
      // A page that was hidden is rebuilt from its HTML (not on a mere change of focus): bring that up to date.
      if (hidden && !htmlCurrent && report) {
        ready = false;
        show(p);
      }
      hidden = false;
      if (stale) {
        stale = false;
        schedule();
      }
    });
    p.onDidDispose(() => {
      panel = undefined;
      report = undefined;
      clearTimeout(timer);
      timer = undefined;
    });
  }

  const isRecord = (uri: vscode.Uri) => /\.assoc\.ya?ml$|\/\.assocrc\.yaml$|\/\.assocignore$/.test(uri.path);
  const watcher = vscode.workspace.createFileSystemWatcher('**/{*.assoc.yaml,*.assoc.yml,.assocrc.yaml,.assocignore}');
  context.subscriptions.push(
    watcher,
    watcher.onDidCreate(schedule),
    watcher.onDidChange(schedule),
    watcher.onDidDelete(schedule),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0 && isRecord(e.document.uri)) schedule();
    }),
    vscode.workspace.onDidCloseTextDocument((d) => {
      if (isRecord(d.uri)) schedule();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('assoc')) schedule();
    }),
    vscode.commands.registerCommand('assoc.showCoverage', async (options?: { compare?: string }) => {
      if (options?.compare !== undefined) compare = EDITION_IDS.includes(options.compare) ? options.compare : undefined;
      if (panel) panel.reveal();
      else create();
      await refresh();
    }),
    // The status bar's menu: the report first, then what the status bar offered before.
    vscode.commands.registerCommand('assoc.statusMenu', async () => {
      const items: Array<vscode.QuickPickItem & { command: string }> = [
        { label: '$(graph) Show Coverage', description: 'what counts where, and the gaps', command: 'assoc.showCoverage' },
        { label: '$(output) Show Server Output', command: 'assoc.showOutput' },
        { label: '$(debug-restart) Restart Language Server', command: 'assoc.restartServer' },
      ];
      const pick = await vscode.window.showQuickPick(items, { placeHolder: 'Partner association records' });
      if (pick) await vscode.commands.executeCommand(pick.command);
    }),
    { dispose: () => (panel?.dispose(), waiting?.dispose()) },
  );
}
