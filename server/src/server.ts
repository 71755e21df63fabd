// The language server's entry: `assoc-language-server --stdio` (any editor)
// or `--node-ipc` (VS Code). The work is in lsp/start.ts.
import './host/tiering';
import { constants } from 'node:buffer';
import { PassThrough } from 'node:stream';
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

/** Beyond this, a message could never be read: its body is decoded into one string, and UTF-8 takes at most 3 bytes per UTF-16 unit. */
const MAX_MESSAGE_BYTES = Math.min(constants.MAX_LENGTH, 3 * constants.MAX_STRING_LENGTH);

/**
 * Passes the client's bytes through unchanged, following the framing as the
 * reader does, and calls `tooLong` for a Content-Length no message can have:
 * the reader would wait for it for ever, deaf to everything after.
 */
function watchLengths(input: NodeJS.ReadableStream, tooLong: (length: number) => void): PassThrough {
  const out = new PassThrough();
  let header = Buffer.alloc(0);
  let skip = 0;
  input.on('data', (chunk: Buffer) => {
    out.write(chunk);
    let rest = chunk;
    while (rest.length > 0) {
      if (skip > 0) {
        const n = Math.min(skip, rest.length);
        skip -= n;
        rest = rest.subarray(n);
        continue;
      }
      header = Buffer.concat([header, rest]);
      const end = header.indexOf('\r\n\r\n');
      if (end < 0) return;
      rest = header.subarray(end + 4);
      const line = header.subarray(0, end).toString('ascii').split('\r\n').find((l) => l.slice(0, l.indexOf(':')).trim().toLowerCase() === 'content-length');
      header = Buffer.alloc(0);
      const length = line === undefined ? NaN : parseInt(line.slice(line.indexOf(':') + 1).trim());
      if (Number.isNaN(length)) return; // the reader reports it
      if (length > MAX_MESSAGE_BYTES) return tooLong(length);
      skip = Math.max(0, length);
    }
  });
  input.on('end', () => out.end());
  input.on('error', (e: Error) => out.destroy(e));
  return out;
}

/** A stdio connection that exits, saying why, when the client's framing cannot be read: a deaf server helps nobody. */
function stdioConnection(): Connection {
  const fail = (why: string) => {
    process.stderr.write(`assoc-language-server: cannot read the client's message (${why}); exiting so that the client can start a fresh server.\n`);
    process.exit(1);
  };
  const reader = new StreamMessageReader(watchLengths(process.stdin, (n) => fail(`Content-Length ${n} is more than any message can be`)));
  const writer = new BatchingMessageWriter(process.stdout);
  reader.onError((e) => fail(e.message.split('\n')[0]));
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
    // With a transport, what else an editor passes (`--clientProcessId=…`) is let be; without one, it is named.
    const said = argv.length > 0 ? `${argv.join(' ')} ${argv.length === 1 ? 'does' : 'do'} not say how to talk to the editor` : 'say how to talk to the editor';
    process.stderr.write(`assoc-language-server: ${said}: give --stdio or --node-ipc.\n\n${HELP}`);
    process.exitCode = 2;
    return;
  }
  const connection = transport === '--stdio' ? stdioConnection() : createConnection(ProposedFeatures.all);
  startServer(connection, nodeRuntime(__dirname));
}

main(process.argv.slice(2));
