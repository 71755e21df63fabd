// The server's runtime on Node: files from disk, worker threads for indexing.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ServerRuntime } from './start';
import { isRepositoryRoot, readRecord, walkRecords, type ReadResult } from '../host/files';
import { diskIgnore } from '../host/ignore';
import { readConfigFile } from '../host/config-resolver';
import { analyzeAll, WorkerPool, workerScriptNear } from '../host/analyze';
import { AnalysisCache, buildStamp, contentHash, defaultCacheDir } from '../host/cache';
import pkg from '../../../package.json';

/** `distDir`: where the bundles are (the worker script, and the rule pages beside them in docs/). */
export function nodeRuntime(distDir: string): ServerRuntime {
  /** The folders walked: the workspace folders, where the `.assocignore` search stops as the `.assocrc.yaml` search does. */
  const roots = new Set<string>();
  const isRoot = (dir: string) => roots.has(dir);
  /**
   * The `.assocignore` files as the last walk read them. Each walk reads
   * them afresh (the server walks again when one changes); a record that
   * changes on disk meanwhile is judged by them without reading them again.
   */
  let ignores = diskIgnore({ isRoot });
  const pool = new WorkerPool(workerScriptNear(distDir));
  return {
    // A record that `.assocignore` leaves out is not read when it changes on disk, as the walk does not read it.
    readRecord: async (path): Promise<ReadResult> => {
      const by = ignores.ignoredBy(path);
      return by ? { kind: 'skipped', reason: `left out by ${by}` } : readRecord(path);
    },
    readConfig: readConfigFile,
    walk: async (root, report) => {
      roots.add(root);
      // What an .assocignore has wrong is said when it is read: during this walk, or later, when a record that
      // changes on disk is judged by it.
      ignores = diskIgnore({ isRoot, report });
      return walkRecords(root, { ignore: ignores });
    },
    isRepositoryRoot,
    stat: (path) => {
      try {
        return statSync(path);
      } catch {
        return undefined;
      }
    },
    analyzeAll: (tasks, onResults) => analyzeAll(tasks, onResults, { pool }),
    prepare: () => pool.warm(),
    docsBase: pathToFileURL(join(distDir, '..', 'docs', 'rules')).href + '/',
    cwd: () => process.cwd(),
    version: pkg.version,
    // One cache file per workspace, in the folder the editor gives (or the user's cache folder); ASSOC_NO_CACHE=1 keeps none.
    cache: (roots, cacheDir, log) => {
      if (process.env.ASSOC_NO_CACHE) return new AnalysisCache(undefined, '');
      const dir = cacheDir ?? process.env.ASSOC_CACHE_DIR ?? defaultCacheDir();
      return new AnalysisCache(join(dir, contentHash([...roots].sort().join('\u0000')).slice(0, 16)), buildStamp(workerScriptNear(distDir)), log);
    },
  };
}
