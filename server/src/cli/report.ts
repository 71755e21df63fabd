// `assoc-lint report`: the coverage report of the files assoc-lint would
// check (the same paths, .assocignore and .assocrc.yaml), as HTML, Markdown,
// a GitHub job summary or JSON.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { emptyConfig } from '../service/config';
import { ConfigResolver, readConfigFile } from '../host/config-resolver';
import { isRepositoryRoot } from '../host/files';
import { diskIgnore } from '../host/ignore';
import { workerScriptNear } from '../host/analyze';
import { coverage, today } from '../host/coverage';
import { renderHtml } from '../report/html';
import { renderMarkdown } from '../report/markdown';
import { renderJson } from '../report/json';
import type { ReportLinks } from '../report/common';
import type { ReportOptions } from './options';
import { findTargets } from './targets';

/** A relative path as a URL path: each segment percent-encoded, `/` between. */
function urlPath(path: string): string {
  return path
    .split(sep)
    .map((s) => encodeURIComponent(s))
    .join('/');
}

/**
 * Records named from the working folder; links relative to the folder the
 * report is written to, with the line in the fragment (`#L12`).
 */
export function cliLinks(cwd: string, reportDir: string): ReportLinks {
  const pathOf = (uri: string) => {
    try {
      return fileURLToPath(uri);
    } catch {
      return uri;
    }
  };
  const display = (uri: string) => relative(cwd, pathOf(uri)).split(sep).join('/') || pathOf(uri);
  return {
    display,
    href: (uri, line) => `${urlPath(relative(reportDir, pathOf(uri))) || '.'}#L${line}`,
    file: display,
  };
}

export async function runReport(options: ReportOptions): Promise<number> {
  const cwd = process.cwd();
  let problems = 0;
  const err = (m: string) => process.stderr.write(`assoc-lint: ${m}\n`);
  const problem = (m: string) => {
    problems++;
    err(m);
  };
  const display = (path: string) => relative(cwd, path).split(sep).join('/') || path;

  const resolver = new ConfigResolver({
    read: (path) => readConfigFile(path, problem),
    isRoot: isRepositoryRoot,
    problem: (file, p) => problem(`${display(file)}:${p.line}: ${p.message}`),
  });
  const ignore = diskIgnore({ patterns: options.ignorePatterns, base: cwd, report: problem });
  const targets = await findTargets(options.paths, ignore, options.allowEmpty);
  for (const n of targets.notes) err(n);
  for (const p of targets.problems) problem(p);

  const tasks = targets.files.map((path) => ({ path, uri: pathToFileURL(path).href, config: resolver.forDir(dirname(path)) ?? emptyConfig() }));
  const report = await coverage({
    tasks,
    asOf: options.asOf ?? today(),
    program: options.program,
    compare: options.compare,
    partners: options.partners,
    workerScript: workerScriptNear(__dirname),
    unreadable: (_uri, path, reason) => problem(`cannot read ${display(path)}: ${reason}`),
  });

  const out = options.outputFile ? resolve(cwd, options.outputFile) : undefined;
  const links = cliLinks(cwd, out ? dirname(out) : cwd);
  let text: string;
  switch (options.format) {
    case 'html':
      text = renderHtml(report, links);
      break;
    case 'json':
      text = renderJson(report, links);
      break;
    case 'github-summary':
      text = renderMarkdown(report, links, { flavour: 'summary' });
      break;
    default:
      text = renderMarkdown(report, links);
  }
  if (!out) process.stdout.write(text);
  else {
    try {
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, text);
    } catch (e) {
      problem(`cannot write ${options.outputFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  return problems > 0 ? 2 : 0;
}
