// A JSON-RPC client for benchmarking a language server over stdio, in the
// manner of test/lsp/client.ts (vscode-languageserver-protocol over the
// server process's pipes), plus what a benchmark needs:
// - the arrival time of every publishDiagnostics, per file, and of the last one;
// - the size in bytes of every message the server sends, read off the wire
//   (the Content-Length of each frame), and the largest publishDiagnostics;
// - deadlines on every wait, and a server that dies is noticed at once;
// - only a summary of each file's diagnostics is kept (line, code), so that a
//   server sending enormous diagnostics cannot exhaust the benchmark's memory.
import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
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
  DidChangeConfigurationNotification,
  RegistrationRequest,
  ConfigurationRequest,
  HoverRequest,
  ShutdownRequest,
  ExitNotification,
  type ProtocolConnection,
  type Hover,
} from 'vscode-languageserver-protocol/node';
import { vmHWM, vmRSS } from './proc';

export class Timeout extends Error {}
export class ServerDied extends Error {}

/** What is kept of one diagnostic. */
export interface DiagSummary {
  line: number;
  code: string;
  related: number;
}

export interface FileDiagnostics {
  /** performance.now() when the publish was dispatched. */
  at: number;
  version?: number;
  diagnostics: DiagSummary[];
}

/** Reads the frames off the server's stdout as they arrive: the size of each and the first bytes of its body. */
class FrameTap {
  private header = Buffer.alloc(0);
  private remaining = 0;
  private size = 0;
  private head: Buffer[] = [];
  private headLen = 0;

  constructor(private readonly onFrame: (bytes: number, head: string) => void) {}

  push(chunk: Buffer): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, chunk.length - i);
        if (this.headLen < 160) {
          const h = chunk.subarray(i, i + Math.min(take, 160 - this.headLen));
          this.head.push(Buffer.from(h));
          this.headLen += h.length;
        }
        this.remaining -= take;
        i += take;
        if (this.remaining === 0) {
          this.onFrame(this.size, Buffer.concat(this.head).toString('utf8'));
          this.head = [];
          this.headLen = 0;
        }
        continue;
      }
      const prev = this.header.length;
      this.header = Buffer.concat([this.header, chunk.subarray(i)]);
      const end = this.header.indexOf('\r\n\r\n');
      if (end < 0) {
        i = chunk.length;
        continue;
      }
      const m = /Content-Length:\s*(\d+)/i.exec(this.header.subarray(0, end).toString('ascii'));
      i += end + 4 - prev;
      this.header = Buffer.alloc(0);
      this.size = this.remaining = m ? Number(m[1]) : 0;
      if (this.size === 0) this.onFrame(0, '');
    }
  }
}

export interface ClientOptions {
  /** The workspace folder, or none. */
  root?: string;
  /** Answers to workspace/configuration, by section. */
  configuration?: Record<string, unknown>;
  /** Where the server's stderr goes; the last 4 KB are kept either way. */
  echoStderr?: boolean;
  /** Environment variables for the server, on top of this process's. */
  env?: Record<string, string>;
}

export class BenchClient {
  readonly proc: ChildProcess;
  readonly connection: ProtocolConnection;
  readonly files = new Map<string, FileDiagnostics>();
  /** Files that have received at least one publish. */
  readonly published = new Set<string>();
  publishCount = 0;
  lastPublishAt = 0;
  maxPublishBytes = 0;
  publishBytes = 0;
  maxMessageBytes = 0;
  stderrTail = '';
  /** The highest VmHWM seen, polled every 250 ms: what is left to tell of a server that died. */
  private rssSeen = 0;
  private rssPoll: NodeJS.Timeout;
  exit?: { code: number | null; signal: NodeJS.Signals | null };
  private waiters: Array<() => void> = [];

