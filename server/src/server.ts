// The language server: a thin adapter from LSP to the language service.
// Run with --stdio (any editor) or --node-ipc (VS Code).
import {
  createConnection,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { promises as fs, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Project } from './service/workspace';
import { CONFIG_FILE, emptyConfig, parseConfig, type AssocConfig } from './service/config';
import { hover } from './service/hover';
import { complete } from './service/completion';
import { codeActions } from './service/actions';
import { documentSymbols, codeLenses } from './service/symbols';
import { definition, references } from './service/navigation';
import { isEdition } from './service/editions';
import { RULES_BY_ID } from './service/rules';
import type { SeveritySetting } from './service/types';

const RECORD = /\.assoc\.ya?ml$/;
const SKIP_DIRS = new Set(['node_modules', '.git']);
const DEBOUNCE_MS = 20;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

let roots: string[] = [];
let settings: AssocConfig = emptyConfig();
let canReadConfiguration = false;
let canWatchFiles = false;
let canWatchFolders = false;
const docsBase = pathToFileURL(join(__dirname, '..', 'docs', 'rules')).href + '/';

// ---- configuration: editor settings, overridden by the nearest .assocrc.yaml
const rcByDir = new Map<string, AssocConfig | null>();

function readRc(dir: string): AssocConfig | null {
  if (rcByDir.has(dir)) return rcByDir.get(dir)!;
  const file = join(dir, CONFIG_FILE);
  let found: AssocConfig | null = null;
  if (existsSync(file)) {
    try {
      const { config, problems } = parseConfig(readFileSync(file, 'utf8'));
      for (const p of problems) connection.console.warn(`${file}:${p.line}: ${p.message}`);
      found = config;
    } catch (e) {
      connection.console.error(`cannot read ${file}: ${(e as Error).message}`);
    }
  }
  if (!found) {
    const parent = dirname(dir);
    const atRoot = parent === dir || roots.includes(dir);
    found = atRoot ? null : readRc(parent);
  }
  rcByDir.set(dir, found);
  return found;
}

function configFor(uri: string): AssocConfig {
  let rc: AssocConfig | null = null;
  if (uri.startsWith('file:')) rc = readRc(dirname(fileURLToPath(uri)));
  return { program: rc?.program ?? settings.program, rules: { ...settings.rules, ...(rc?.rules ?? {}) } };
}

const project = new Project({ configFor, docsBase });

// ---- diagnostics: pushed for every affected file after a short debounce
const pending = new Set<string>();
let timer: NodeJS.Timeout | undefined;

function schedule(uris: Iterable<string>) {
  for (const u of uris) pending.add(u);
  if (timer) clearTimeout(timer);
  timer = setTimeout(flush, DEBOUNCE_MS);
}

function flush() {
  timer = undefined;
  const uris = [...pending];
  pending.clear();
  for (const uri of uris) {
    const analysis = project.get(uri);
    const open = documents.get(uri);
    // A result computed for an older version than the editor holds is stale: a newer change is on its way.
    if (open && analysis && analysis.parsed.version !== open.version) continue;
    void connection.sendDiagnostics({ uri, version: open?.version, diagnostics: analysis ? project.diagnostics(uri) : [] });
  }
}

function setFromDocument(doc: TextDocument) {
  schedule(project.set(doc.uri, doc.getText(), doc.version));
}

// Reads from disk finish out of order; only the latest event about a file may change it.
const diskEvents = new Map<string, number>();
function nextDiskEvent(uri: string): number {
  const n = (diskEvents.get(uri) ?? 0) + 1;
  diskEvents.set(uri, n);
  return n;
}

async function setFromDisk(uri: string) {
  if (documents.get(uri)) return; // the editor's text wins over the disk's
  const event = nextDiskEvent(uri);
  let text: string;
  try {
    text = await fs.readFile(fileURLToPath(uri), 'utf8');
  } catch {
    if (diskEvents.get(uri) === event) removeFile(uri, event);
    return;
  }
  if (documents.get(uri) || diskEvents.get(uri) !== event) return;
  schedule(project.set(uri, text, -1));
}

function removeFile(uri: string, event = nextDiskEvent(uri)) {
  diskEvents.set(uri, event);
  const affected = project.delete(uri);
  schedule(affected);
  void connection.sendDiagnostics({ uri, diagnostics: [] });
}

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
    } else if (RECORD.test(e.name)) out.push(full);
  }
}

async function indexWorkspace(folders = roots) {
  const files: string[] = [];
  for (const root of folders) await scan(root, files);
  await Promise.all(files.map((f) => setFromDisk(pathToFileURL(f).href)));
  connection.console.info(`indexed ${files.length} record file(s)`);
}

