// Writing to the client in batches: everything sent in one turn of the event
// loop goes out in one write. The stock writer waits for each message's
// header and body to be flushed before it starts the next, so a burst (two
// thousand files' diagnostics after the workspace is read) trickles out for
// a second; batched, it leaves at once, in the same order.
import { AbstractMessageWriter, type Diagnostic, type Message, type MessageWriter } from 'vscode-languageserver/node';

/** JSON already made for a value (a file's diagnostics, made to tell whether they changed), to be sent as made: a string, or its UTF-8 bytes. */
const made = new WeakMap<object, string | Buffer>();
const PLACEHOLDER = `made-json-${process.pid}-${Math.random().toString(36).slice(2)}`;

/** Marks `value` as written `json`: a message that holds it as one of its params is not made again. */
export function madeJson<T extends object>(value: T, json: string | Buffer): T {
  made.set(value, json);
  return value;
}

/**
 * The UTF-8 JSON of a piece of related information, after a comma, kept on
 * it (under a symbol: JSON leaves it out) and made once: a crowded group
 * names the same claim in many diagnostics.
 */
const BYTES = Symbol('json bytes');
type WithBytes = { [BYTES]?: Buffer };
const OPEN = Buffer.from('[');
const CLOSE = Buffer.from(']');
const COMMA = Buffer.from(',');
const RELATED = Buffer.from(',"relatedInformation":[');
const CLOSE_RELATED = Buffer.from(']}');

/**
 * A file's diagnostics as UTF-8 JSON, made once as the bytes that are hashed
 * and sent: each piece of related information is written once however often
 * it is named, and pieces are joined as bytes, not as a string to be encoded.
 */
export function diagnosticsBytes(diagnostics: Diagnostic[]): Buffer {
  const parts: Buffer[] = [OPEN];
  diagnostics.forEach((d, i) => {
    if (i > 0) parts.push(COMMA);
    const related = d.relatedInformation;
    if (!related || related.length === 0) {
      parts.push(Buffer.from(JSON.stringify(d), 'utf8'));
      return;
    }
    const rest = JSON.stringify({ ...d, relatedInformation: undefined });
    // `{...}` without its closing brace, then the related information (after a comma unless `rest` is `{}`).
    parts.push(Buffer.from(rest.slice(0, -1), 'utf8'), rest.length > 2 ? RELATED : RELATED.subarray(1));
    for (let j = 0; j < related.length; j++) {
      const r = related[j] as typeof related[number] & WithBytes;
      const bytes = (r[BYTES] ??= Buffer.from(`,${JSON.stringify(r)}`, 'utf8'));
      parts.push(j === 0 ? bytes.subarray(1) : bytes);
    }
    parts.push(CLOSE_RELATED);
  });
  parts.push(CLOSE);
  return Buffer.concat(parts);
}

/** A message's JSON, in pieces: JSON made beforehand goes in as it is, not copied into one string. */
function encode(msg: Message): Array<string | Buffer> {
  const params = (msg as { params?: unknown }).params;
  if (params && typeof params === 'object' && !Array.isArray(params)) {
    for (const [key, value] of Object.entries(params)) {
      const json = value && typeof value === 'object' ? made.get(value) : undefined;
      if (json === undefined) continue;
      const around = JSON.stringify({ ...msg, params: { ...params, [key]: PLACEHOLDER } });
      const at = around.indexOf(`"${PLACEHOLDER}"`);
      return [around.slice(0, at), json, around.slice(at + PLACEHOLDER.length + 2)];
    }
  }
  return [JSON.stringify(msg)];
}

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
    const body = encode(msg).map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : part));
    const length = body.reduce((n, b) => n + b.byteLength, 0);
    this.chunks.push(Buffer.from(`Content-Length: ${length}\r\n\r\n`, 'ascii'), ...body);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private flush(): void {
    this.scheduled = false;
    const chunks = this.chunks;
    const done = this.waiting;
    this.chunks = [];
    this.waiting = [];
    // One write of all the chunks (a pipe or socket takes them as one vector), without copying them into one buffer first:
    // a publish of thousands of conflicts is tens of megabytes.
    const out = this.out as NodeJS.WritableStream & { cork?: () => void; uncork?: () => void };
    out.cork?.();
    chunks.forEach((chunk, i) =>
      out.write(
        chunk,
        i < chunks.length - 1
          ? undefined
          : (e?: Error | null) => {
              if (e) this.fireError(e);
              for (const d of done) d();
            },
      ),
    );
    out.uncork?.();
  }

  end(): void {
    this.out.end();
  }
}
