// The language server: a thin adapter from LSP to the language service.
// Run with --stdio (any editor) or --node-ipc (VS Code).
import {
  createConnection,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  WatchKind,
  InsertTextFormat,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { promises as fs, existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Project } from './service/workspace';
import { CONFIG_FILE, configFromSettings, emptyConfig, overlay, type AssocConfig } from './service/config';
import { ConfigResolver, RECORD_FILE, SKIP_DIRS, inSkippedDir } from './service/files';
import { hover } from './service/hover';
import { complete } from './service/completion';
import { codeActions } from './service/actions';
import { documentSymbols, codeLenses } from './service/symbols';
import { definition, references } from './service/navigation';
import { DiskMirror } from './disk';
import { readIfPresent } from './read-if-present';

const DEBOUNCE_MS = 20;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

let roots: string[] = [];
let settings: AssocConfig = emptyConfig();
let canReadConfiguration = false;
let canWatchFiles = false;
let canWatchFolders = false;
let snippets = true;
const docsBase = pathToFileURL(join(__dirname, '..', 'docs', 'rules')).href + '/';

// ---- configuration: editor settings, overridden by the nearest .assocrc.yaml up to the workspace root
const rc = new ConfigResolver({
  read: (path) => readIfPresent(path, (m) => connection.console.error(m)),
  isRoot: (dir) => roots.includes(dir) || existsSync(join(dir, '.git')),
  problem: (file, p) => connection.console.warn(`${file}:${p.line}: ${p.message}`),
});

function configFor(uri: string): AssocConfig {
  return overlay(settings, uri.startsWith('file:') ? rc.forDir(dirname(fileURLToPath(uri))) : null);
}

const project = new Project({ configFor, docsBase });

// ---- one spelling per file: clients percent-encode file URIs differently from Node (`;`, `&`, `c%3A`)
function canon(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return pathToFileURL(fileURLToPath(uri)).href;
  } catch {
    return uri;
  }
}

/** The client's own spelling of each open document's URI, by canonical URI. */
const clientUri = new Map<string, string>();

function openDoc(uri: string): TextDocument | undefined {
  return documents.get(clientUri.get(uri) ?? uri);
}

/** Records the server follows from disk: under a workspace folder, outside node_modules and .git. */
function inWorkspace(uri: string): boolean {
  if (!uri.startsWith('file:')) return false;
  const path = fileURLToPath(uri);
  return roots.some((r) => path.startsWith(r.endsWith(sep) ? r : r + sep)) && !inSkippedDir(path);
}

// ---- analysis and diagnostics: an edit only marks its file; the debounced flush analyses and publishes
const dirty = new Set<string>();
const pending = new Set<string>();
let timer: NodeJS.Timeout | undefined;

function schedule(uris: Iterable<string>) {
  for (const u of uris) pending.add(u);
  if (timer) clearTimeout(timer);
  timer = setTimeout(flush, DEBOUNCE_MS);
}

/** Brings an open document's analysis up to its current version; returns the files that may have changed. */
function refresh(uri: string): Set<string> {
  dirty.delete(uri);
  const doc = openDoc(uri);
  return doc ? project.set(uri, doc.getText(), doc.version) : new Set();
}

function flush() {
  timer = undefined;
  for (const uri of [...dirty]) for (const u of refresh(uri)) pending.add(u);
  const uris = [...pending];
  pending.clear();
  for (const uri of uris) {
    const analysis = project.get(uri);
    const open = openDoc(uri);
    // A result for an older version than the editor holds is stale: a newer change is on its way.
    if (open && analysis && analysis.parsed.version !== open.version) continue;
    void connection.sendDiagnostics({ uri: open?.uri ?? uri, version: open?.version, diagnostics: analysis ? project.diagnostics(uri) : [] });
  }
}

