// Loaded with `node --require` into a child the benchmark runs (the CLI):
// at exit it writes the process's peak resident set size, getrusage's
// ru_maxrss (the kernel's VmHWM), in KiB, to the file named by
// ASSOC_BENCH_RSS_FILE. Nothing else changes in the child.
'use strict';
const file = process.env.ASSOC_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    try {
      require('node:fs').writeFileSync(file, String(process.resourceUsage().maxRSS));
    } catch {
      // the measurement falls back to the parent's polling of /proc
    }
  });
}
