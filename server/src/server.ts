// The language server's entry: `assoc-language-server --stdio` (any editor)
// or `--node-ipc` (VS Code). The work is in lsp/start.ts.
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter, type Connection } from 'vscode-languageserver/node';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer, type ServerRuntime } from './lsp/start';
import { readRecord, walkRecords } from './host/files';
import { readConfigFile } from './host/config-resolver';
import { analyzeAll, workerScriptNear } from './host/analyze';
import pkg from '../../package.json';

const HELP = `Usage: assoc-language-server --stdio | --node-ipc

The language server for Microsoft partner association records (*.assoc.yaml):
diagnostics, hover, completion, quick fixes and navigation over LSP.

Options:
  --stdio          speak LSP over standard input and output (any editor)
  --node-ipc       speak LSP over Node IPC (VS Code starts it so)
  -h, --help       show this help
  -v, --version    show the version
`;

function nodeRuntime(): ServerRuntime {
  return {
    readRecord,
    readConfig: readConfigFile,
    walk: (root) => walkRecords(root),
    isRepositoryRoot: (dir) => existsSync(join(dir, '.git')),
    analyzeAll: (tasks, onResults) => analyzeAll(tasks, onResults, { workerScript: workerScriptNear(__dirname) }),
    docsBase: pathToFileURL(join(__dirname, '..', 'docs', 'rules')).href + '/',
    cwd: () => process.cwd(),
    version: pkg.version,
  };
}

/** A stdio connection that exits, saying why, when the client's framing cannot be read: a deaf server helps nobody. */
function stdioConnection(): Connection {
  const reader = new StreamMessageReader(process.stdin);
  const writer = new StreamMessageWriter(process.stdout);
  reader.onError((e) => {
    process.stderr.write(`assoc-language-server: cannot read the client's message (${e.message.split('\n')[0]}); exiting so that the client can start a fresh server.\n`);
    process.exit(1);
  });
  return createConnection(ProposedFeatures.all, reader, writer);
}

function main(argv: string[]): void {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(HELP);
    return;
  }
  if (argv.includes('--version') || argv.includes('-v')) {
    process.stdout.write(`${pkg.version}\n`);
    return;
  }
  const transport = argv.find((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'));
  if (!transport) {
    process.stderr.write(`assoc-language-server: say how to talk to the editor.\n\n${HELP}`);
    process.exitCode = 2;
    return;
  }
  const connection = transport === '--stdio' ? stdioConnection() : createConnection(ProposedFeatures.all);
  startServer(connection, nodeRuntime());
}

main(process.argv.slice(2));