async function loadSettings() {
  if (!canReadConfiguration) return;
  const s = (await connection.workspace.getConfiguration('assoc')) as { program?: unknown; rules?: Record<string, unknown> } | null;
  const rules: Record<string, SeveritySetting> = {};
  for (const [id, sev] of Object.entries(s?.rules ?? {})) {
    if (RULES_BY_ID.has(id) && typeof sev === 'string' && ['error', 'warning', 'info', 'off'].includes(sev)) rules[id] = sev as SeveritySetting;
  }
  settings = { program: isEdition(s?.program) ? s.program : undefined, rules };
}

function reconfigure() {
  rcByDir.clear();
  project.reconfigure();
  schedule(project.uris());
}

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
  roots = folders.filter((f) => f.uri.startsWith('file:')).map((f) => fileURLToPath(f.uri));
  canReadConfiguration = !!params.capabilities.workspace?.configuration;
  canWatchFiles = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  canWatchFolders = !!params.capabilities.workspace?.workspaceFolders;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      completionProvider: { triggerCharacters: [':', ' ', '[', ',', '-'] },
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
      watchers: [{ globPattern: '**/*.assoc.{yaml,yml}' }, { globPattern: `**/${CONFIG_FILE}` }],
    });
  }
  if (canWatchFolders) watchWorkspaceFolders();
  await loadSettings();
  await indexWorkspace();
  schedule(project.uris());
});

/** Folders added to or removed from a multi-root workspace: index or drop their records. */
function watchWorkspaceFolders() {
  connection.workspace.onDidChangeWorkspaceFolders(async ({ added, removed }) => {
    const gone = removed.filter((f) => f.uri.startsWith('file:')).map((f) => fileURLToPath(f.uri));
    const fresh = added.filter((f) => f.uri.startsWith('file:')).map((f) => fileURLToPath(f.uri));
    roots = [...roots.filter((r) => !gone.includes(r)), ...fresh];
    rcByDir.clear();
    for (const uri of project.uris()) {
      const path = fileURLToPath(uri);
      if (gone.some((r) => path.startsWith(r + '/')) && !documents.get(uri)) removeFile(uri);
    }
    await indexWorkspace(fresh);
  });
}

connection.onDidChangeConfiguration(async () => {
  await loadSettings();
  reconfigure();
});

connection.onDidChangeWatchedFiles(({ changes }) => {
  for (const c of changes) {
    if (c.uri.endsWith(`/${CONFIG_FILE}`)) {
      reconfigure();
    } else if (RECORD.test(c.uri)) {
      if (c.type === FileChangeType.Deleted) {
        if (!documents.get(c.uri)) removeFile(c.uri);
      } else void setFromDisk(c.uri);
    }
  }
});

documents.onDidOpen((e) => setFromDocument(e.document));
documents.onDidChangeContent((e) => setFromDocument(e.document));
documents.onDidClose((e) => {
  // Back to what is on disk; a file that is not there any more leaves the workspace.
  void setFromDisk(e.document.uri);
});

function analysisOf(uri: string) {
  const doc = documents.get(uri);
  if (doc && project.get(uri)?.parsed.version !== doc.version) project.set(uri, doc.getText(), doc.version);
  return project.get(uri);
}

connection.onHover(({ textDocument, position }) => {
  const a = analysisOf(textDocument.uri);
  const doc = documents.get(textDocument.uri);
  if (!a || !doc) return null;
  return hover(a.parsed, doc.offsetAt(position), a.edition);
});

connection.onCompletion(({ textDocument, position }) => {
  const a = analysisOf(textDocument.uri);
  return a ? complete(a.parsed, position, a.edition) : [];
});

connection.onCodeAction(({ textDocument, context }) => {
  const a = analysisOf(textDocument.uri);
  return a ? codeActions(a.parsed, context.diagnostics, a.edition) : [];
});

connection.onDocumentSymbol(({ textDocument }) => {
  const a = analysisOf(textDocument.uri);
  return a ? documentSymbols(a.parsed) : [];
});

connection.onDefinition(({ textDocument, position }) => {
  const a = analysisOf(textDocument.uri);
  const doc = documents.get(textDocument.uri);
  return a && doc ? definition(a.parsed, doc.offsetAt(position)) : [];
});

connection.onReferences(({ textDocument, position, context }) => {
  const a = analysisOf(textDocument.uri);
  const doc = documents.get(textDocument.uri);
  return a && doc ? references(a.parsed, doc.offsetAt(position), context.includeDeclaration) : [];
});

connection.onCodeLens(({ textDocument }) => {
  const a = analysisOf(textDocument.uri);
  return a ? codeLenses(a.parsed, a.edition) : [];
});

/** The edition in force for a file, for the editor's status bar. */
connection.onRequest('assoc/edition', ({ uri }: { uri: string }) => analysisOf(uri)?.edition ?? configFor(uri).program ?? '2023-08');

documents.listen(connection);
connection.listen();
