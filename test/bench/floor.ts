// The `yaml` floor, run as a child process by the benchmark: reads and parses
// every file listed in a list file, one after another on one thread, and
// prints the time of each pass as JSON on stdout.
//   node --import tsx test/bench/floor.ts <parse|parse+toJS|js-yaml> <list-file> <passes>
// Each file is read and parsed, and the result dropped: the least work any
// checker of these files has to do.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseDocument } from 'yaml';
import { load } from 'js-yaml';

const [mode, listFile, passesArg] = process.argv.slice(2);
const files = readFileSync(listFile, 'utf8').split('\n').filter(Boolean);
const passes = Number(passesArg ?? 1);

const parsers: Record<string, (text: string) => unknown> = {
  parse: (t) => parseDocument(t),
  'parse+toJS': (t) => parseDocument(t).toJS(),
  'js-yaml': (t) => load(t),
};
const parse = parsers[mode];
if (!parse) throw new Error(`unknown mode ${mode}`);

const times: number[] = [];
let errors = 0;
for (let p = 0; p < passes; p++) {
  const t0 = performance.now();
  for (const f of files) {
    const doc = parse(readFileSync(f, 'utf8'));
    // parseDocument does not throw on bad YAML; count its errors so a broken workload is noticed.
    if (doc && typeof doc === 'object' && 'errors' in doc && Array.isArray((doc as { errors: unknown[] }).errors)) errors += (doc as { errors: unknown[] }).errors.length;
  }
  times.push(performance.now() - t0);
}
process.stdout.write(JSON.stringify({ mode, files: files.length, times, errors }));