const disk = new DiskMirror({
  read: (uri) => fs.readFile(fileURLToPath(uri), 'utf8'),
  isOpen: (uri) => openDoc(uri) !== undefined,
  set: (uri, text) => schedule(project.set(uri, text, -1)),
  remove: (uri) => {
    schedule(project.delete(uri));
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  },
  log: (m) => connection.console.warn(m),
});

async function scan(dir: string, out: string[]) {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) await scan(full, out);
    } else if (RECORD_FILE.test(e.name)) out.push(full);
  }
}

async function indexWorkspace(folders: string[]) {
  const files: string[] = [];
  for (const root of folders) await scan(root, files);
  await disk.loadAll(files.map((f) => pathToFileURL(f).href));
  connection.console.info(`indexed ${files.length} record file(s)`);
}

async function loadSettings() {
  if (!canReadConfiguration) return;
  settings = configFromSettings(await connection.workspace.getConfiguration('assoc'));
}

function reconfigure() {
  rc.clear();
  for (const uri of dirty) refresh(uri);
  project.reconfigure();
  schedule(project.uris());
  // The client shows the edition in force; tell it to ask again.
  void connection.sendNotification('assoc/configurationChanged');
}

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
  roots = folders.filter((f) => f.uri.startsWith('file:')).map((f) => fileURLToPath(f.uri));
  canReadConfiguration = !!params.capabilities.workspace?.configuration;
  canWatchFiles = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  canWatchFolders = !!params.capabilities.workspace?.workspaceFolders;
  snippets = params.capabilities.textDocument?.completion?.completionItem?.snippetSupport ?? false;
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
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'assoc-language-server', version: '0.1.0' },
  };
});

connection.onInitialized(async () => {
  if (canWatchFiles) {
    await connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [
      { globPattern: '**/*.assoc.{yaml,yml}' },
      { globPattern: `**/${CONFIG_FILE}` },
      // Deleted folders arrive as one event for the folder.
      { globPattern: '**/*', kind: WatchKind.Delete },
    ],
    });
  }
  if (canWatchFolders) {
    connection.workspace.onDidChangeWorkspaceFolders(async ({ added, removed }) => {
      const paths = (fs: typeof added) => fs.filter((f) => f.uri.startsWith('file:')).map((f) => fileURLToPath(f.uri));
      const gone = paths(removed);
      const fresh = paths(added);
      roots = [...roots.filter((r) => !gone.includes(r)), ...fresh];
      for (const uri of project.uris()) if (!openDoc(uri) && !inWorkspace(uri)) disk.remove(uri);
      reconfigure();
      await indexWorkspace(fresh);
    });
  }
  await loadSettings();
  // Documents opened while the settings were on their way were checked without them.
  reconfigure();
  // Each file read schedules its own diagnostics (and those of the files it affects).
  await indexWorkspace(roots);
});

connection.onDidChangeConfiguration(async () => {
  await loadSettings();
  reconfigure();
});

connection.onDidChangeWatchedFiles(({ changes }) => {
  for (const change of changes) {
    const uri = canon(change.uri);
    if (uri.endsWith(`/${CONFIG_FILE}`)) {
      reconfigure();
    } else if (RECORD_FILE.test(uri)) {
      if (!inWorkspace(uri)) continue;
      if (change.type === FileChangeType.Deleted) {
        if (!openDoc(uri)) disk.remove(uri);
      } else void disk.load(uri);
    } else if (change.type === FileChangeType.Deleted && uri.startsWith('file:')) {
      // A folder deleted or renamed away is one event: its records go with it.
      const folder = fileURLToPath(uri) + sep;
      for (const u of project.uris()) if (u.startsWith('file:') && fileURLToPath(u).startsWith(folder) && !openDoc(u)) disk.remove(u);
    }
  }
});

