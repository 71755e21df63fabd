// Writing to the client in batches: everything sent in one turn of the event
// loop goes out in one write. The stock writer waits for each message's
// header and body to be flushed before it starts the next, so a burst (two
// thousand files' diagnostics after the workspace is read) trickles out for
// a second; batched, it leaves at once, in the same order.
import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';

export class BatchingMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private chunks: Buffer[] = [];
  private waiting: Array<() => void> = [];
  private scheduled = false;

  constructor(private readonly out: NodeJS.WritableStream) {
    super();
    out.on('error', (e: Error) => this.fireError(e));
    out.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.chunks.push(Buffer.from(`Content-Length: ${body.byteLength}\r\n\r\n`, 'ascii'), body);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private flush(): void {
    this.scheduled = false;
    const data = Buffer.concat(this.chunks);
    const done = this.waiting;
    this.chunks = [];
    this.waiting = [];
    this.out.write(data, (e?: Error | null) => {
      if (e) this.fireError(e);
      for (const d of done) d();
    });
  }

  end(): void {
    this.out.end();
  }
}
