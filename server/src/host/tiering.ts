// How soon V8 optimises a function. A cold start reads thousands of records
// once, on two worker threads and the main one, and each thread compiles its
// own optimised copy of every hot function: with V8's default budget (67,584)
// that compiling took about a third of all CPU time of a cold start of 2,000
// records on two cores. With a budget about four times larger, only what runs
// longest is optimised, and the rest runs well enough as it is. Imported first
// by the entry points (the server and the CLI); worker threads share the
// flags of their process.
import { setFlagsFromString } from 'node:v8';

const INTERRUPT_BUDGET = 300_000;

// ASSOC_V8_DEFAULTS=1 keeps V8's own budget (to measure the difference).
if (!process.env.ASSOC_V8_DEFAULTS) setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
