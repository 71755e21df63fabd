// The language server's entry: `assoc-language-server --stdio` (any editor)
// or `--node-ipc` (VS Code). The work is in lsp/start.ts.
import { createConnection, ProposedFeatures, StreamMessageReader, type Connection } from 'vscode-languageserver/node';
import { BatchingMessageWriter } from './lsp/writer';
import { startServer } from './lsp/start';
import { nodeRuntime } from './lsp/runtime';
import pkg from '../../package.json';
import { injectRuleFault } from './service/rules';

// Fault tests make one rule throw, to show that the failure is contained.
injectRuleFault(process.env.ASSOC_TEST_FAIL_RULE);

const HELP = `Usage: assoc-language-server --stdio | --node-ipc

The language server for Microsoft partner association records (*.assoc.yaml):
diagnostics, hover, completion, quick fixes and navigation over LSP.

Options:
  --stdio          speak LSP over standard input and output (any editor)
  --node-ipc       speak LSP over Node IPC (VS Code starts it so)
  -h, --help       show this help
  -v, --version    show the version
`;

/** A stdio connection that exits, saying why, when the client's framing cannot be read: a deaf server helps nobody. */
function stdioConnection(): Connection {
  const reader = new StreamMessageReader(process.stdin);
  const writer = new BatchingMessageWriter(process.stdout);
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
  startServer(connection, nodeRuntime(__dirname));
}

main(process.argv.slice(2));
