// `assoc-lint report`: the coverage report of the files assoc-lint would
// check (the same paths, .assocignore and .assocrc.yaml), as HTML, Markdown,
// a GitHub job summary or JSON.
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { workerScriptNear } from '../host/analyze';
import { coverage, today } from '../host/coverage';
import { renderHtml } from '../report/html';
import { renderMarkdown } from '../report/markdown';
import { renderJson } from '../report/json';
import type { ReportLinks } from '../report/common';
import type { ReportOptions } from './options';
import { Output, startRun } from './run';

/** A relative path as a URL path: each segment percent-encoded, `/` between. */
function urlPath(path: string): string {
  return path
    .split(sep)
    .map((s) => encodeURIComponent(s))
    .join('/');
}

/**
 * Records named as the messages name them (from the working folder); links
 * relative to the folder the report is written to, with the line in the
 * fragment (`#L12`).
 */
function cliLinks(display: (path: string) => string, reportDir: string): ReportLinks {
  const pathOf = (uri: string) => {
    try {
      return fileURLToPath(uri);
    } catch {
      return uri;
    }
  };
  const name = (uri: string) => display(pathOf(uri));
  return {
    display: name,
    href: (uri, line) => `${urlPath(relative(reportDir, pathOf(uri))) || '.'}#L${line}`,
    file: name,
  };
}

export async function runReport(options: ReportOptions): Promise<number> {
  const out = new Output(options);
  const { cwd, display, configFor, targets } = startRun(options, out);
  const { files } = await targets();
  const tasks = files.map((path) => ({ path, uri: pathToFileURL(path).href, config: configFor(path) }));
  out.flush();
  const report = await coverage({
    tasks,
    asOf: options.asOf ?? today(),
    program: options.program,
    compare: options.compare,
    partners: options.partners,
    workerScript: workerScriptNear(__dirname),
    unreadable: (_uri, path, reason) => out.problem(`cannot read ${display(path)}: ${reason}`),
  });
  out.flush();

  const links = cliLinks(display, options.outputFile ? dirname(resolve(cwd, options.outputFile)) : cwd);
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
  const written = out.report(text);
  return out.problems > 0 || !written ? 2 : 0;
}
