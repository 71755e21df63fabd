// A worker thread: reads and analyses the batches of files it is sent.
import { parentPort } from 'node:worker_threads';
import { analyzeTask, type AnalyzeResult, type AnalyzeTask } from './analyze';

parentPort?.on('message', async (tasks: AnalyzeTask[]) => {
  const out: AnalyzeResult[] = [];
  for (const t of tasks) out.push(await analyzeTask(t));
  parentPort!.postMessage(out);
});
