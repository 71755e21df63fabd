// A worker thread: reads and analyses the batches of files it is sent.
import { parentPort } from 'node:worker_threads';
import { analyzeTask, type AnalyzeResult, type AnalyzeTask } from './analyze';
import { injectRuleFault } from '../service/rules';

// Fault tests make one rule throw, to show that the failure is contained.
injectRuleFault(process.env.ASSOC_TEST_FAIL_RULE);

parentPort?.on('message', async (tasks: AnalyzeTask[]) => {
  const out: AnalyzeResult[] = [];
  for (const t of tasks) out.push(await analyzeTask(t, true));
  parentPort!.postMessage(out);
});