  constructor(
    readonly name: string,
    command: string[],
    private readonly opts: ClientOptions = {},
  ) {
    this.proc = spawn(command[0], command.slice(1), { stdio: ['pipe', 'pipe', 'pipe'], env: opts.env ? { ...process.env, ...opts.env } : process.env });
    this.proc.stderr!.on('data', (c: Buffer) => {
      this.stderrTail = (this.stderrTail + c.toString('utf8')).slice(-4000);
      if (opts.echoStderr) process.stderr.write(c);
    });
    this.rssPoll = setInterval(() => {
      this.rssSeen = Math.max(this.rssSeen, vmHWM(this.pid) ?? 0);
    }, 250);
    this.proc.on('exit', (code, signal) => {
      clearInterval(this.rssPoll);
      this.exit = { code, signal };
      this.wake();
    });
    // Writing to a server that died must not bring the benchmark down.
    this.proc.stdin!.on('error', () => undefined);
    const tap = new FrameTap((bytes, head) => {
      this.maxMessageBytes = Math.max(this.maxMessageBytes, bytes);
      if (head.includes('"textDocument/publishDiagnostics"')) {
        this.maxPublishBytes = Math.max(this.maxPublishBytes, bytes);
        this.publishBytes += bytes;
      }
    });
    this.proc.stdout!.on('data', (c: Buffer) => tap.push(c));
    this.connection = createProtocolConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.connection.onError(() => undefined);
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      const at = performance.now();
      this.files.set(p.uri, {
        at,
        version: p.version,
        diagnostics: p.diagnostics.map((d) => ({ line: d.range.start.line, code: String(d.code ?? ''), related: d.relatedInformation?.length ?? 0 })),
      });
      this.published.add(p.uri);
      this.publishCount++;
      this.lastPublishAt = at;
      this.wake();
    });
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest(ConfigurationRequest.type, (p) => p.items.map((item) => (item.section !== undefined ? (this.opts.configuration?.[item.section] ?? null) : null)));
    this.connection.listen();
  }

  get pid(): number {
    return this.proc.pid!;
  }

  private wake() {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Waits until `done()` holds, a publish at a time; throws Timeout at the deadline (performance.now() ms). */
  async until(done: () => boolean, deadline: number, what: string | (() => string)): Promise<void> {
    const say = () => (typeof what === 'string' ? what : what());
    for (;;) {
      if (done()) return;
      if (this.exit) throw new ServerDied(`${this.name} exited (${this.exit.signal ?? `code ${this.exit.code}`}) while waiting for ${say()}; stderr: ${this.stderrTail.slice(-600)}`);
      const left = deadline - performance.now();
      if (left <= 0) throw new Timeout(`${this.name}: timed out waiting for ${say()}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 1000));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Initializes; returns performance.now() when `initialized` was sent. */
  async initialize(deadline: number): Promise<number> {
    const rootUri = this.opts.root ? pathToFileURL(this.opts.root).href : null;
    const init = this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'bench' }] : null,
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: true } },
        },
      },
    });
    let done = false;
    void init.then(
      () => (done = true),
      () => (done = true),
    );
    await this.until(() => done, deadline, 'the initialize response');
    await init;
    await this.connection.sendNotification(InitializedNotification.type, {});
    return performance.now();
  }

  configurationChanged(settings: unknown) {
    return this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  open(uri: string, text: string, languageId: string, version = 1) {
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, line: number, character: number, endCharacter: number, text: string) {
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character }, end: { line, character: endCharacter } }, text }],
    });
  }

  close(uri: string) {
    return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async hover(uri: string, line: number, character: number, deadline: number): Promise<Hover | null> {
    let result: Hover | null = null;
    let done = false;
    let failure: unknown;
    this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } }).then(
      (h) => {
        result = h;
        done = true;
        this.wake();
      },
      (e) => {
        failure = e;
        done = true;
        this.wake();
      },
    );
    await this.until(() => done, deadline, 'a hover');
    if (failure) throw failure;
    return result;
  }

  /**
   * Waits until every one of `uris` has had diagnostics and no publish has come
   * for `quietMs`; returns the time of the last publish (performance.now() ms).
   */
  async settled(uris: string[], quietMs: number, deadline: number): Promise<number> {
    const want = new Set(uris);
    let seen = 0;
    const counted = new Set<string>();
    const count = () => {
      if (counted.size !== this.published.size || seen < want.size) {
        for (const u of this.published) {
          if (!counted.has(u)) {
            counted.add(u);
            if (want.has(u)) seen++;
          }
        }
      }
      return seen >= want.size;
    };
    await this.until(count, deadline, () => `diagnostics of all ${want.size} files (${seen} so far)`);
    for (;;) {
      const quiet = performance.now() - this.lastPublishAt;
      if (quiet >= quietMs) return this.lastPublishAt;
      if (this.exit) throw new ServerDied(`${this.name} exited while settling`);
      if (performance.now() > deadline) throw new Timeout(`${this.name}: publishes never stopped`);
      await new Promise((r) => setTimeout(r, Math.min(quietMs - quiet + 5, 250)));
    }
  }

  /** Peak RSS: VmHWM now, or while the process lived, the highest seen. */
  peakRss(): number | undefined {
    const now = this.exit ? undefined : vmHWM(this.pid);
    const best = Math.max(now ?? 0, this.rssSeen);
    return best > 0 ? best : undefined;
  }

  currentRss(): number | undefined {
    return vmRSS(this.pid);
  }

  /** Shuts the server down politely, then for sure. */
  async stop(): Promise<void> {
    if (!this.exit) {
      const polite = (async () => {
        try {
          await this.connection.sendRequest(ShutdownRequest.type);
          await this.connection.sendNotification(ExitNotification.type);
        } catch {
          // gone already
        }
      })();
      await Promise.race([polite, new Promise((r) => setTimeout(r, 3000))]);
      await new Promise((r) => setTimeout(r, this.exit ? 0 : 500));
    }
    this.connection.dispose();
    clearInterval(this.rssPoll);
    if (!this.exit) this.proc.kill('SIGKILL');
  }
}
