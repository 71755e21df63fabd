// The command line of assoc-lint: its options, their help, and what a
// mistake in them says.
import { parseArgs } from 'node:util';
import { EDITION_IDS, editionList, isEdition } from '../service/editions';
import { closestMatches } from '../service/suggest';
import { isIsoDate } from '../service/dates';
import type { Edition } from '../service/types';
import { FORMATS, listOf, type Format } from './formats';

export class UsageError extends Error {}

export interface Options {
  /** Files, folders and glob patterns, as given. */
  paths: string[];
  format: Format;
  outputFile?: string;
  program?: Edition;
  maxWarnings?: number;
  quiet: boolean;
  fix: boolean;
  fixDryRun: boolean;
  stdin: boolean;
  stdinFilename?: string;
  ignorePatterns: string[];
  allowEmpty: boolean;
  /** `--color` (true), `--no-color` (false), or neither. */
  color?: boolean;
  listRules: boolean;
  printConfig?: string;
}

export const REPORT_FORMATS = ['html', 'md', 'json', 'github-summary'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** `assoc-lint report`: the coverage report. */
export interface ReportOptions {
  paths: string[];
  format: ReportFormat;
  outputFile?: string;
  program?: Edition;
  /** YYYY-MM-DD; undefined: today. */
  asOf?: string;
  compare?: Edition;
  partners: string[];
  ignorePatterns: string[];
  allowEmpty: boolean;
}

export type Command = Options | { report: ReportOptions } | { help: true; report?: true } | { version: true };

interface Spec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** The value's name in the help, for an option that takes one. */
  value?: string;
  help: string;
}

// The options both commands take, in the same words.
const OUTPUT_FILE: Record<string, Spec> = {
  'output-file': { type: 'string', short: 'o', value: 'FILE', help: 'write the report to FILE instead of standard output' },
};
const LEAVE_OUT: Record<string, Spec> = {
  'ignore-pattern': { type: 'string', multiple: true, value: 'PATTERN', help: 'leave out files matching PATTERN (gitignore syntax, from the working folder); repeatable' },
  'allow-empty': { type: 'boolean', help: 'exit 0, not 2, when the paths match no record file' },
};
const HELP: Record<string, Spec> = {
  help: { type: 'boolean', short: 'h', help: 'show this help' },
};

const SPECS: Record<string, Spec> = {
  format: { type: 'string', short: 'f', value: FORMATS.join('|'), help: 'output format (default: stylish)' },
  ...OUTPUT_FILE,
  program: { type: 'string', value: EDITION_IDS.join('|'), help: 'rules edition; overrides the files and .assocrc.yaml' },
  'max-warnings': { type: 'string', value: 'N', help: 'exit 1 when there are more than N warnings' },
  quiet: { type: 'boolean', short: 'q', help: 'report errors only' },
  fix: { type: 'boolean', help: 'apply the safe quick fixes to the files, then report what remains' },
  'fix-dry-run': { type: 'boolean', help: 'print the safe quick fixes as a unified diff; change no file' },
  stdin: { type: 'boolean', help: 'read one record from standard input' },
  'stdin-filename': { type: 'string', value: 'FILE', help: 'the path of the record read with --stdin' },
  ...LEAVE_OUT,
  color: { type: 'boolean', help: 'colour the stylish report even when it does not go to a terminal' },
  'no-color': { type: 'boolean', help: 'never colour the report' },
  'list-rules': { type: 'boolean', help: 'list the rules: id, default severity, editions, description, page' },
  'print-config': { type: 'string', value: 'FILE', help: 'print the edition and severities that apply to FILE, and where each comes from' },
  ...HELP,
  version: { type: 'boolean', short: 'v', help: 'show the version' },
};

const REPORT_SPECS: Record<string, Spec> = {
  format: { type: 'string', short: 'f', value: 'FORMAT', help: 'html, md, json or github-summary (default: html, json or md as the --output-file name ends, else md)' },
  ...OUTPUT_FILE,
  program: { type: 'string', value: EDITION_IDS.join('|'), help: 'judge every record under this edition; overrides the files and .assocrc.yaml' },
  'as-of': { type: 'string', value: 'YYYY-MM-DD', help: 'the day the report is for (default: today)' },
  compare: { type: 'string', value: EDITION_IDS.join('|'), help: 'show what changes in credit if the records were judged under this edition' },
  partner: { type: 'string', multiple: true, value: 'ID', help: "count only this partner's associations; repeatable" },
  ...LEAVE_OUT,
  ...HELP,
};

