import '../host/tiering';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pc from 'picocolors';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createAssocService, type AssocService } from '../service/service';
import { MAX_RECORD_BYTES } from '../service/parse';
import { isRepositoryRoot, readFailure, readRecord, systemError, type ReadResult } from '../host/files';
import { analyzeAll, workerScriptNear, type AnalyzeTask } from '../host/analyze';
import { injectRuleFault } from '../service/rules';
import pkg from '../../../package.json';
import { formatGithub, formatJson, formatSarif, formatStylish, plural, ruleHelpUri, type CliDiagnostic, type CliLocation, type CliSeverity } from './formats';
import { parseOptions, reportUsage, usage, UsageError, type Options } from './options';
import { runReport } from './report';
import { Output, startRun, type Run } from './run';
import { applyFixes, fixDiff, type AppliedFix } from './fix';
import { formatResolvedConfig, formatRuleList, resolveConfig, ruleInfos } from './info';

// Fault tests make one rule throw, to show that the failure is contained.
injectRuleFault(process.env.ASSOC_TEST_FAIL_RULE);

/** The package's homepage, if package.json names one: the SARIF rule pages and --list-rules link under it. */
const HOMEPAGE = (pkg as { homepage?: string }).homepage;

/** The rule pages installed with assoc-lint: docs/ beside dist/. */
function ruleDocs(id: string): string {
  return HOMEPAGE ? ruleHelpUri(HOMEPAGE, id) : join(__dirname, '..', 'docs', 'rules', `${id}.md`);
}

/** The repository root: the nearest folder at or above `from` with `.git`, else `from`. */
export function repositoryRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (isRepositoryRoot(dir)) return dir;
    if (dirname(dir) === dir) return from;
  }
}

/**
 * Whether the stylish report is coloured: `--color` or `--no-color`; never
 * in a file (`--output-file`); else `FORCE_COLOR` (unless `0` or `false`),
 * then `NO_COLOR` (set and not empty); else when standard output is a
 * terminal that is not `TERM=dumb`.
 */
export function useColor(option: boolean | undefined, toFile: boolean, env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (option !== undefined) return option;
  if (toFile) return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (env.NO_COLOR) return false;
  return isTTY && env.TERM !== 'dumb';
}

/** Standard input, read as a record file is: within the size limit, as UTF-8. */
async function readStdin(): Promise<Extract<ReadResult, { kind: 'text' | 'oversized' }>> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of process.stdin) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    bytes += buf.length;
    if (bytes <= MAX_RECORD_BYTES) chunks.push(buf);
  }
  if (bytes > MAX_RECORD_BYTES) return { kind: 'oversized', bytes };
  return { kind: 'text', text: Buffer.concat(chunks).toString('utf8') };
}

const SEVERITY: Record<number, CliSeverity> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'info' };

