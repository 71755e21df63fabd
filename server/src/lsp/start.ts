// The LSP adapter: maps requests and notifications to the language service,
// keeps the workspace index in step with the editor and the disk, and
// publishes diagnostics. All of its state lives in one call of startServer,
// so a test can run it in-process over a pair of streams.
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  WatchKind,
  InsertTextFormat,
  ResponseError,
  ErrorCodes,
  type CompletionItem,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceEdit,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { dirname, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createAssocService } from '../service/service';
import { CONFIG_FILE, configFromSettings, emptyConfig, overlay, type AssocConfig } from '../service/config';
import { DEFAULT_EDITION } from '../service/editions';
import { ConfigResolver } from '../host/config-resolver';
import { RECORD_FILE, inSkippedDir, type FileStamp, type ReadResult, type WalkResult } from '../host/files';
import type { AnalyzeResult, AnalyzeTask } from '../host/analyze';
import { DiskMirror } from '../disk';
import { IGNORE_FILE } from '../host/ignore';
import { AnalysisCache, configKey, contentHash, unchanged, type CacheEntry } from '../host/cache';
import type { Stats } from 'node:fs';
import { diagnosticsBytes, madeJson } from './writer';
import { ConfigurationChangedNotification, CoverageRequest, EditionRequest } from '../protocol';
import { coverage, coverageOptions } from '../host/coverage';

/** What the server needs from the machine: files, folders, threads. Tests may hand in their own. */
export interface ServerRuntime {
  readRecord(path: string): Promise<ReadResult>;
  /** A configuration file's text, or undefined; problems go to `report`. */
  readConfig(path: string, report: (message: string) => void): string | undefined;
  /** The record files under a folder; what the `.assocignore` files it reads have wrong goes to `report`, now or later. */
  walk(root: string, report: (message: string) => void): Promise<WalkResult>;
  /** Whether a folder is a repository's root (the `.assocrc.yaml` search stops there). */
  isRepositoryRoot(dir: string): boolean;
  analyzeAll(tasks: AnalyzeTask[], onResults: (results: AnalyzeResult[]) => void): Promise<void>;
  /** A bulk read is coming (the editor named workspace folders): whatever it runs on can be started now. */
  prepare?(): void;
  /** Where the rule pages are, as a URL prefix. */
  docsBase: string;
  /** A file's stat, or undefined when there is none (a cached analysis is taken when the file is as it was). */
  stat(path: string): Stats | undefined;
  cwd(): string;
  version: string;
  /** The cache of analyses kept between sessions, for a workspace; undefined: none. */
  cache?(roots: string[], cacheDir: string | undefined, log: (message: string) => void): AnalysisCache;
}

const DEBOUNCE_MS = 20;
/** However busy the stream of changes, a publish waits no longer than this. */
const MAX_WAIT_MS = 100;
/** How long a flush runs before it lets the messages it made leave: a stream to the client holds little. */
const FLUSH_SLICE_MS = 2;

/** The editor-side settings: `assoc.format.sortKeys`, `assoc.inlayHints.subscriptionNames`. */
interface EditorSettings {
  sortKeys: boolean;
  inlayHints: boolean;
}

const EDITOR_DEFAULTS: EditorSettings = { sortKeys: false, inlayHints: true };

function editorSettingsFrom(raw: unknown): EditorSettings {
  const s = (raw ?? {}) as { format?: { sortKeys?: unknown }; inlayHints?: { subscriptionNames?: unknown } };
  return {
    sortKeys: typeof s.format?.sortKeys === 'boolean' ? s.format.sortKeys : EDITOR_DEFAULTS.sortKeys,
    inlayHints: typeof s.inlayHints?.subscriptionNames === 'boolean' ? s.inlayHints.subscriptionNames : EDITOR_DEFAULTS.inlayHints,
  };
}

/** A snippet as plain text, for clients without snippets: each tab stop's default (a choice's first), or nothing. */
function plainText(snippet: string): string {
  return snippet
    .replace(/\$\{\d+\|([^,|}]*)[^}]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\}|\$\d+/g, '');
}

