// Child processes for the benchmark: wall time, peak RSS, timeouts, and
// percentiles.
//
// Peak RSS, two ways, both the kernel's high-water mark of resident memory:
// - a long-lived child (a language server): VmHWM from /proc/<pid>/status,
//   read at the moment of interest (e.g. once the workspace is indexed);
// - a child that runs to its end (the CLI, the yaml floor): it reports its own
//   `process.resourceUsage().maxRSS` (getrusage ru_maxrss, the same number)
//   at exit, through rss-preload.cjs; if it dies without reporting (killed on
//   timeout, out of memory) the parent's polling of VmHWM every 100 ms is used
//   instead and the figure is marked as a lower bound.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export const RSS_PRELOAD = join(__dirname, 'rss-preload.cjs');

function statusField(pid: number, field: string): number | undefined {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Peak resident set size of a running process, in bytes. */
export const vmHWM = (pid: number) => statusField(pid, 'VmHWM');
/** Current resident set size of a running process, in bytes. */
export const vmRSS = (pid: number) => statusField(pid, 'VmRSS');

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  wallMs: number;
  /** Peak RSS in bytes. */
  maxRss?: number;
  /** 'exit' when the child reported it at exit; 'poll' when it is the last VmHWM seen (a lower bound). */
  rssSource?: 'exit' | 'poll';
  timedOut: boolean;
  stdout: string;
  stdoutBytes: number;
  stderrTail: string;
}

export interface RunOptions {
  timeoutMs: number;
  cwd?: string;
  /** Keeps at most this many bytes of stdout (the rest is counted, not kept). */
  keepStdout?: number;
}

/** Runs `node <args>` with the RSS preload, to its end or to the timeout. */
export function runNode(args: string[], opts: RunOptions): Promise<ChildResult> {
  const tmp = mkdtempSync(join(tmpdir(), 'assoc-bench-rss-'));
  const rssFile = join(tmp, 'rss');
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--require', RSS_PRELOAD, ...args], {
      cwd: opts.cwd,
      env: { ...process.env, ASSOC_BENCH_RSS_FILE: rssFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = opts.keepStdout ?? 0;
    const chunks: Buffer[] = [];
    let kept = 0;
    let stdoutBytes = 0;
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdoutBytes += c.length;
      if (kept < keep) {
        chunks.push(c);
        kept += c.length;
      }
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr = (stderr + c.toString('utf8')).slice(-4000);
    });
    let polled: number | undefined;
    const poll = setInterval(() => {
      const v = child.pid ? vmHWM(child.pid) : undefined;
      if (v !== undefined) polled = Math.max(polled ?? 0, v);
    }, 100);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs);
    child.on('close', (code, signal) => {
      const wallMs = performance.now() - t0;
      clearInterval(poll);
      clearTimeout(timer);
      let maxRss: number | undefined;
      let rssSource: ChildResult['rssSource'];
      try {
        maxRss = Number(readFileSync(rssFile, 'utf8')) * 1024;
        rssSource = 'exit';
      } catch {
        maxRss = polled;
        rssSource = polled === undefined ? undefined : 'poll';
      }
      rmSync(tmp, { recursive: true, force: true });
      const out = Buffer.concat(chunks).subarray(0, keep).toString('utf8');
      resolve({ code, signal, wallMs, maxRss, rssSource, timedOut, stdout: out, stdoutBytes, stderrTail: stderr });
    });
  });
}

/** Nearest-rank percentile (p in 0..100) of samples. */
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export const MB = 1024 * 1024;
export const fmtMs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`);
export const fmtMB = (b: number) => `${(b / MB).toFixed(0)} MB`;
export const fmtBytes = (b: number) => (b >= MB ? `${(b / MB).toFixed(2)} MB` : b >= 1024 ? `${(b / 1024).toFixed(1)} KB` : `${b} B`);