export async function main(argv: string[]): Promise<number> {
  let command;
  try {
    command = parseOptions(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`assoc-lint: ${e.message}\nRun "assoc-lint ${argv[0] === 'report' ? 'report ' : ''}--help" to see the options.\n`);
    return 2;
  }
  if ('help' in command) {
    process.stdout.write(command.report ? reportUsage() : usage());
    return 0;
  }
  if ('version' in command) {
    process.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  if ('report' in command) return runReport(command.report);
  const options = command;
  const out = new Output(options);
  const run = startRun(options, out);
  const { cwd, display, configFor, configBroken } = run;
  const lintFormat = options.format === 'json' ? 'json' : 'stylish';

  if (options.listRules) {
    return out.report(formatRuleList(ruleInfos(ruleDocs), lintFormat)) ? 0 : 2;
  }
  if (options.printConfig !== undefined) return printConfig(options, out, run);

  // ---- the files of the run
  const { files: paths, ignore } = await run.targets();
  const files = new Map<string, string>(); // uri → absolute path
  const names = new Map<string, { file: string; path: string }>();
  for (const path of paths) files.set(pathToFileURL(path).href, path);

  // Standard input stands for the file --stdin-filename names, as if that file were on the command line.
  let stdin: { uri: string; read: Extract<ReadResult, { kind: 'text' | 'oversized' }> } | undefined;
  if (options.stdin) {
    const read = await readStdin();
    const name = options.stdinFilename ?? '<stdin>';
    const path = resolve(cwd, name);
    const by = options.stdinFilename !== undefined ? ignore.ignoredBy(path) : undefined;
    if (by) out.note(`skipped ${name}: left out by ${by}`);
    else {
      const uri = pathToFileURL(path).href;
      files.set(uri, path);
      if (options.stdinFilename === undefined) names.set(uri, { file: name, path: name });
      stdin = { uri, read };
    }
  }

  const service = createAssocService({ program: options.program, configFor: (uri) => configFor(files.get(uri) ?? fileURLToPath(uri)) });
  const failed = new Set<string>();
  const tasks: AnalyzeTask[] = [];
  for (const [uri, path] of files) if (uri !== stdin?.uri) tasks.push({ path, uri, config: configFor(path), program: options.program });
  await analyzeAll(
    tasks,
    (results) => {
      for (const r of results) {
        const name = display(r.path);
        if (r.kind === 'analysis') {
          service.loadAnalysis(r.analysis, { track: false });
          for (const id of r.analysis.failed) failed.add(`${name}: the check ${id} failed`);
        } else if (r.kind !== 'known') {
          files.delete(r.uri);
          out.problem(r.kind === 'missing' ? `no such file: ${name}` : `cannot read ${name}: ${readFailure(r)}`);
        }
      }
    },
    { workerScript: workerScriptNear(__dirname) },
  );
  if (stdin) {
    if (stdin.read.kind === 'oversized') service.loadOversized(stdin.uri, stdin.read.bytes);
    else service.load(stdin.uri, stdin.read.text, { track: false });
    for (const id of service.analysis(stdin.uri)?.failed ?? []) failed.add(`${display(files.get(stdin.uri)!)}: the check ${id} failed`);
  }
  // Each file once, in a fixed order.
  const uris = [...files.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  const nameOf = (uri: string): { file: string; path: string } => {
    let n = names.get(uri);
    if (n === undefined) {
      const path = files.get(uri) ?? fileURLToPath(uri);
      n = { file: display(path), path };
      names.set(uri, n);
    }
    return n;
  };
  const at = (uri: string, range: Diagnostic['range']): CliLocation => {
    const { file, path } = nameOf(uri);
    return { file, path, line: range.start.line + 1, column: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
  };

  // ---- --fix and --fix-dry-run
  // Fixes and the diff go beside the report: to standard output, unless a machine-readable report is there.
  const aside = (text: string) => (options.format === 'stylish' || options.outputFile ? process.stdout : process.stderr).write(text);
  if (options.fix || options.fixDryRun) {
    const originals = new Map<string, string>();
    const run = applyFixes(service, uris, (uri) => {
      if (uri === stdin?.uri) return stdin.read.kind === 'text' ? stdin.read.text : undefined;
      let text: string | undefined;
      try {
        text = readFileSync(files.get(uri)!, 'utf8');
      } catch {
        return undefined;
      }
      originals.set(uri, text);
      return text;
    });
    const written = new Set<string>();
    const diffs: string[] = [];
    for (const [uri, text] of run.texts) {
      const { file, path } = nameOf(uri);
      if (options.fixDryRun) {
        diffs.push(fixDiff(file, originals.get(uri) ?? (stdin?.read.kind === 'text' ? stdin.read.text : ''), text));
        continue;
      }
      // Not while a configuration is misread: the fixes depend on the edition and severities, and on which files are in the run.
      if (configBroken()) {
        out.problem(`not fixed: ${file}, while the configuration cannot be understood (see above)`);
        continue;
      }
      // Written only over what was read: not over a file changed meanwhile, nor one that is not UTF-8 (reading it changed it).
      let now: Buffer;
      try {
        now = readFileSync(path);
      } catch (e) {
        out.problem(`cannot write the fixes to ${file}: ${systemError(e)}`);
        continue;
      }
      const original = originals.get(uri)!;
      if (!now.equals(Buffer.from(original, 'utf8'))) {
        out.problem(now.toString('utf8') === original ? `not fixed: ${file} is not valid UTF-8` : `not fixed: ${file} changed while assoc-lint was fixing it`);
        continue;
      }
      try {
        writeFileSync(path, text);
        written.add(uri);
      } catch (e) {
        out.problem(`cannot write the fixes to ${file}: ${systemError(e)}`);
      }
    }
    // By file (in the order of the passes within each), as written.
    const done: AppliedFix[] = (options.fixDryRun ? run.applied : run.applied.filter((a) => written.has(a.uri))).sort((a, b) => {
      const x = nameOf(a.uri).file;
      const y = nameOf(b.uri).file;
      return x < y ? -1 : x > y ? 1 : 0;
    });
    if (options.fix) {
      // Files not written are read again as they are on disk, so that the report holds for the disk.
      for (const uri of run.texts.keys()) if (!written.has(uri)) service.open(uri, originals.get(uri)!, 1_000_000);
    }
    out.flush();
    if (options.fixDryRun) aside(diffs.join(''));
    const fixedFiles = new Set(done.map((a) => a.uri)).size;
    const heading = done.length === 0 ? 'No safe fixes to apply.' : `${options.fixDryRun ? 'Would fix' : 'Fixed'} ${plural(done.length, 'problem')} in ${plural(fixedFiles, 'file')}:`;
    const width = Math.max(0, ...done.map((a) => `${nameOf(a.uri).file}:${a.line}:${a.column}`.length));
    const rule = Math.max(0, ...done.map((a) => a.rule.length));
    const list = done.map((a) => `  ${`${nameOf(a.uri).file}:${a.line}:${a.column}`.padEnd(width)}  ${a.rule.padEnd(rule)}  ${a.title}`);
    aside(`${[heading, ...list].join('\n')}\n\n`);
  }

  // ---- the report
  const diags: CliDiagnostic[] = [];
  let hidden = 0;
  for (const uri of uris) {
    for (const d of service.diagnostics(uri)) {
      const severity = SEVERITY[d.severity ?? 1];
      if (options.quiet && severity !== 'error') {
        hidden++;
        continue;
      }
      diags.push({
        ...at(uri, d.range),
        severity,
        rule: String(d.code),
        message: typeof d.message === 'string' ? d.message : d.message.value,
        // JSON names no other record: a crowded group's 20 related locations a diagnostic are not worked out for it.
        related: options.format === 'json' ? undefined : d.relatedInformation?.map((r) => ({ ...at(r.location.uri, r.location.range), message: r.message })),
      });
    }
  }
  diags.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  for (const f of failed) out.problem(`internal error: ${f}; the other checks ran`);
  out.flush();

  const color = useColor(options.color, options.outputFile !== undefined, process.env, process.stdout.isTTY === true);
  let report: string;
  switch (options.format) {
    case 'json':
      report = formatJson(diags);
      break;
    case 'sarif':
      report = formatSarif(diags, {
        version: pkg.version,
        homepage: HOMEPAGE,
        informationUri: HOMEPAGE ?? pathToFileURL(join(__dirname, '..', 'README.md')).href,
        srcRoot: repositoryRoot(cwd),
      });
      break;
    case 'github':
      report = formatGithub(diags, repositoryRoot(cwd));
      break;
    default:
      report = formatStylish(diags, { files: uris.length, failed: out.problems, hidden }, pc.createColors(color));
  }
  const reported = out.report(report);

  if (out.problems > 0 || !reported) return 2;
  if (diags.some((d) => d.severity === 'error')) return 1;
  const warnings = diags.filter((d) => d.severity === 'warning').length;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    out.err(`too many warnings: ${plural(warnings, 'warning')}, and --max-warnings allows ${options.maxWarnings}`);
    return 1;
  }
  return 0;
}

/** `--print-config FILE`: the edition and severities that apply to FILE, and where each comes from. */
async function printConfig(options: Options, out: Output, { resolver, configFor }: Run): Promise<number> {
  const path = resolve(options.printConfig!);
  const config = configFor(path);
  let fileProgram: { value: unknown; line: number } | undefined;
  const read = await readRecord(path);
  if (read.kind === 'text') {
    const service: AssocService = createAssocService({ configFor: () => config });
    const uri = pathToFileURL(path).href;
    service.open(uri, read.text, 1);
    const parsed = service.analysis(uri)?.parsed;
    const program = parsed?.model?.program;
    if (program && parsed) fileProgram = { value: program.value, line: parsed.lines.lineOf(program.span.start) + 1 };
  } else if (read.kind === 'skipped' && statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
    // The configuration printed would be its parent folder's, not that of the records in it.
    out.problem(`${options.printConfig} is a folder: --print-config takes the path of a record file (which need not exist yet)`);
    out.flush();
    return 2;
  } else if (read.kind === 'missing') {
    out.note(`${options.printConfig} does not exist: this is what a record there would get, unless it sets program:`);
  } else {
    out.problem(`cannot read ${options.printConfig}: ${readFailure(read)}`);
  }
  const resolved = resolveConfig({ file: path, program: options.program, fileProgram, configFile: resolver.fileFor(dirname(path)), config });
  out.flush();
  const ok = out.report(formatResolvedConfig(resolved, options.format === 'json' ? 'json' : 'stylish'));
  return out.problems > 0 || !ok ? 2 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`assoc-lint: internal error: ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
