import { existsSync, readFileSync } from 'node:fs';

/** A file's text; undefined when there is none, or when it cannot be read (said through `report`). */
export function readIfPresent(path: string, report: (message: string) => void): string | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    report(`cannot read ${path}: ${(e as Error).message}`);
    return undefined;
  }
}