/** A file URI's path; undefined for anything Node cannot take for a local path (`%2F`, a host, bad escapes). */
function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** One spelling per file: clients percent-encode file URIs differently from Node (`;`, `&`, `c%3A`). */
function canonicalUri(uri: string): string {
  const path = uriToPath(uri);
  if (path === undefined) return uri;
  try {
    return pathToFileURL(path).href;
  } catch {
    return uri;
  }
}

/** Whether a URI names an `.assocrc.yaml`: its problems are published, and its features answered, apart from the records'. */
function isConfigUri(uri: string): boolean {
  return uri.endsWith(`/${CONFIG_FILE}`);
}

export function startServer(connection: Connection, runtime: ServerRuntime): void {
  const documents = new TextDocuments(TextDocument);
  const log = {
    info: (m: string) => connection.console.info(m),
    warn: (m: string) => connection.console.warn(m),
    error: (m: string) => connection.console.error(m),
  };

  let roots: string[] = [];
  let settings: AssocConfig = emptyConfig();
  /** Settings per workspace folder, for clients that scope them. */
  let folderSettings = new Map<string, AssocConfig>();
  /** The editor's own settings: formatting and inlay hints, also per folder. */
  let editorSettings: EditorSettings = EDITOR_DEFAULTS;
  let folderEditorSettings = new Map<string, EditorSettings>();
  /** VS Code opens the suggestions again on `editor.action.triggerSuggest`; other clients would not know it. */
  let retrigger = false;
  let canReadConfiguration = false;
  let canWatchFiles = false;
  let canWatchFolders = false;
  let snippets = true;

  const rc = new ConfigResolver({
    read: (path) => runtime.readConfig(path, log.error),
    isRoot: (dir) => roots.includes(dir) || runtime.isRepositoryRoot(dir),
    problem: (file, p) => log.warn(`${file}:${p.line}: ${p.message}`),
  });

  function rootOf(path: string): string | undefined {
    return roots.filter((r) => path === r || path.startsWith(r.endsWith(sep) ? r : r + sep)).sort((a, b) => b.length - a.length)[0];
  }

  function editorFor(uri: string): EditorSettings {
    const path = uriToPath(uri);
    const root = path === undefined ? undefined : rootOf(path);
    return (root && folderEditorSettings.get(root)) || editorSettings;
  }

  function configFor(uri: string): AssocConfig {
    const path = uriToPath(uri);
    if (path === undefined) return settings;
    const root = rootOf(path);
    const base = (root && folderSettings.get(root)) || settings;
    return overlay(base, rc.forDir(dirname(path)));
  }

  const service = createAssocService({ configFor, docsBase: runtime.docsBase });
  /** Analyses of closed records kept between sessions, by content hash. */
  let cache = new AnalysisCache(undefined, '');
  let cacheDir: string | undefined;

  /** Keeps a closed record's analysis for the next session. */
  function remember(uri: string, hash: string, stamp?: FileStamp) {
    const analysis = service.analysis(uri);
    if (analysis && !analysis.parsed) cache.put(uri, { hash, configKey: configKey(analysis.config), stamp, analysis });
  }

  /** The client's own spelling of each open document's URI, by canonical URI. */
  const clientUri = new Map<string, string>();
  const openDoc = (uri: string) => documents.get(clientUri.get(uri) ?? uri);
  /** An edit as the client names its documents: each open one by its own spelling of the URI. */
  function spelledForClient(edit: WorkspaceEdit | undefined): void {
    const changes = edit?.changes;
    for (const u of Object.keys(changes ?? {})) {
      const spelled = clientUri.get(u);
      if (changes && spelled && spelled !== u) {
        changes[spelled] = changes[u];
        delete changes[u];
      }
    }
  }

  /** Records the server follows from disk: under a workspace folder, outside node_modules and .git. */
  function inWorkspace(uri: string): boolean {
    const path = uriToPath(uri);
    return path !== undefined && rootOf(path) !== undefined && !inSkippedDir(path) && RECORD_FILE.test(path);
  }

  // ---- analysis and diagnostics: an edit only marks its file; the debounced flush analyses and publishes
  const dirty = new Set<string>();
  const pending = new Set<string>();
  /** What each file was last told (a hash of it), to send nothing when nothing changed. */
  const published = new Map<string, string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Bulk loads under way: closed files are published when the last one ends. */
  let indexing = 0;
  /** Whether the workspace folders have been read once (then the index is whole whenever no bulk load is under way). */
  let firstIndexDone = false;
  const whenIndexed: Array<() => void> = [];
  /** Resolves once the workspace has been read and no bulk load is under way. */
  function indexed(): Promise<void> {
    return firstIndexDone && indexing === 0 ? Promise.resolve() : new Promise((resolve) => whenIndexed.push(resolve));
  }
  function settleIndexed() {
    if (firstIndexDone && indexing === 0) for (const w of whenIndexed.splice(0)) w();
  }
  /** Record files the index found but could not read: the coverage report names them. */
  const unreadable = new Set<string>();

  let waitingSince = 0;
  /** A bulk load is over: the cache is written when what it read has been published. */
  let saveWhenPublished = false;
  /** A long flush has given way and goes on at the next turn of the event loop. */
  let continuing = false;

  /** Publishes soon: a burst of changes is gathered, but a steady stream of them never holds the publish back for long. */
  function schedule(uris: Iterable<string>, atOnce = false) {
    for (const u of uris) pending.add(u);
    // A flush under way goes on to them.
    if (continuing) return;
    // Nothing to gather (a bulk load is over): at once.
    if (atOnce) {
      if (timer) clearTimeout(timer);
      flush();
      return;
    }
    const now = Date.now();
    if (timer) {
      if (now - waitingSince > MAX_WAIT_MS) return;
      clearTimeout(timer);
    } else waitingSince = now;
    timer = setTimeout(flush, DEBOUNCE_MS);
  }

  /** Brings an open document's analysis up to its current version; returns the files that may have changed. */
  function refresh(uri: string): Set<string> {
    dirty.delete(uri);
    const doc = openDoc(uri);
    if (!doc) return new Set();
    if (isConfigUri(uri)) return new Set([uri]);
    return service.open(uri, doc.getText(), doc.version);
  }

  function publish(uri: string, diagnostics: Diagnostic[], version?: number) {
    const open = openDoc(uri);
    const target = open?.uri ?? uri;
    // An open document hears about each version it reaches, even when nothing changed for it.
    // Made once, as the bytes that are sent and hashed.
    const json = diagnosticsBytes(diagnostics);
    const signature = `${open?.version ?? ''}:${contentHash(json)}`;
    if (published.get(target) === signature) return;
    published.set(target, signature);
    // What closed records were told is written with the cache, for the next session to say at once.
    if (!open) {
      cache.touch();
      if (indexing === 0 && !saveWhenPublished) cache.saveSoon(5000);
    }
    // Made once: for the signature above and for the wire.
    void connection.sendDiagnostics({ uri: target, version, diagnostics: madeJson(diagnostics, json) });
  }

  function flush() {
    timer = undefined;
    const start = performance.now();
    try {
      for (const uri of [...dirty]) for (const u of refresh(uri)) pending.add(u);
      for (const uri of pending) {
        pending.delete(uri);
        publishNow(uri);
        // A long flush gives way often: the stream to the client holds only a few of its messages, and takes
        // more only when the event loop turns, so what is made leaves, and is read, while the rest is made.
        if (pending.size > 0 && performance.now() - start > FLUSH_SLICE_MS) {
          continuing = true;
          setImmediate(() => {
            continuing = false;
            flush();
          });
          return;
        }
      }
      // Everything is published: now the cache.
      if (saveWhenPublished && indexing === 0) {
        saveWhenPublished = false;
        cache.saveSoon(500);
      }
    } catch (e) {
      log.error(`publishing diagnostics failed: ${(e as Error).stack ?? String(e)}`);
    }
  }

  function publishNow(uri: string) {
    const open = openDoc(uri);
    if (isConfigUri(uri)) return publishConfig(uri);
    // While the workspace is read, closed files wait for the end: their cross-file findings are not known yet.
    if (indexing > 0 && !open) return;
    publish(uri, service.has(uri) ? service.diagnostics(uri) : [], open?.version);
  }

  /** An `.assocrc.yaml`'s problems, from the editor's text or the disk's. */
  function publishConfig(uri: string) {
    const open = openDoc(uri);
    const path = uriToPath(uri);
    const text = open ? open.getText() : path ? runtime.readConfig(path, log.warn) : undefined;
    publish(uri, text === undefined ? [] : service.configDiagnostics(text), open?.version);
  }

  const disk = new DiskMirror({
    read: (uri) => {
      const path = uriToPath(uri);
      return path ? runtime.readRecord(path) : Promise.resolve({ kind: 'missing' });
    },
    isOpen: (uri) => openDoc(uri) !== undefined,
    set: (uri, r) => {
      unreadable.delete(uri);
      const affected = r.kind === 'text' ? service.load(uri, r.text, { track: indexing === 0 }) : service.loadOversized(uri, r.bytes);
      if (r.kind === 'text') remember(uri, contentHash(r.text), r.stamp);
      cache.saveSoon();
      schedule(affected);
    },
    remove: (uri) => {
      unreadable.delete(uri);
      schedule(service.remove(uri));
      cache.delete(uri);
      publish(uri, []);
    },
    log: log.warn,
  });

  /** Reads and analyses closed records in bulk (on worker threads when they are many). */
  async function index(paths: string[]) {
    indexing++;
    let reused = 0;
    /** Of those reused, the ones taken by their stamps: not read at all. */
    let notRead = 0;
    try {
      const tasks: AnalyzeTask[] = [];
      const events = new Map<string, number>();
      const task = (path: string, uri: string, config: AssocConfig, known?: string) => tasks.push({ path, uri, config, hash: { known } });
      /** Records as they were when the last session ended (by their stamps): not even read. */
      const unchangedSince: Array<{ path: string; uri: string; config: AssocConfig; entry: CacheEntry }> = [];
      for (const path of paths) {
        const uri = pathToFileURL(path).href;
        if (openDoc(uri)) continue;
        events.set(uri, disk.begin(uri));
        const config = configFor(uri);
        const entry = cache.get(uri);
        const fits = entry !== undefined && entry.configKey === configKey(config);
        const st = fits ? runtime.stat(path) : undefined;
        if (entry && fits && st && unchanged(entry, st)) unchangedSince.push({ path, uri, config, entry });
        else task(path, uri, config, fits ? entry?.hash : undefined);
      }
      // Nothing changed since the last session: what was published then holds now; say it at once.
      // (The analyses are read next, and anything that turns out different is published again.)
      if (tasks.length === 0 && unchangedSince.length > 0 && unchangedSince.length === cache.uris().length && unchangedSince.every((u) => u.entry.published)) {
        for (const u of unchangedSince) publish(u.uri, u.entry.published!);
      }
      for (const u of unchangedSince) cache.said(u.uri);
      // The last session's analyses: for records unchanged by their stamps, and for those whose content may hash the same.
      if (unchangedSince.some((u) => !u.entry.analysis) || tasks.some((t) => t.hash?.known && !cache.get(t.uri!)?.analysis)) await cache.loadAnalyses();
      for (const u of unchangedSince) {
        if (!disk.current(u.uri, events.get(u.uri)!)) continue;
        if (u.entry.analysis) {
          service.loadAnalysis(u.entry.analysis, { track: false });
          reused++;
          notRead++;
        } else task(u.path, u.uri, u.config);
      }
      /** Records whose content hashed as known but whose analysis is not at hand after all: read in full. */
      const again: AnalyzeTask[] = [];
      const take = (results: AnalyzeResult[]) => {
        for (const r of results) {
          const event = events.get(r.uri);
          if (event === undefined || !disk.current(r.uri, event)) continue;
          if (r.kind === 'analysis') {
            service.loadAnalysis(r.analysis, { track: false });
            if (r.hash) remember(r.uri, r.hash, r.stamp);
          } else if (r.kind === 'known') {
            const entry = cache.get(r.uri);
            if (entry?.analysis) {
              service.loadAnalysis(entry.analysis, { track: false });
              // Its stamp now, so the next session need not read it.
              cache.put(r.uri, { ...entry, stamp: r.stamp });
              reused++;
            } else again.push({ path: r.path, uri: r.uri, config: configFor(r.uri), hash: {} });
          } else {
            if (r.kind !== 'missing') unreadable.add(r.uri);
            disk.apply(r.uri, event, r);
          }
        }
      };
      await runtime.analyzeAll(tasks, take);
      if (again.length > 0) await runtime.analyzeAll(again, take);
      log.info(`indexed ${events.size} record file(s), ${reused} of them unchanged since the last session (${notRead} not even read)`);
      // Written once what was read is published: writing it means working out every file's diagnostics again, which
      // must not hold back a publish of thousands of conflicts.
      saveWhenPublished = true;
    } catch (e) {
      log.error(`indexing failed: ${(e as Error).stack ?? String(e)}`);
    } finally {
      indexing--;
      // Everything read is published once the last bulk load is done (and its cross-file findings known).
      if (indexing === 0) schedule([...service.uris(), ...rc.files().map((f) => pathToFileURL(f).href)], true);
      settleIndexed();
    }
  }

  /** The record files under some folders, with what the walk has to say about the rest. */
  async function walkFolders(folders: string[]): Promise<string[]> {
    const paths: string[] = [];
    for (const root of folders) {
      try {
        const { files, notes } = await runtime.walk(root, log.warn);
        paths.push(...files);
        for (const n of notes) log.warn(n);
      } catch (e) {
        log.error(`cannot walk ${root}: ${(e as Error).message}`);
      }
    }
    return paths;
  }

  /** After `.assocignore` changed: records it now leaves out leave the index, and those it lets in are read. */
  async function rewalk() {
    const paths = await walkFolders(roots);
    const keep = new Set(paths.map((p) => pathToFileURL(p).href));
    for (const uri of service.uris()) if (!openDoc(uri) && !keep.has(uri)) disk.remove(uri);
    await index(paths.filter((p) => !service.has(pathToFileURL(p).href)));
  }

  async function indexFolders(folders: string[]) {
    await index(await walkFolders(folders));
  }

  async function loadSettings() {
    if (!canReadConfiguration) return;
    try {
      const items = [{ section: 'assoc' }, ...roots.map((r) => ({ section: 'assoc', scopeUri: pathToFileURL(r).href }))];
      const values: unknown[] = await connection.workspace.getConfiguration(items);
      settings = configFromSettings(values[0] as Parameters<typeof configFromSettings>[0]);
      folderSettings = new Map(roots.map((r, i) => [r, configFromSettings(values[i + 1] as Parameters<typeof configFromSettings>[0])]));
      editorSettings = editorSettingsFrom(values[0]);
      folderEditorSettings = new Map(roots.map((r, i) => [r, editorSettingsFrom(values[i + 1])]));
    } catch (e) {
      log.warn(`cannot read the settings: ${(e as Error).message}`);
    }
  }

  async function reconfigure() {
    rc.clear();
    for (const uri of [...dirty]) refresh(uri);
    const reread = service.reconfigure();
    schedule(service.uris());
    // The client shows the edition in force; tell it to ask again.
    void connection.sendNotification(ConfigurationChangedNotification, {});
    const paths = reread.map(uriToPath).filter((p): p is string => p !== undefined);
    if (paths.length > 0) await index(paths);
  }

  /**
   * A folder's path from its URI; a relative one (Neovim sends `file://.`; `file:.` and `file:../x` are read
   * alike, where a URL parser would take them for the root of the file system) from the server's working folder.
   */
  function folderPath(uri: string): string | undefined {
    const relative = /^file:(?:\/\/)?(\.\.?(?:\/.*)?)$/.exec(uri);
    if (relative) {
      try {
        return resolve(runtime.cwd(), decodeURIComponent(relative[1]));
      } catch {
        return undefined;
      }
    }
    return uriToPath(uri);
  }

  const folderPaths = (fs: readonly WorkspaceFolder[]) => fs.map((f) => folderPath(f.uri)).filter((p): p is string => p !== undefined);

  /** A handler that never throws: a failure is logged and the fallback answered. */
  function guard<P extends unknown[], R>(name: string, fallback: R, handler: (...args: P) => R | Promise<R>): (...args: P) => Promise<R> {
    return async (...args: P) => {
      try {
        return await handler(...args);
      } catch (e) {
        log.error(`${name} failed: ${(e as Error).stack ?? String(e)}`);
        return fallback;
      }
    };
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    try {
      const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
      roots = folderPaths(folders);
      if (roots.length === 0 && typeof params.rootPath === 'string' && params.rootPath) roots = [resolve(runtime.cwd(), params.rootPath)];
    } catch (e) {
      log.error(`cannot read the workspace folders: ${(e as Error).message}`);
    }
    if (roots.length > 0) runtime.prepare?.();
    const init = params.initializationOptions as { cacheDir?: unknown } | undefined;
    cacheDir = typeof init?.cacheDir === 'string' ? init.cacheDir : undefined;
    canReadConfiguration = !!params.capabilities.workspace?.configuration;
    canWatchFiles = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    canWatchFolders = !!params.capabilities.workspace?.workspaceFolders;
    snippets = params.capabilities.textDocument?.completion?.completionItem?.snippetSupport ?? false;
    retrigger = /visual studio code|vscode|code-server|vscodium/i.test(params.clientInfo?.name ?? '');
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        // After `key: `, `- `, `[` and `, `: where a value or a key can start.
        completionProvider: { triggerCharacters: [' ', '[', ','] },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        documentSymbolProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        codeLensProvider: { resolveProvider: false },
        renameProvider: { prepareProvider: true },
        documentLinkProvider: { resolveProvider: false },
        inlayHintProvider: true,
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'assoc-language-server', version: runtime.version },
    };
  });

  connection.onInitialized(
    guard('initialized', undefined, async () => {
      try {
        if (canWatchFiles) {
          await connection.client.register(DidChangeWatchedFilesNotification.type, {
            watchers: [
              { globPattern: '**/*.assoc.{yaml,yml}' },
              { globPattern: `**/${CONFIG_FILE}` },
              { globPattern: `**/${IGNORE_FILE}` },
              // Deleted folders arrive as one event for the folder.
              { globPattern: '**/*', kind: WatchKind.Delete },
            ],
          });
        }
        if (canWatchFolders) {
          connection.workspace.onDidChangeWorkspaceFolders(
            guard('workspace folders', undefined, async ({ added, removed }) => {
              const gone = folderPaths(removed);
              const fresh = folderPaths(added);
              roots = [...roots.filter((r) => !gone.includes(r)), ...fresh];
              for (const uri of service.uris()) if (!openDoc(uri) && !inWorkspace(uri)) disk.remove(uri);
              await loadSettings();
              await reconfigure();
              await indexFolders(fresh);
            }),
          );
        }
        await loadSettings();
        if (runtime.cache && roots.length > 0) {
          cache = runtime.cache(roots, cacheDir, log.warn);
          cache.publishedOf = (uri) => {
            const open = openDoc(uri);
            // An open document speaks for its file only while it holds what the file holds.
            if (!service.has(uri) || (open && contentHash(open.getText()) !== cache.get(uri)?.hash)) return undefined;
            return service.diagnostics(uri);
          };
          await cache.load();
        }
        // Documents opened while the settings were on their way were checked without them.
        await reconfigure();
        await indexFolders(roots);
      } finally {
        // Whatever happened, the index is as whole as it will be: nobody waits for it for ever.
        firstIndexDone = true;
        settleIndexed();
      }
    }),
  );

  connection.onDidChangeConfiguration(
    guard('configuration', undefined, async () => {
      await loadSettings();
      await reconfigure();
    }),
  );

  connection.onDidChangeWatchedFiles(
    guard('watched files', undefined, async ({ changes }) => {
      let configChanged = false;
      let ignoreChanged = false;
      // Read side by side, and awaited, so that a failure is the guard's to log.
      const loads: Promise<void>[] = [];
      for (const change of changes) {
        const uri = canonicalUri(change.uri);
        const path = uriToPath(uri);
        if (path === undefined) continue;
        if (uri.endsWith(`/${IGNORE_FILE}`)) ignoreChanged = true;
        else if (isConfigUri(uri)) {
          configChanged = true;
          if (change.type === FileChangeType.Deleted && !openDoc(uri)) publish(uri, []);
        } else if (RECORD_FILE.test(path)) {
          if (!inWorkspace(uri)) continue;
          if (change.type === FileChangeType.Deleted) {
            if (!openDoc(uri)) disk.remove(uri);
          } else loads.push(disk.load(uri));
        } else if (change.type === FileChangeType.Deleted) {
          // A folder deleted or renamed away is one event: its records go with it.
          const folder = path + sep;
          for (const u of service.uris()) if (uriToPath(u)?.startsWith(folder) && !openDoc(u)) disk.remove(u);
        }
      }
      await Promise.all(loads);
      if (configChanged) await reconfigure();
      if (ignoreChanged) await rewalk();
    }),
  );

  documents.onDidChangeContent(
    guard('change', undefined, (e) => {
      const uri = canonicalUri(e.document.uri);
      clientUri.set(uri, e.document.uri);
      dirty.add(uri);
      schedule([uri]);
    }),
  );

  documents.onDidClose(
    guard('close', undefined, async (e) => {
      const uri = canonicalUri(e.document.uri);
      clientUri.delete(uri);
      dirty.delete(uri);
      // The client forgets what it was told about a document it closes under its own spelling.
      if (e.document.uri !== uri) {
        published.delete(e.document.uri);
        void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
      }
      if (isConfigUri(uri)) {
        schedule([uri]);
        return;
      }
      service.close(uri);
      // A workspace record goes back to what is on disk; any other file leaves the index.
      if (inWorkspace(uri)) await disk.load(uri);
      else disk.remove(uri);
    }),
  );

  /** The analysis of a file as the editor holds it now. */
  function current(uri: string): string {
    const u = canonicalUri(uri);
    if (dirty.has(u)) schedule(refresh(u));
    return u;
  }

  /** The text of an open `.assocrc.yaml`, if that is what the URI names. */
  const openConfig = (uri: string) => (isConfigUri(uri) ? openDoc(canonicalUri(uri))?.getText() : undefined);

  connection.onHover(
    guard('hover', null, ({ textDocument, position }) => {
      const config = openConfig(textDocument.uri);
      return config !== undefined ? service.configHover(config, position) : service.hover(current(textDocument.uri), position);
    }),
  );

  connection.onCompletion(
    guard('completion', [], ({ textDocument, position }) => {
      const config = openConfig(textDocument.uri);
      const items = config !== undefined ? service.configCompletion(config, position) : service.completion(current(textDocument.uri), position, { retrigger });
      // Without snippet support, tab stops would be typed out literally: their default text stays.
      return snippets ? items : items.map((i): CompletionItem => (i.insertTextFormat === InsertTextFormat.Snippet ? { ...i, insertText: plainText(i.insertText ?? i.label), insertTextFormat: InsertTextFormat.PlainText } : i));
    }),
  );

  connection.onPrepareRename(guard('prepare rename', null, ({ textDocument, position }) => service.prepareRename(current(textDocument.uri), position)));
  connection.onRenameRequest(async ({ textDocument, position, newName }) => {
    try {
      const uri = current(textDocument.uri);
      const edit = service.rename(uri, position, newName);
      spelledForClient(edit);
      return edit;
    } catch (e) {
      // The reason a rename cannot be made goes back to the user.
      return new ResponseError(ErrorCodes.InvalidRequest, (e as Error).message);
    }
  });
  connection.onDocumentLinks(guard('links', [], ({ textDocument }) => service.documentLinks(current(textDocument.uri))));
  connection.languages.inlayHint.on(guard('inlay hints', [], ({ textDocument, range }) => (editorFor(textDocument.uri).inlayHints ? service.inlayHints(current(textDocument.uri), range) : [])));
  connection.onDocumentFormatting(guard('format', [], ({ textDocument }) => service.format(current(textDocument.uri), { sortKeys: editorFor(textDocument.uri).sortKeys })));
  connection.onDocumentRangeFormatting(guard('format', [], ({ textDocument, range }) => service.format(current(textDocument.uri), { sortKeys: false }, range)));

  connection.onCodeAction(
    guard('code actions', [], async ({ textDocument, range, context }) => {
      const uri = current(textDocument.uri);
      if (context.only && !context.only.some((k) => k === 'quickfix' || 'quickfix'.startsWith(`${k}.`) || k === '')) return [];
      if (isConfigUri(uri)) {
        const doc = openDoc(uri);
        return doc ? service.configCodeActions(doc.uri, doc.getText(), context.diagnostics) : [];
      }
      // Fix only what is wrong now: a diagnostic the client still holds from an older text is skipped.
      // Our own copy also gives the fix hints to clients that do not send `data` back.
      const ours = service.diagnostics(uri);
      const same = (x: Diagnostic, y: Diagnostic) =>
        x.code === y.code &&
        x.message === y.message &&
        x.range.start.line === y.range.start.line &&
        x.range.start.character === y.range.start.character &&
        x.range.end.line === y.range.end.line &&
        x.range.end.character === y.range.end.character;
      const wanted = context.diagnostics.flatMap((d) => {
        const mine = ours.find((o) => same(o, d));
        return mine ? [d.data === undefined ? mine : d] : [];
      });
      // A fix may end an association in a closed file: read it first.
      const texts = new Map<string, string>();
      for (const d of wanted) {
        const hint = d.data as { kind?: string; uri?: string } | undefined;
        if (hint?.kind !== 'end-other' || !hint.uri || openDoc(hint.uri)) continue;
        const path = uriToPath(hint.uri);
        const r = path ? await runtime.readRecord(path) : undefined;
        if (r?.kind === 'text') texts.set(hint.uri, r.text);
      }
      const actions = service.codeActions(uri, range, wanted, { texts });
      for (const action of actions) spelledForClient(action.edit);
      return actions;
    }),
  );

  connection.onDocumentSymbol(guard('symbols', [], ({ textDocument }) => service.documentSymbols(current(textDocument.uri))));
  connection.onDefinition(guard('definition', [], ({ textDocument, position }) => service.definition(current(textDocument.uri), position)));
  connection.onReferences(guard('references', [], ({ textDocument, position, context }) => service.references(current(textDocument.uri), position, context.includeDeclaration)));
  connection.onCodeLens(guard('code lens', [], ({ textDocument }) => service.codeLenses(current(textDocument.uri))));

  connection.onRequest(
    EditionRequest,
    guard('edition', DEFAULT_EDITION, ({ uri }) => {
      const u = current(uri);
      return service.edition(u) ?? configFor(u).program ?? DEFAULT_EDITION;
    }),
  );

  // The coverage report of the workspace (the client's Show Coverage): every record the server holds (open
  // documents as the editor holds them) and those it could not read, once the workspace has been read.
  connection.onRequest(CoverageRequest, async (params) => {
    try {
      const { asOf, compare } = coverageOptions(params);
      await indexed();
      const tasks = [...new Set([...service.uris(), ...unreadable])].flatMap((uri) => {
        const text = openDoc(uri)?.getText();
        const path = uriToPath(uri);
        return text !== undefined || path !== undefined ? [{ path: path ?? uri, uri, config: configFor(uri), text }] : [];
      });
      return await coverage({ tasks, asOf, compare, analyzeAll: runtime.analyzeAll });
    } catch (e) {
      if (!(e instanceof RangeError)) log.error(`coverage failed: ${(e as Error).stack ?? String(e)}`);
      return new ResponseError(e instanceof RangeError ? ErrorCodes.InvalidParams : ErrorCodes.InternalError, (e as Error).message);
    }
  });

  /** An open document that holds what its file holds stands for the file in the next session's cache. */
  async function rememberOpenDocuments() {
    for (const doc of documents.all()) {
      const uri = canonicalUri(doc.uri);
      const path = uriToPath(uri);
      const analysis = service.analysis(uri);
      if (!path || !analysis || !inWorkspace(uri)) continue;
      const hash = contentHash(doc.getText());
      if (cache.get(uri)?.hash === hash) continue;
      const read = await runtime.readRecord(path);
      if (read.kind !== 'text' || contentHash(read.text) !== hash) continue;
      cache.put(uri, { hash, configKey: configKey(analysis.config), stamp: read.stamp, analysis: { ...analysis, version: -1, parsed: undefined } });
    }
  }

  // The cache is written before the server goes, so the next session starts warm.
  connection.onShutdown(
    guard('shutdown', undefined, async () => {
      await rememberOpenDocuments();
      await cache.save();
    }),
  );

  documents.listen(connection);
  connection.listen();
}
