// Keeps the language service's copy of closed record files in step with the
// disk. Reads finish out of order, so only the latest event about a file may
// change it; a file that cannot be read for another reason than being gone
// (too many open files, say) is kept as it was, never dropped.
import type { ReadResult } from './host/files';

export interface DiskHooks {
  read(uri: string): Promise<ReadResult>;
  /** The editor's text wins over the disk's while a file is open. */
  isOpen(uri: string): boolean;
  set(uri: string, result: Extract<ReadResult, { kind: 'text' | 'oversized' }>): void;
  remove(uri: string): void;
  log(message: string): void;
}

export class DiskMirror {
  private latest = new Map<string, number>();
  private counter = 0;

  constructor(private readonly hooks: DiskHooks) {}

  /** The file changed or appeared on disk. */
  async load(uri: string): Promise<void> {
    if (this.hooks.isOpen(uri)) return;
    const event = this.begin(uri);
    let result: ReadResult;
    try {
      result = await this.hooks.read(uri);
    } catch (e) {
      result = { kind: 'error', message: (e as Error).message };
    }
    this.apply(uri, event, result);
  }

  /** Starts an event about a file: its token says later whether it is still the latest. */
  begin(uri: string): number {
    const n = ++this.counter;
    this.latest.set(uri, n);
    return n;
  }

  /** Whether an event is still the latest about its file, and the file is not open. */
  current(uri: string, event: number): boolean {
    return this.latest.get(uri) === event && !this.hooks.isOpen(uri);
  }

  /** What a read found, applied if its event is still the latest. */
  apply(uri: string, event: number, result: ReadResult): void {
    if (!this.current(uri, event)) return;
    switch (result.kind) {
      case 'text':
      case 'oversized':
        this.hooks.set(uri, result);
        break;
      case 'missing':
        this.hooks.remove(uri);
        break;
      case 'skipped':
        this.hooks.log(`skipped ${uri}: ${result.reason}`);
        this.hooks.remove(uri);
        break;
      case 'error':
        this.hooks.log(`cannot read ${uri}: ${result.message}`);
        break;
    }
  }

  /** The file is gone from disk (or from the workspace). */
  remove(uri: string): void {
    this.begin(uri);
    this.hooks.remove(uri);
  }
}
