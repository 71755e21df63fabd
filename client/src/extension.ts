// The VS Code client: starts the language server for *.assoc.yaml files and
// shows the active rules edition in the status bar.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { ConfigurationChangedNotification, EditionRequest } from '../../server/src/protocol';
import { registerCoverage } from './coverage';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Partner Association Records', { log: true });
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'assoc-yaml' },
      { scheme: 'untitled', language: 'assoc-yaml' },
      // The configuration file: its mistakes are shown where they are written.
      { scheme: 'file', pattern: '**/.assocrc.yaml' },
    ],
    synchronize: { configurationSection: 'assoc' },
    // Where the server keeps its analyses between sessions, so that a large workspace opens warm.
    initializationOptions: { cacheDir: (context.storageUri ?? context.globalStorageUri).fsPath },
    outputChannel: output,
  };
  client = new LanguageClient('assoc', 'Partner Association Records', serverOptions, clientOptions);

  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  status.name = 'Partner association rules edition';
  // A menu: Show Coverage, Show Server Output, Restart Language Server.
  status.command = 'assoc.statusMenu';
  context.subscriptions.push(status, output);
  registerCoverage(context, () => client);

  let typing: ReturnType<typeof setTimeout> | undefined;
  const updateStatus = async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'assoc-yaml' || !client?.isRunning()) {
      status.hide();
      return;
    }
    try {
      const edition = await client.sendRequest(EditionRequest, { uri: editor.document.uri.toString() });
      status.text = `$(law) Assoc ${edition}`;
      status.tooltip = `Partner association rules: the ${edition} edition applies to this file. Click for the coverage report, the server output or a restart.`;
      status.show();
    } catch {
      status.hide();
    }
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('assoc.restartServer', async () => {
      await client?.restart();
      await updateStatus();
    }),
    vscode.commands.registerCommand('assoc.showOutput', () => output.show(true)),
    vscode.window.onDidChangeActiveTextEditor(() => void updateStatus()),
    vscode.workspace.onDidChangeTextDocument((e) => {
      // The file's own `program:` may have changed: ask again once typing pauses.
      if (e.document !== vscode.window.activeTextEditor?.document) return;
      clearTimeout(typing);
      typing = setTimeout(() => void updateStatus(), 300);
    }),
  );

  await client.start();
  // The server says when settings or .assocrc.yaml changed what is in force.
  context.subscriptions.push(client.onNotification(ConfigurationChangedNotification, () => void updateStatus()));
  await updateStatus();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