function optionRows(specs: Record<string, Spec>): string {
  const rows = Object.entries(specs).map(([name, s]) => [`${s.short ? `-${s.short}, ` : '    '}--${name}${s.value ? ` ${s.value}` : ''}`, s.help]);
  const width = Math.max(...rows.map(([flag]) => flag.length)) + 2;
  return rows.map(([flag, help]) => `  ${flag.padEnd(width)}${wrap(help, 78 - width).join(`\n${' '.repeat(width + 2)}`)}`).join('\n');
}

export function reportUsage(): string {
  return `Usage: assoc-lint report [options] [paths...]

Shows which customers' associations earn credit in which solution area, as
the rules judge them, why the others earn nothing, and the gaps worth acting
on. The paths are taken as assoc-lint takes them (files, folders, globs;
.assocignore and .assocrc.yaml apply); the default is ".".

Options:
${optionRows(REPORT_SPECS)}

Exit status:
  0  the report was written (findings in the records do not fail it)
  2  a usage error, a path that matches no record file (see --allow-empty),
     a file that cannot be read, an .assocrc.yaml that cannot be understood,
     or the report cannot be written
`;
}

export function usage(): string {
  return `Usage: assoc-lint [options] [paths...]

Checks Microsoft partner association records (*.assoc.yaml, *.assoc.yml).
A path is a file, a folder (searched recursively for record files) or a
glob pattern such as 'records/**/*.assoc.yaml' (quote it to let assoc-lint
expand it); the default is ".". Files and folders that .assocignore or
--ignore-pattern name are left out.

Options:
${optionRows(SPECS)}

Commands:
  report      the coverage report: what counts where, and the gaps (see
              "assoc-lint report --help"; to lint a folder named report,
              write ./report)

Exit status:
  0  no errors, and no more warnings than --max-warnings
  1  errors, or more warnings than --max-warnings
  2  a usage error, a path that matches no record file (see --allow-empty),
     a file that cannot be read, an .assocrc.yaml that cannot be understood,
     or an internal error
`;
}

/** Words in lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}

/** The command line read against a set of options: each mistake a UsageError in our words. */
function readArgs(argv: string[], specs: Record<string, Spec>) {
  const options = Object.fromEntries(
    Object.entries(specs).map(([name, s]) => [name, { type: s.type, multiple: s.multiple === true, ...(s.short ? { short: s.short } : {}) }]),
  );
  // Not strict: every mistake is reported below, in our words, rather than in parseArgs' own.
  const parsed = parseArgs({ args: argv, allowPositionals: true, strict: false, tokens: true, options });
  const names = Object.keys(specs);
  for (const t of parsed.tokens) {
    if (t.kind !== 'option') continue;
    const spec = specs[t.name];
    if (!spec) {
      const near = t.rawName.startsWith('--') ? closestMatches(t.name, names) : [];
      throw new UsageError(`unknown option ${t.rawName}${near.length > 0 ? `; did you mean --${near[0]}?` : ''}`);
    }
    if (spec.type === 'string' && t.value === undefined) throw new UsageError(`${t.rawName} needs a value${spec.value ? ` (${spec.value})` : ''}`);
    if (spec.type === 'boolean' && t.inlineValue) throw new UsageError(`${t.rawName} takes no value`);
  }
  const v = parsed.values;
  const str = (name: string): string | undefined => {
    const x = v[name];
    return typeof x === 'string' ? x : undefined;
  };
  const bool = (name: string): boolean => v[name] === true;
  const list = (name: string): string[] => {
    const x = v[name];
    return Array.isArray(x) ? x.filter((y): y is string => typeof y === 'string') : [];
  };
  return { str, bool, list, positionals: parsed.positionals };
}

/** `--output-file`'s value, if given: a file name, not empty. */
function outputFileOption(value: string | undefined): string | undefined {
  if (value === '') throw new UsageError('--output-file needs a file name');
  return value;
}

/** An option that names an edition (`--program`, `--compare`): its value, if given. */
function editionOption(name: string, value: string | undefined): Edition | undefined {
  if (value !== undefined && !isEdition(value)) throw new UsageError(`--${name} must be ${editionList()}, not "${value}"`);
  return value;
}

/** `--ignore-pattern`'s values: each a pattern, not blank, and within the working folder (gitignore never matches `..`). */
function ignorePatternOption(values: string[]): string[] {
  if (values.some((p) => p.trim() === '')) throw new UsageError('--ignore-pattern needs a pattern');
  const outside = values.find((p) => /^!?(\.\.(\/|$))/.test(p.trim()));
  if (outside) throw new UsageError(`--ignore-pattern ${outside} reaches out of the working folder, and would leave out nothing: patterns are read from it, as in a .gitignore there`);
  return values;
}

