// How V8 spends a cold start. A bulk read keeps every core busy with a
// thread of ours (a worker for each core but one, and the main thread), and
// each thread compiles its own optimised copy of every hot function.
// - The optimisation budget. With V8's default (67,584) that compiling took
//   about a third of all CPU time of a cold start of 2,000 records on two
//   cores. With a budget about four times larger, only what runs longest is
//   optimised, and the rest runs well enough as it is.
// - Helper threads. V8 also hands garbage collection and compiling to helper
//   threads of its own. With every core already busy they only compete with
//   the threads they help, and switching and synchronising with them costs
//   more than it saves: each thread collects its own garbage, and a worker
//   compiles where it runs. (The main thread's compiler was set up before
//   this runs, and stays as it is.) Measured on two cores, 2,000 records:
//   about 6% less wall time of a cold start.
// Imported first by the entry points (the server and the CLI); worker threads
// share the flags of their process. Only switches that take effect at any
// time are turned (off, never on): `--no-parallel-marking`, for one, does not.
import { setFlagsFromString } from 'node:v8';

const INTERRUPT_BUDGET = 300_000;
const NO_HELPERS = ['--no-parallel-scavenge', '--no-concurrent-marking', '--no-concurrent-sweeping', '--no-concurrent-recompilation'];

// ASSOC_V8_DEFAULTS=1 keeps V8's own settings (to measure the difference).
if (!process.env.ASSOC_V8_DEFAULTS) {
  setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
  for (const flag of NO_HELPERS) setFlagsFromString(flag);
}
