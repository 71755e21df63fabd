// The coverage report of a set of records, for the CLI and the server: the
// records are analysed (on worker threads when many) under their own
// editions, and again under the edition to compare with, or under the newest
// edition to find what a switch would cost.
import { createAssocService } from '../service/service';
import { computeCoverage, compareCoverage, type CoverageReport } from '../service/coverage';
import { EDITION_IDS } from '../service/editions';
import { parseRecord } from '../service/parse';
import { analyzeFile } from '../service/validate';
import type { Edition } from '../service/types';
import { analyzeAll, type AnalyzeTask } from './analyze';

export interface CoverageRun {
  /** The records: read from `path`, or from `text` where given (an open document, stdin). */
  tasks: Array<AnalyzeTask & { text?: string }>;
  asOf: string;
  /** Every record under this edition (the CLI's --program); otherwise each under its own. */
  program?: Edition;
  /** Compare with the same records under this edition. */
  compare?: Edition;
  workerScript?: string;
}

async function analyse(run: CoverageRun, program: Edition | undefined) {
  const service = createAssocService();
  const fromDisk = run.tasks.filter((t) => t.text === undefined).map((t) => ({ ...t, program, summary: true }));
  await analyzeAll(
    fromDisk,
    (results) => {
      for (const r of results) if (r.kind === 'analysis') service.loadAnalysis(r.analysis, { track: false });
    },
    { workerScript: run.workerScript },
  );
  for (const t of run.tasks) {
    if (t.text === undefined || !t.uri) continue;
    service.loadAnalysis(analyzeFile(parseRecord(t.uri, t.text, -1), t.config, program, { summary: true }), { track: false });
  }
  return computeCoverage(
    service.uris().map((uri) => ({ uri, analysis: service.analysis(uri)!, findings: service.findings(uri) })),
    { asOf: run.asOf },
  );
}

export async function coverage(run: CoverageRun): Promise<CoverageReport> {
  const now = await analyse(run, run.program);
  const newest = EDITION_IDS[EDITION_IDS.length - 1];
  if (run.compare) {
    const then = await analyse(run, run.compare);
    return compareCoverage(now, then, run.compare, run.compare === newest);
  }
  // What a switch to the newest edition would cost: gaps only, no comparison asked for.
  if (now.editions.some((e) => e !== newest)) {
    const then = await analyse(run, newest);
    return { ...compareCoverage(now, then, newest, true), compare: undefined };
  }
  return now;
}