/** Reads the command line; throws UsageError with a message for the user. */
export function parseOptions(argv: string[]): Command {
  if (argv[0] === 'report') return parseReportOptions(argv.slice(1));
  const { str, bool, list, positionals } = readArgs(argv, SPECS);
  if (bool('help')) return { help: true };
  if (bool('version')) return { version: true };

  const format = str('format') ?? 'stylish';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be ${listOf(FORMATS)}, not "${format}"`);
  const program = editionOption('program', str('program'));
  let maxWarnings: number | undefined;
  const mw = str('max-warnings');
  if (mw !== undefined) {
    if (!/^\d+$/.test(mw)) throw new UsageError(`--max-warnings takes a whole number, not "${mw}"`);
    maxWarnings = Number(mw);
  }
  if (bool('color') && bool('no-color')) throw new UsageError('--color and --no-color cannot be used together');
  const fix = bool('fix');
  const fixDryRun = bool('fix-dry-run');
  if (fix && fixDryRun) throw new UsageError('--fix and --fix-dry-run cannot be used together');
  const stdin = bool('stdin');
  const stdinFilename = str('stdin-filename');
  if (stdinFilename !== undefined && !stdin) throw new UsageError('--stdin-filename goes with --stdin');
  if (stdinFilename === '') throw new UsageError('--stdin-filename needs a file name');
  if (stdin && fix) throw new UsageError('--fix cannot write to standard input; use --fix-dry-run to see the fixes as a diff');
  const listRules = bool('list-rules');
  const printConfig = str('print-config');
  if (printConfig === '') throw new UsageError('--print-config needs a file name');
  if (listRules && printConfig !== undefined) throw new UsageError('--list-rules and --print-config cannot be used together');
  if ((listRules || printConfig !== undefined) && format !== 'stylish' && format !== 'json') {
    throw new UsageError(`${listRules ? '--list-rules' : '--print-config'} prints text, or JSON with --format json, not ${format}`);
  }
  const outputFile = outputFileOption(str('output-file'));
  const ignorePatterns = ignorePatternOption(list('ignore-pattern'));

  return {
    // With --stdin, the record read is the run's only file unless paths are given as well.
    paths: positionals.length > 0 || stdin ? positionals : ['.'],
    format: format as Format,
    outputFile,
    program,
    maxWarnings,
    quiet: bool('quiet'),
    fix,
    fixDryRun,
    stdin,
    stdinFilename,
    ignorePatterns,
    allowEmpty: bool('allow-empty'),
    color: bool('color') ? true : bool('no-color') ? false : undefined,
    listRules,
    printConfig,
  };
}

/** The format a report file's name asks for. */
function formatFromName(file: string | undefined): ReportFormat | undefined {
  const ext = /\.([a-z]+)$/i.exec(file ?? '')?.[1]?.toLowerCase();
  return ext === 'html' || ext === 'htm' ? 'html' : ext === 'json' ? 'json' : ext === 'md' || ext === 'markdown' ? 'md' : undefined;
}

/** `assoc-lint report ...` (the words after `report`). */
export function parseReportOptions(argv: string[]): Command {
  const { str, bool, list, positionals } = readArgs(argv, REPORT_SPECS);
  if (bool('help')) return { help: true, report: true };
  const outputFile = outputFileOption(str('output-file'));
  const format = str('format') ?? formatFromName(outputFile) ?? 'md';
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`report --format must be ${listOf(REPORT_FORMATS)}, not "${format}"`);
  const program = editionOption('program', str('program'));
  const compare = editionOption('compare', str('compare'));
  const asOf = str('as-of');
  if (asOf !== undefined && !isIsoDate(asOf)) throw new UsageError(`--as-of takes a date written YYYY-MM-DD, not "${asOf}"`);
  const partners = list('partner');
  const bad = partners.find((p) => !/^\d+$/.test(p));
  if (bad !== undefined) throw new UsageError(`--partner takes a PartnerID, a number such as 1234567, not "${bad}"`);
  const ignorePatterns = ignorePatternOption(list('ignore-pattern'));
  return {
    report: {
      paths: positionals.length > 0 ? positionals : ['.'],
      format: format as ReportFormat,
      outputFile,
      program,
      asOf,
      compare,
      partners: [...new Set(partners)],
      ignorePatterns,
      allowEmpty: bool('allow-empty'),
    },
  };
}
