// What both of assoc-lint's commands start from: where their messages and
// their report go, the configuration of each file (the nearest
// .assocrc.yaml, up to the repository root), and the record files the paths
// name (.assocignore and --ignore-pattern applied).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { emptyConfig, type AssocConfig } from '../service/config';
import { ConfigResolver, readConfigFile } from '../host/config-resolver';
import { isRepositoryRoot, systemError } from '../host/files';
import { diskIgnore, type IgnoreResolver } from '../host/ignore';
import type { Options } from './options';
import { findTargets } from './targets';

/** What one run prints: notes and problems on standard error, the report where it is asked for. */
export class Output {
  /** Not printed yet. */
  private pending: string[] = [];
  /** Problems said so far: any makes the exit status 2. */
  problems = 0;

  constructor(private readonly options: Pick<Options, 'outputFile'>) {}

  note(message: string): void {
    this.pending.push(message);
  }

  problem(message: string): void {
    this.pending.push(message);
    this.problems++;
  }

  err(line: string): void {
    process.stderr.write(`assoc-lint: ${line}\n`);
  }

  /** The report: to `--output-file` (its folder made if needed), or standard output. */
  report(text: string): boolean {
    const file = this.options.outputFile;
    if (!file) {
      process.stdout.write(text);
      return true;
    }
    try {
      mkdirSync(dirname(resolve(file)), { recursive: true });
      writeFileSync(file, text);
      return true;
    } catch (e) {
      this.err(`cannot write ${file}: ${systemError(e)}`);
      return false;
    }
  }

  /** Prints the notes and problems not printed yet, in the order they came. */
  flush(): void {
    for (const m of this.pending) this.err(m);
    this.pending = [];
  }
}

export interface Run {
  cwd: string;
  /** A path as the messages show it: from the working folder, with `/`. */
  display(path: string): string;
  resolver: ConfigResolver;
  /** The configuration in force for a file: its folder's `.assocrc.yaml`, or none. */
  configFor(path: string): AssocConfig;
  /** The record files the paths name, absolute; what was passed over, and paths that failed, go to the output. */
  targets(): Promise<{ files: string[]; ignore: IgnoreResolver }>;
  /** Whether an `.assocrc.yaml` or `.assocignore` met so far could not be read or understood. */
  configBroken(): boolean;
}

/** A run of either command: problems with `.assocrc.yaml` and `.assocignore` go to `out`, as they are met. */
export function startRun(options: Pick<Options, 'paths' | 'ignorePatterns' | 'allowEmpty'>, out: Output): Run {
  const cwd = process.cwd();
  const display = (path: string) => relative(cwd, path).split(sep).join('/') || path;
  let broken = false;
  const configProblem = (message: string) => {
    broken = true;
    out.problem(message);
  };
  const resolver = new ConfigResolver({
    read: (path) => readConfigFile(path, configProblem),
    isRoot: isRepositoryRoot,
    problem: (file, p) => configProblem(`${display(file)}:${p.line}: ${p.message}`),
  });
  return {
    cwd,
    display,
    resolver,
    configFor: (path) => resolver.forDir(dirname(path)) ?? emptyConfig(),
    targets: async () => {
      const ignore = diskIgnore({ patterns: options.ignorePatterns, base: cwd, report: configProblem });
      const found = await findTargets(options.paths, ignore, options.allowEmpty);
      for (const n of found.notes) out.note(n);
      for (const p of found.problems) out.problem(p);
      return { files: found.files, ignore };
    },
    configBroken: () => broken,
  };
}
