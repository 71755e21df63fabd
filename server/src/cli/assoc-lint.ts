import { parseArgs } from 'node:util';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Project } from '../service/workspace';
import { emptyConfig, type AssocConfig } from '../service/config';
import { ConfigResolver, RECORD_FILE, SKIP_DIRS } from '../service/files';
import { readIfPresent } from '../read-if-present';
import { isEdition } from '../service/editions';
import { FORMATS, formatGithub, formatJson, formatSarif, formatStylish, type CliDiagnostic, type CliSeverity, type Format } from './formats';
import pkg from '../../../package.json';

const USAGE = `Usage: assoc-lint [paths...] [options]

Checks Microsoft partner association records (*.assoc.yaml, *.assoc.yml).
Folders are searched recursively; the default path is ".".

Options:
  --format stylish|json|sarif|github   output format (default: stylish)
  --program 2023-08|2026-05            rules edition; overrides files and .assocrc.yaml
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
  program?: '2023-08' | '2026-05';
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
  if (v.program !== undefined && !isEdition(v.program)) throw new UsageError(`--program must be 2023-08 or 2026-05, not "${v.program}"`);
  let maxWarnings: number | undefined;
  if (v['max-warnings'] !== undefined) {
    if (!/^\d+$/.test(v['max-warnings'])) throw new UsageError(`--max-warnings takes a whole number, not "${v['max-warnings']}"`);
    maxWarnings = Number(v['max-warnings']);
  }
  return {
    paths: parsed.positionals.length > 0 ? parsed.positionals : ['.'],
    format,
    program: v.program as Options['program'],
    maxWarnings,
    quiet: v.quiet ?? false,
  };
}

/** Every record file under the given paths; unreadable paths are reported and skipped. */
function collect(paths: string[], problems: string[]): string[] {
  const out = new Set<string>();
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      problems.push(`cannot read ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(full);
      } else if (RECORD_FILE.test(entry.name) && (entry.isFile() || entry.isSymbolicLink())) {
        out.add(resolve(full));
      }
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      problems.push(code === 'ENOENT' ? `no such file or folder: ${p}` : `cannot read ${p}: ${code ?? (e as Error).message}`);
      continue;
    }
    if (st.isDirectory()) walk(p);
    else out.add(resolve(p));
  }
  return [...out];
}

/** The nearest `.assocrc.yaml` above each file, up to the repository root (a folder with `.git`). */
function configLoader(problems: string[]): (file: string) => AssocConfig {
  const resolver = new ConfigResolver({
    read: (path) => readIfPresent(path, (m) => problems.push(m)),
    isRoot: (dir) => existsSync(join(dir, '.git')),
    problem: (file, p) => problems.push(`${relative(process.cwd(), file) || file}:${p.line}: ${p.message}`),
  });
  return (file) => resolver.forDir(dirname(file)) ?? emptyConfig();
}

const SEVERITY: Record<number, CliSeverity> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'info' };

export function main(argv: string[]): number {
  let options;
  try {
    options = parseOptions(argv);
  } catch (e) {
    process.stderr.write(`assoc-lint: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (options === 'version') {
    process.stdout.write(`${pkg.version}\n`);
    return 0;
  }

  const problems: string[] = [];
  const files = collect(options.paths, problems);
  const configFor = configLoader(problems);
  const uriToFile = new Map<string, string>();
  const project = new Project({ program: options.program, configFor: (uri) => configFor(uriToFile.get(uri)!) });
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      problems.push(`cannot read ${relative(process.cwd(), file)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      continue;
    }
    const uri = pathToFileURL(file).href;
    uriToFile.set(uri, file);
    project.set(uri, text);
  }

  const nameOf = (file: string) => relative(process.cwd(), file).split(sep).join('/');
  const diags: CliDiagnostic[] = [];
  for (const [uri, file] of uriToFile) {
    const name = nameOf(file);
    for (const d of project.diagnostics(uri)) {
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
        related: d.relatedInformation?.map((r) => ({
          file: nameOf(uriToFile.get(r.location.uri) ?? fileURLToPath(r.location.uri)),
          line: r.location.range.start.line + 1,
          column: r.location.range.start.character + 1,
          endLine: r.location.range.end.line + 1,
          endColumn: r.location.range.end.character + 1,
          message: r.message,
        })),
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
  for (const p of problems) process.stderr.write(`assoc-lint: ${p}\n`);

  if (problems.length > 0) return 2;
  if (diags.some((d) => d.severity === 'error')) return 1;
  const warnings = diags.filter((d) => d.severity === 'warning').length;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    process.stderr.write(`assoc-lint: ${warnings} warnings, more than --max-warnings ${options.maxWarnings}\n`);
    return 1;
  }
  return 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
