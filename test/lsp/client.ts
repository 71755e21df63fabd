// A real JSON-RPC client for the language server, over the server process's stdio.
import { spawn, type ChildProcess } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification,
  RegistrationRequest,
  ConfigurationRequest,
  ShutdownRequest,
  ExitNotification,
  type ProtocolConnection,
  type Diagnostic,
  type InitializeParams,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../../server/src/lsp/start';
import { makeWorkspace } from '../helpers';
import { nodeRuntime } from '../../server/src/lsp/runtime';
import { AnalysisCache } from '../../server/src/host/cache';

export { makeWorkspace };

export const SERVER = join(__dirname, '..', '..', 'dist', 'server.js');


export function uriOf(dir: string, name: string): string {
  return pathToFileURL(join(dir, name)).href;
}

export interface ClientOptions {
  /** Run the server in this process, over a pair of streams, instead of as a child over stdio. */
  inProcess?: boolean;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** What stderr the server printed (child process only). */
  stderr?: (text: string) => void;
}

export class LspClient {
  readonly connection: ProtocolConnection;
  readonly proc?: ChildProcess;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private waiters: Array<() => void> = [];
  registrations: string[] = [];
  settings: Record<string, unknown> = {};
  /** Settings per scope URI, for clients that scope them to a folder. */
  scoped = new Map<string, Record<string, unknown>>();
  readonly logs: string[] = [];
  /** Every notification the client has no handler for, with its params as sent. */
  readonly others: Array<{ method: string; params: unknown }> = [];

  constructor(readonly root: string, options: ClientOptions = {}) {
    if (options.inProcess) {
      const toServer = new PassThrough();
      const toClient = new PassThrough();
      const server = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
      // No analysis cache: the test leaves nothing behind.
      startServer(server, { ...nodeRuntime(join(__dirname, '..', '..', 'dist')), cache: () => new AnalysisCache(undefined, '') });
      this.connection = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    } else {
      // No analysis cache unless a test asks for one (ASSOC_CACHE_DIR), so that tests leave nothing behind.
      const given = options.env ?? process.env;
      const env = given.ASSOC_CACHE_DIR ? given : { ...given, ASSOC_NO_CACHE: '1' };
      this.proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', options.stderr ? 'pipe' : 'inherit'], env, cwd: options.cwd });
      if (options.stderr) this.proc.stderr!.on('data', (d: Buffer) => options.stderr!(d.toString()));
      this.connection = createProtocolConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    }
    this.connection.onUnhandledNotification((n) => {
      this.others.push({ method: n.method, params: n.params });
    });
    this.connection.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
    });
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.set(p.uri, p);
      for (const w of this.waiters.splice(0)) w();
    });
    this.connection.onRequest(RegistrationRequest.type, (p) => {
      this.registrations.push(...p.registrations.map((r) => r.method));
    });
    this.connection.onRequest(ConfigurationRequest.type, (p) => p.items.map((i) => (i.scopeUri && this.scoped.get(i.scopeUri)) || this.settings));
    this.connection.listen();
  }

  async start(overrides: Partial<InitializeParams> = {}): Promise<void> {
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(this.root).href,
      workspaceFolders: [{ uri: pathToFileURL(this.root).href, name: 'ws' }],
      ...overrides,
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
        textDocument: {
          publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
          completion: { completionItem: { snippetSupport: true } },
        },
      },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  /** Waits until the latest diagnostics of a file satisfy a predicate. */
  async waitFor(uri: string, ok: (ds: Diagnostic[]) => boolean, timeoutMs = 10000): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const cur = this.diagnostics.get(uri);
      if (cur && ok(cur.diagnostics)) return cur.diagnostics;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for diagnostics of ${uri}; last: ${JSON.stringify(cur?.diagnostics.map((d) => d.code))}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  open(uri: string, text: string, version = 1) {
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'assoc-yaml', version, text } });
  }

  change(uri: string, version: number, changes: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string } | { text: string }>) {
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
  }

  close(uri: string) {
    return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  foldersChanged(added: string[], removed: string[]) {
    const f = (d: string) => ({ uri: pathToFileURL(d).href, name: d });
    return this.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: added.map(f), removed: removed.map(f) } });
  }

  fileChanged(uri: string, type: 1 | 2 | 3) {
    return this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri, type }] });
  }

  async stop(): Promise<void> {
    const exited = this.proc && this.proc.exitCode === null ? new Promise<void>((resolve) => this.proc!.once('exit', () => resolve())) : Promise.resolve();
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
      // A server exits on its own after `exit`; give it a moment before it is killed.
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
    } catch {
      // the process may already be gone
    }
    this.connection.dispose();
    this.proc?.kill();
  }
}

export const codes = (ds: Diagnostic[]) => ds.map((d) => String(d.code)).sort();
