// The coverage report of a set of records, for the CLI and the server: the
// records are analysed (on worker threads when many) under their own
// editions, and again under the edition to compare with, and under the
// newest edition to find what a move to it would cost.
import { createAssocService } from '../service/service';
import { computeCoverage, compareCoverage, nextEditionGaps, type CoverageReport } from '../service/coverage';
import { EDITION_IDS, editionList, isEdition } from '../service/editions';
import { isIsoDate } from '../service/dates';
import type { AssocConfig } from '../service/config';
import { parseRecord } from '../service/parse';
import { analyzeFile } from '../service/validate';
import type { Edition } from '../service/types';
import { analyzeAll as analyzeOnThreads, type AnalyzeResult, type AnalyzeTask } from './analyze';

export interface CoverageRun {
  /** The records: read from `path`, or from `text` where given (an open document, stdin). */
  tasks: Array<AnalyzeTask & { text?: string }>;
  asOf: string;
  /** Every record under this edition (the CLI's --program); otherwise each under its own. */
  program?: Edition;
  /** Compare with the same records under this edition. */
  compare?: Edition;
  /** Count only these partners' associations. */
  partners?: readonly string[];
  workerScript?: string;
  /** How to read and analyse files (the server's runtime); by default on worker threads from `workerScript`. */
  analyzeAll?: (tasks: AnalyzeTask[], onResults: (results: AnalyzeResult[]) => void) => Promise<void>;
  /** A file that could not be read, and why in a few words (it is also listed in the report's `skipped`). */
  unreadable?: (uri: string, path: string, detail: string) => void;
}

async function analyse(run: CoverageRun, program: Edition | undefined, first: boolean): Promise<CoverageReport> {
  const service = createAssocService();
  const unread: Array<{ uri: string; reason: string }> = [];
  const fromDisk = run.tasks.filter((t) => t.text === undefined).map((t) => ({ ...t, program, summary: true }));
  const analyzeAll = run.analyzeAll ?? ((tasks: AnalyzeTask[], on: (r: AnalyzeResult[]) => void) => analyzeOnThreads(tasks, on, { workerScript: run.workerScript }));
  await analyzeAll(fromDisk, (results) => {
    for (const r of results) {
      if (r.kind === 'analysis') {
        service.loadAnalysis(r.analysis, { track: false });
        continue;
      }
      if (r.kind === 'known') continue; // never asked for: no task here carries a hash
      const detail = r.kind === 'missing' ? 'no such file' : r.kind === 'skipped' ? r.reason : r.message;
      unread.push({ uri: r.uri, reason: `It cannot be read: ${detail}.` });
      if (first) run.unreadable?.(r.uri, r.path, detail);
    }
  });
  for (const t of run.tasks) {
    if (t.text === undefined || !t.uri) continue;
    service.loadAnalysis(analyzeFile(parseRecord(t.uri, t.text, -1), t.config, program, { summary: true }), { track: false });
  }
  const report = computeCoverage(
    service.uris().map((uri) => ({ uri, analysis: service.analysis(uri)!, findings: service.findings(uri) })),
    { asOf: run.asOf, partners: run.partners },
  );
  report.skipped = [...report.skipped, ...unread].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  return report;
}

export async function coverage(run: CoverageRun): Promise<CoverageReport> {
  let report = await analyse(run, run.program, true);
  const newest = EDITION_IDS[EDITION_IDS.length - 1];
  let underNewest: CoverageReport | undefined;
  if (run.compare) {
    const then = await analyse(run, run.compare, false);
    if (run.compare === newest) underNewest = then;
    report = compareCoverage(report, then, run.compare);
  }
  // What a move to the newest edition would cost, whatever is compared.
  if (report.editions.some((e) => e !== newest)) {
    underNewest ??= await analyse(run, newest, false);
    report = nextEditionGaps(report, underNewest, newest);
  }
  return report;
}

/** Today in the local calendar, YYYY-MM-DD. */
export function today(now = new Date()): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(now.getFullYear(), 4)}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** A record the server holds: its path on disk (none for an unsaved one), and its text when it is open. */
export interface WorkspaceRecord {
  uri: string;
  path?: string;
  config: AssocConfig;
  text?: string;
}

/**
 * The server's coverage request over the records it holds: an open
 * document's text wins over the disk's. Throws a RangeError for a date or
 * an edition it does not know.
 */
export async function workspaceCoverage(
  params: { asOf?: string; compare?: string } | undefined,
  records: WorkspaceRecord[],
  analyzeAll: CoverageRun['analyzeAll'],
): Promise<CoverageReport> {
  const asOf = params?.asOf ?? today();
  if (!isIsoDate(asOf)) throw new RangeError(`The report's date must be written YYYY-MM-DD, not "${asOf}".`);
  const compare = params?.compare || undefined;
  if (compare !== undefined && !isEdition(compare)) throw new RangeError(`The edition to compare with must be ${editionList()}, not "${compare}".`);
  const tasks = records.flatMap((r) => (r.text !== undefined ? [{ path: r.path ?? r.uri, uri: r.uri, config: r.config, text: r.text }] : r.path !== undefined ? [{ path: r.path, uri: r.uri, config: r.config }] : []));
  return coverage({ tasks, asOf, compare, analyzeAll });
}
