// The server's runtime on Node: files from disk, worker threads for indexing.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ServerRuntime } from './start';
import { readRecord, walkRecords } from '../host/files';
import { readConfigFile } from '../host/config-resolver';
import { analyzeAll, workerScriptNear } from '../host/analyze';
import { AnalysisCache, buildStamp, contentHash, defaultCacheDir } from '../host/cache';
import pkg from '../../../package.json';

/** `distDir`: where the bundles are (the worker script, and the rule pages beside them in docs/). */
export function nodeRuntime(distDir: string): ServerRuntime {
  return {
    readRecord,
    readConfig: readConfigFile,
    walk: (root) => walkRecords(root),
    isRepositoryRoot: (dir) => existsSync(join(dir, '.git')),
    analyzeAll: (tasks, onResults) => analyzeAll(tasks, onResults, { workerScript: workerScriptNear(distDir) }),
    docsBase: pathToFileURL(join(distDir, '..', 'docs', 'rules')).href + '/',
    cwd: () => process.cwd(),
    version: pkg.version,
    // One cache file per workspace, in the folder the editor gives (or the user's cache folder); ASSOC_NO_CACHE=1 keeps none.
    cache: (roots, cacheDir, log) => {
      if (process.env.ASSOC_NO_CACHE) return new AnalysisCache(undefined, '');
      const dir = cacheDir ?? process.env.ASSOC_CACHE_DIR ?? defaultCacheDir();
      return new AnalysisCache(join(dir, `${contentHash([...roots].sort().join('\u0000')).slice(0, 16)}.v8`), buildStamp(workerScriptNear(distDir)), log);
    },
  };
}