documents.onDidChangeContent((e) => {
  const uri = canon(e.document.uri);
  clientUri.set(uri, e.document.uri);
  dirty.add(uri);
  schedule([uri]);
});
documents.onDidClose((e) => {
  const uri = canon(e.document.uri);
  clientUri.delete(uri);
  dirty.delete(uri);
  // The client forgets what it was told about a document it closes under its own spelling.
  if (e.document.uri !== uri) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  // A workspace record goes back to what is on disk; any other file leaves the index.
  if (inWorkspace(uri)) void disk.load(uri);
  else disk.remove(uri);
});

/** The analysis of a file as the editor holds it now. */
function analysisOf(uri: string) {
  if (dirty.has(uri)) schedule(refresh(uri));
  return project.get(uri);
}

connection.onHover(({ textDocument, position }) => {
  const a = analysisOf(canon(textDocument.uri));
  const doc = openDoc(canon(textDocument.uri));
  if (!a || !doc) return null;
  return hover(a.parsed, doc.offsetAt(position), a.edition);
});

connection.onCompletion(({ textDocument, position }) => {
  const a = analysisOf(canon(textDocument.uri));
  const items = a ? complete(a.parsed, position, a.edition) : [];
  // Without snippet support, a `$1` tab stop would be typed out literally.
  return snippets ? items : items.map((i) => (i.insertTextFormat === InsertTextFormat.Snippet ? { ...i, insertText: i.insertText?.replace(/\$\d/g, ''), insertTextFormat: InsertTextFormat.PlainText } : i));
});

connection.onCodeAction(({ textDocument, context }) => {
  const uri = canon(textDocument.uri);
  const a = analysisOf(uri);
  if (!a) return [];
  if (context.only && !context.only.some((k) => k === 'quickfix' || 'quickfix'.startsWith(`${k}.`) || k === '')) return [];
  // Fix only what is wrong now: a diagnostic the client still holds from an older text is skipped.
  // Our own copy also gives the fix hints to clients that do not send `data` back.
  const ours = project.diagnostics(uri);
  const same = (x: Diagnostic, y: Diagnostic) =>
    x.code === y.code &&
    x.message === y.message &&
    x.range.start.line === y.range.start.line &&
    x.range.start.character === y.range.start.character &&
    x.range.end.line === y.range.end.line &&
    x.range.end.character === y.range.end.character;
  const current = context.diagnostics.flatMap((d) => {
    const mine = ours.find((o) => same(o, d));
    return mine ? [d.data === undefined ? mine : d] : [];
  });
  const actions = codeActions(a.parsed, current, a.edition, (u) => analysisOf(u)?.parsed);
  // Edits name each document as the client spells it.
  for (const action of actions) {
    const changes = action.edit?.changes;
    for (const u of Object.keys(changes ?? {})) {
      const spelled = clientUri.get(u);
      if (changes && spelled && spelled !== u) {
        changes[spelled] = changes[u];
        delete changes[u];
      }
    }
  }
  return actions;
});

connection.onDocumentSymbol(({ textDocument }) => {
  const a = analysisOf(canon(textDocument.uri));
  return a ? documentSymbols(a.parsed) : [];
});

connection.onDefinition(({ textDocument, position }) => {
  const a = analysisOf(canon(textDocument.uri));
  const doc = openDoc(canon(textDocument.uri));
  return a && doc ? definition(a.parsed, doc.offsetAt(position)) : [];
});

connection.onReferences(({ textDocument, position, context }) => {
  const a = analysisOf(canon(textDocument.uri));
  const doc = openDoc(canon(textDocument.uri));
  return a && doc ? references(a.parsed, doc.offsetAt(position), context.includeDeclaration) : [];
});

connection.onCodeLens(({ textDocument }) => {
  const a = analysisOf(canon(textDocument.uri));
  return a ? codeLenses(a.parsed, a.edition) : [];
});

/** The edition in force for a file, for the editor's status bar. */
connection.onRequest('assoc/edition', ({ uri }: { uri: string }) => analysisOf(canon(uri))?.edition ?? configFor(canon(uri)).program ?? '2023-08');

documents.listen(connection);
connection.listen();
