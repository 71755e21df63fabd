// Keeps the language service's copy of closed record files in step with the
// disk. Reads finish out of order, so only the latest event about a file may
// change it; a file that cannot be read for another reason than being gone
// (too many open files, say) is kept as it was, never dropped.

export interface DiskHooks {
  read(uri: string): Promise<string>;
  /** The editor's text wins over the disk's while a file is open. */
  isOpen(uri: string): boolean;
  set(uri: string, text: string): void;
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
    const event = this.next(uri);
    let text: string;
    try {
      text = await this.hooks.read(uri);
    } catch (e) {
      if (this.latest.get(uri) !== event) return;
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') this.hooks.remove(uri);
      else this.hooks.log(`cannot read ${uri}: ${(e as Error).message}`);
      return;
    }
    if (this.latest.get(uri) !== event || this.hooks.isOpen(uri)) return;
    this.hooks.set(uri, text);
  }

  /** The file is gone from disk (or from the workspace). */
  remove(uri: string): void {
    this.next(uri);
    this.hooks.remove(uri);
  }

  /** Loads many files, a few at a time, so that no file fails for want of file handles. */
  async loadAll(uris: string[], concurrency = 16): Promise<void> {
    let i = 0;
    const worker = async () => {
      while (i < uris.length) await this.load(uris[i++]);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, uris.length) }, worker));
  }

  private next(uri: string): number {
    const n = ++this.counter;
    this.latest.set(uri, n);
    return n;
  }
}
