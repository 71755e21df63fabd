// A worker thread: reads and analyses the batches of files it is sent.
import { parentPort } from 'node:worker_threads';
import { analyzeTask, type AnalyzeResult, type AnalyzeTask } from './analyze';
import { injectRuleFault } from '../service/rules';
import { packClaims } from '../service/packed';
import type { FileAnalysis } from '../service/validate';

// Fault tests make one rule throw, to show that the failure is contained.
injectRuleFault(process.env.ASSOC_TEST_FAIL_RULE);

/** The claims go packed: as objects, their field names and repeated strings were most of the message. */
function pack(a: FileAnalysis): void {
  a.packed = packClaims(a.claims);
  a.claims = [];
}

parentPort?.on('message', async (tasks: AnalyzeTask[]) => {
  const out: AnalyzeResult[] = [];
  for (const t of tasks) {
    const r = await analyzeTask(t, true);
    if (r.kind === 'analysis') {
      pack(r.analysis);
      r.under?.forEach((u) => u !== r.analysis && pack(u));
    }
    out.push(r);
  }
  parentPort!.postMessage(out);
});
