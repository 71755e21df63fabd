// The coverage report of a set of records, for the CLI and the server: the
// records are read, parsed and analysed on worker threads when many.
import { createAssocService } from '../service/service';
import { computeCoverage, compareCoverage, nextEditionGaps, type CoverageReport } from '../service/coverage';
import { EDITION_IDS, editionList, isEdition } from '../service/editions';
import { isIsoDate, today } from '../service/dates';
import { parseRecord } from '../service/parse';
import type { FileAnalysis } from '../service/validate';
import type { Edition } from '../service/types';
import type { CoverageParams } from '../protocol';
import { analyses, analyzeAll as analyzeOnThreads, type AnalyzeResult, type AnalyzeTask } from './analyze';
import { readFailure } from './files';

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

/**
 * The coverage of a set of records. Each record is read and parsed once and
 * analysed under its own edition (or the one given), and from the same parse
 * under the edition to compare with and under the newest edition, to find
 * what a move to it would cost.
 */
export async function coverage(run: CoverageRun): Promise<CoverageReport> {
  const newest = EDITION_IDS[EDITION_IDS.length - 1];
  const also = [...new Set([run.compare, run.program === newest ? undefined : newest])].filter((e): e is Edition => e !== undefined);
  const services = [run.program, ...also].map(() => createAssocService());
  const take = (a: { analysis: FileAnalysis; under?: FileAnalysis[] }) => {
    services[0].loadAnalysis(a.analysis, { track: false });
    a.under?.forEach((u, i) => services[i + 1].loadAnalysis(u, { track: false }));
  };
  const unread: Array<{ uri: string; reason: string }> = [];
  const asked = { program: run.program, summary: true, alsoUnder: also };
  const fromDisk = run.tasks.filter((t) => t.text === undefined).map((t) => ({ ...t, ...asked }));
  const analyzeAll = run.analyzeAll ?? ((tasks: AnalyzeTask[], on: (r: AnalyzeResult[]) => void) => analyzeOnThreads(tasks, on, { workerScript: run.workerScript }));
  await analyzeAll(fromDisk, (results) => {
    for (const r of results) {
      if (r.kind === 'analysis') take(r);
      else if (r.kind !== 'known') {
        const detail = readFailure(r);
        unread.push({ uri: r.uri, reason: `It cannot be read: ${detail}.` });
        run.unreadable?.(r.uri, r.path, detail);
      }
    }
  });
  for (const t of run.tasks) if (t.text !== undefined && t.uri) take(analyses({ ...t, ...asked }, parseRecord(t.uri, t.text, -1)));

  const reportUnder = (edition: Edition | undefined): CoverageReport => {
    const service = services[edition === run.program ? 0 : 1 + also.indexOf(edition!)];
    const report = computeCoverage(
      service.uris().map((uri) => ({ uri, analysis: service.analysis(uri)!, findings: service.findings(uri) })),
      { asOf: run.asOf, partners: run.partners },
    );
    report.skipped = [...report.skipped, ...unread].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
    return report;
  };
  let report = reportUnder(run.program);
  if (run.compare) report = compareCoverage(report, reportUnder(run.compare), run.compare);
  if (report.editions.some((e) => e !== newest)) report = nextEditionGaps(report, reportUnder(newest), newest);
  return report;
}

export { today };

/** A coverage request's options, checked: a RangeError says what is wrong with the date or the edition. */
export function coverageOptions(params: CoverageParams | undefined): { asOf: string; compare?: Edition } {
  const asOf = params?.asOf ?? today();
  if (!isIsoDate(asOf)) throw new RangeError(`The report's date must be written YYYY-MM-DD, not "${asOf}".`);
  const compare = params?.compare || undefined;
  if (compare !== undefined && !isEdition(compare)) throw new RangeError(`The edition to compare with must be ${editionList()}, not "${compare}".`);
  return { asOf, compare };
}
