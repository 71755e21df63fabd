// The analysis cache kept between editor sessions: what it writes, and when.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { AnalysisCache } from '../server/src/host/cache';
import { serviceFor, VALID } from './helpers';

const URI = 'file:///ws/a.assoc.yaml';

function analysisOf(text: string) {
  const { svc, uri } = serviceFor(text, { uri: URI });
  return { ...svc.analysis(uri)!, version: -1, parsed: undefined };
}

test('published diagnostics alone rewrite the index, not the analyses; a changed analysis rewrites both', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'assoc-cache-')), 'ws');
  const cache = new AnalysisCache(file, 'build-1');
  cache.put(URI, { hash: 'h1', configKey: 'k', analysis: analysisOf(VALID) });
  await cache.save();
  const analyses = () => statSync(`${file}.analyses.jsonl`).ino;
  const first = analyses();

  const said: Diagnostic[] = [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } }, message: 'told', code: 'date-range' }];
  cache.publishedOf = () => said;
  cache.touch();
  await cache.save();
  assert.equal(analyses(), first, 'the analyses file is the same file');
  const index = JSON.parse(readFileSync(`${file}.index.json`, 'utf8')) as { entries: Array<[string, { published?: Diagnostic[] }]> };
  assert.deepEqual(index.entries.map(([u, e]) => [u, e.published]), [[URI, said]]);

  // The same entry again, with a new stamp only: still the index alone.
  cache.put(URI, { ...cache.get(URI)!, stamp: { mtimeMs: 1, size: 2, ino: 3, readAt: 4 } });
  await cache.save();
  assert.equal(analyses(), first);

  // A new session reads both back as they belong together.
  const next = new AnalysisCache(file, 'build-1');
  await next.load();
  await next.loadAnalyses();
  assert.equal(next.get(URI)?.hash, 'h1');
  assert.ok(next.get(URI)?.analysis, 'the analysis matches the index');
  assert.deepEqual(next.get(URI)?.published, said);

  cache.put(URI, { hash: 'h2', configKey: 'k', analysis: analysisOf(VALID.replace('2024-03-01', '2024-03-02')) });
  await cache.save();
  assert.notEqual(analyses(), first, 'a changed analysis is written');
});

test('a write a killed server left half done is cleared away; one of a server still running is not', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'assoc-cache-')), 'ws');
  // No process has this number (Linux pids stay below 2^22).
  const gone = `${file}.analyses.${2 ** 22 + 7}.tmp`;
  const running = `${file}.analyses.${process.ppid}.tmp`;
  writeFileSync(gone, 'half');
  writeFileSync(running, 'half');
  const cache = new AnalysisCache(file, 'build-1');
  cache.put(URI, { hash: 'h1', configKey: 'k', analysis: analysisOf(VALID) });
  await cache.save();
  assert.ok(!existsSync(gone));
  assert.ok(existsSync(running));
});
