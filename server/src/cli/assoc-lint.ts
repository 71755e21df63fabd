import { parseArgs } from 'node:util';
import { statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createAssocService } from '../service/service';
import { emptyConfig, type AssocConfig } from '../service/config';
import { ConfigResolver, readConfigFile } from '../host/config-resolver';
import { walkRecords } from '../host/files';
import { analyzeAll, workerScriptNear, type AnalyzeTask } from '../host/analyze';
import { EDITION_IDS, editionList, isEdition } from '../service/editions';
import type { Edition } from '../service/types';
import { FORMATS, formatGithub, formatJson, formatSarif, formatStylish, type CliDiagnostic, type CliSeverity, type Format } from './formats';
import pkg from '../../../package.json';
import { injectRuleFault } from '../service/rules';

// Fault tests make one rule throw, to show that the failure is contained.
injectRuleFault(process.env.ASSOC_TEST_FAIL_RULE);

const USAGE = () => `Usage: assoc-lint [paths...] [options]

Checks Microsoft partner association records (*.assoc.yaml, *.assoc.yml).
Folders are searched recursively; the default path is ".".

Options:
  --format stylish|json|sarif|github   output format (default: stylish)
  --program ${EDITION_IDS.join('|').padEnd(28)} rules edition; overrides files and .assocrc.yaml
  --max-warnings N                     exit 1 when there are more than N warnings
  --quiet                              report errors only
  -h, --help                           show this help
  -v, --version                        show the version

Exit status: 0 no errors, 1 errors or too many warnings, 2 usage error or unreadable path.
`;

class UsageError extends Error {}

interface Options {
  paths: string[];
  format: Format;
  program?: Edition;
  maxWarnings?: number;
  quiet: boolean;
}

function parseOptions(argv: string[]): Options | 'help' | 'version' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        program: { type: 'string' },
        'max-warnings': { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const v = parsed.values;
  if (v.help) return 'help';
  if (v.version) return 'version';
  const format = (v.format ?? 'stylish') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${v.format}"`);
  if (v.program !== undefined && !isEdition(v.program)) throw new UsageError(`--program must be ${editionList()}, not "${v.program}"`);
  let maxWarnings: number | undefined;
  if (v['max-warnings'] !== undefined) {
    if (!/^\d+$/.test(v['max-warnings'])) throw new UsageError(`--max-warnings takes a whole number, not "${v['max-warnings']}"`);
    maxWarnings = Number(v['max-warnings']);
  }
  return {
    paths: parsed.positionals.length > 0 ? parsed.positionals : ['.'],
    format,
    program: v.program,
    maxWarnings,
    quiet: v.quiet ?? false,
  };
}

/** Every record file under the given paths; unreadable paths are reported and skipped. */
async function collect(paths: string[], problems: string[], notes: string[]): Promise<string[]> {
  const out = new Set<string>();
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      problems.push(code === 'ENOENT' ? `no such file or folder: ${p}` : `cannot read ${p}: ${code ?? (e as Error).message}`);
      continue;
    }
    if (st.isDirectory()) {
      const walked = await walkRecords(p);
      for (const f of walked.files) out.add(f);
      notes.push(...walked.notes);
    } else out.add(resolve(p));
  }
  return [...out];
}

/** The nearest `.assocrc.yaml` above each file, up to the repository root (a folder with `.git`). */
function configLoader(problems: string[]): (file: string) => AssocConfig {
  const resolver = new ConfigResolver({
    read: (path) => readConfigFile(path, (m) => problems.push(m)),
    isRoot: (dir) => existsSync(join(dir, '.git')),
    problem: (file, p) => problems.push(`${relative(process.cwd(), file) || file}:${p.line}: ${p.message}`),
  });
  return (file) => resolver.forDir(dirname(file)) ?? emptyConfig();
}

const SEVERITY: Record<number, CliSeverity> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'info' };

export async function main(argv: string[]): Promise<number> {
  let options;
  try {
    options = parseOptions(argv);
  } catch (e) {
    process.stderr.write(`assoc-lint: ${(e as Error).message}\n\n${USAGE()}`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(USAGE());
    return 0;
  }
  if (options === 'version') {
    process.stdout.write(`${pkg.version}\n`);
    return 0;
  }

  const problems: string[] = [];
  const notes: string[] = [];
  const files = await collect(options.paths, problems, notes);
  const configFor = configLoader(problems);
  const service = createAssocService({ program: options.program });
  const uriToFile = new Map<string, string>();
  const tasks: AnalyzeTask[] = files.map((path) => {
    const uri = pathToFileURL(path).href;
    uriToFile.set(uri, path);
    return { path, uri, config: configFor(path), program: options.program };
  });
  const failed = new Set<string>();
  await analyzeAll(
    tasks,
    (results) => {
      for (const r of results) {
        const name = relative(process.cwd(), r.path) || r.path;
        if (r.kind === 'analysis') {
          service.loadAnalysis(r.analysis, { track: false });
          for (const id of r.analysis.failed) failed.add(`${name}: the check ${id} failed`);
        } else if (r.kind !== 'known') {
          uriToFile.delete(r.uri);
          problems.push(r.kind === 'missing' ? `no such file: ${name}` : r.kind === 'skipped' ? `cannot read ${name}: ${r.reason}` : `cannot read ${name}: ${r.message}`);
        }
      }
    },
    { workerScript: workerScriptNear(__dirname) },
  );

  const names = new Map<string, string>();
  const nameOf = (uri: string) => {
    let n = names.get(uri);
    if (n === undefined) {
      const file = uriToFile.get(uri) ?? fileURLToPath(uri);
      n = relative(process.cwd(), file).split(sep).join('/');
      names.set(uri, n);
    }
    return n;
  };
  // Only SARIF prints the other records of a conflict.
  const withRelated = options.format === 'sarif';
  const diags: CliDiagnostic[] = [];
  for (const uri of uriToFile.keys()) {
    const name = nameOf(uri);
    for (const d of service.diagnostics(uri)) {
      const severity = SEVERITY[d.severity ?? 1];
      if (options.quiet && severity !== 'error') continue;
      diags.push({
        file: name,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        severity,
        rule: String(d.code),
        message: typeof d.message === 'string' ? d.message : d.message.value,
        related: withRelated
          ? d.relatedInformation?.map((r) => ({
              file: nameOf(r.location.uri),
              line: r.location.range.start.line + 1,
              column: r.location.range.start.character + 1,
              endLine: r.location.range.end.line + 1,
              endColumn: r.location.range.end.character + 1,
              message: r.message,
            }))
          : undefined,
      });
    }
  }
  diags.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));

  switch (options.format) {
    case 'json':
      process.stdout.write(formatJson(diags));
      break;
    case 'sarif':
      process.stdout.write(formatSarif(diags, pkg.version));
      break;
    case 'github':
      process.stdout.write(formatGithub(diags));
      break;
    default:
      process.stdout.write(formatStylish(diags, uriToFile.size));
  }
  for (const n of notes) process.stderr.write(`assoc-lint: ${n}\n`);
  for (const p of problems) process.stderr.write(`assoc-lint: ${p}\n`);
  for (const f of failed) process.stderr.write(`assoc-lint: internal error: ${f}; the other checks ran\n`);

  if (problems.length > 0 || failed.size > 0) return 2;
  if (diags.some((d) => d.severity === 'error')) return 1;
  const warnings = diags.filter((d) => d.severity === 'warning').length;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    process.stderr.write(`assoc-lint: ${warnings} warnings, more than --max-warnings ${options.maxWarnings}\n`);
    return 1;
  }
  return 0;
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
