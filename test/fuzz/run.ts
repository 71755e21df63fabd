// `npm run fuzz [N]`: N generated cases (100,000 by default) through every
// check of test/fuzz/check.ts, on every core. Prints cases per second and
// each failure with its input minimised by fast-check; exits 1 on any failure.
//   npm run fuzz                 100,000 cases
//   npm run fuzz -- 5000         a quick run
//   FUZZ_SEED=123 npm run fuzz   another sequence (the seed is printed)
import fc from 'fast-check';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { caseArbitrary } from './cases';
import { checkCase } from './check';

const CHUNK = 500;

interface Job {
  seed: number;
  runs: number;
}
interface Outcome {
  seed: number;
  runs: number;
  failure?: string;
}

function runChunk({ seed, runs }: Job): Outcome {
  const details = fc.check(
    fc.property(caseArbitrary, (c) => {
      checkCase(c);
    }),
    { numRuns: runs, seed, includeErrorInReport: true },
  );
  if (!details.failed) return { seed, runs };
  const input = JSON.stringify(details.counterexample?.[0]);
  const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  return { seed, runs: details.numRuns, failure: `seed ${seed}, path ${details.counterexamplePath}\n  input: ${input}\n  ${error.split('\n').slice(0, 6).join('\n  ')}` };
}

if (!isMainThread) {
  parentPort!.on('message', (job: Job) => parentPort!.postMessage(runChunk(job)));
} else {
  const total = Number(process.argv[2] ?? 100_000);
  const base = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
  const threads = Math.max(1, availableParallelism());
  const jobs: Job[] = [];
  for (let done = 0, i = 0; done < total; done += CHUNK, i++) jobs.push({ seed: base + i, runs: Math.min(CHUNK, total - done) });
  console.log(`fuzz: ${total.toLocaleString('en-US')} cases from seed ${base}, on ${threads} threads`);
  const started = performance.now();
  let ran = 0;
  let next = 0;
  const failures: string[] = [];
  let lastReport = started;
  const worker = () =>
    new Promise<void>((resolve, reject) => {
      // The worker runs this same TypeScript file, through tsx.
      const w = new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(__filename)});`, { eval: true });
      const send = () => {
        if (next >= jobs.length) {
          void w.terminate().then(() => resolve());
          return;
        }
        w.postMessage(jobs[next++]);
      };
      w.on('message', (o: Outcome) => {
        ran += o.runs;
        if (o.failure) {
          failures.push(o.failure);
          console.log(`FAIL ${o.failure}`);
        }
        const now = performance.now();
        if (now - lastReport > 10_000) {
          lastReport = now;
          console.log(`  ${ran.toLocaleString('en-US')} cases, ${Math.round(ran / ((now - started) / 1000))} per second`);
        }
        send();
      });
      w.on('error', reject);
      send();
    });
  Promise.all(Array.from({ length: threads }, worker)).then(
    () => {
      const seconds = (performance.now() - started) / 1000;
      console.log(`fuzz: ${ran.toLocaleString('en-US')} cases in ${seconds.toFixed(1)} s, ${Math.round(ran / seconds)} per second, ${failures.length} failure${failures.length === 1 ? '' : 's'}`);
      process.exitCode = failures.length > 0 ? 1 : 0;
    },
    (e: unknown) => {
      console.error(e);
      process.exitCode = 2;
    },
  );
}
