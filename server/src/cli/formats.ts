import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Colors } from 'picocolors/types';
import { ALL_RULE_META, editionsOf, ruleName } from '../service/rules';
import RULE_DOCS = require('../service/generated/rule-docs');

export type CliSeverity = 'error' | 'warning' | 'info';

export interface CliLocation {
  /** Relative to the working folder, with forward slashes: what JSON, stylish's "See also" and the notes show. */
  file: string;
  /** Absolute: the stylish file header, and where SARIF places it. */
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** One diagnostic as the CLI prints it: `--format json` gives `file` to `message` (the README shows them). */
export interface CliDiagnostic extends CliLocation {
  severity: CliSeverity;
  rule: string;
  message: string;
  /** The other records involved (cross-file rules): named in stylish, GitHub and SARIF output, not in JSON. */
  related?: Array<CliLocation & { message: string }>;
}

export const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

/** `1 file`, `2 files`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Items as a sentence lists them: `a, b or c` (`and` for `conjunction: 'and'`). */
export function listOf(items: readonly string[], conjunction = 'or'): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

/** How many problems of each severity, as the summary says it: `2 problems (1 error, 1 warning, 0 info)`. */
export function countProblems(diags: readonly CliDiagnostic[]): string {
  const count = (s: CliSeverity) => diags.filter((d) => d.severity === s).length;
  return `${plural(diags.length, 'problem')} (${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info)`;
}

/**
 * Where the other records of a cross-file finding are: `See also
 * b.assoc.yaml:16:11.` (the first three, and how many more); `name` says how
 * a file is named (by default as `file` has it, from the working folder).
 */
export function seeAlso(d: CliDiagnostic, name: (l: CliLocation) => string = (l) => l.file): string {
  const related = d.related ?? [];
  if (related.length === 0) return '';
  const shown = related.slice(0, 3).map((r) => `${name(r)}:${r.line}:${r.column}`);
  const more = related.length - shown.length;
  return ` See also ${listOf(more > 0 ? [...shown, `${more} more`] : shown, 'and')}.`;
}

export interface StylishSummary {
  /** Record files checked. */
  files: number;
  /** Paths, files or configuration that could not be checked or read (exit 2). */
  failed: number;
  /** Warnings and info that --quiet left out. */
  hidden?: number;
}

/**
 * ESLint's stylish layout: the file's absolute path on a line of its own (a
 * terminal or a problem matcher can open it), then one line per problem.
 * The rule id comes before the message, so that it stays on the line of its
 * position however long the message and however narrow the terminal: only
 * the message, last, wraps.
 */
export function formatStylish(diags: readonly CliDiagnostic[], summary: StylishSummary, c: Colors): string {
  const lines: string[] = [];
  const byFile = new Map<string, CliDiagnostic[]>();
  for (const d of diags) {
    // Pushed onto the file's list, not copied into a new one: a crowded file has thousands of problems.
    const list = byFile.get(d.path);
    if (list) list.push(d);
    else byFile.set(d.path, [d]);
  }
  const colour: Record<CliSeverity, (s: string) => string> = { error: c.red, warning: c.yellow, info: c.cyan };
  for (const [path, ds] of byFile) {
    lines.push(c.underline(path));
    const pos = (d: CliDiagnostic) => `${d.line}:${d.column}`;
    const wPos = Math.max(...ds.map((d) => pos(d).length));
    const wSev = Math.max(...ds.map((d) => d.severity.length));
    const wRule = Math.max(...ds.map((d) => d.rule.length));
    for (const d of ds) {
      const also = seeAlso(d);
      lines.push(`  ${c.dim(pos(d).padEnd(wPos))}  ${colour[d.severity](d.severity.padEnd(wSev))}  ${c.dim(d.rule.padEnd(wRule))}  ${d.message}${also ? c.dim(also) : ''}`);
    }
    lines.push('');
  }
  const files = `${plural(summary.files, 'file')} checked`;
  if (diags.length > 0) {
    const errors = diags.some((d) => d.severity === 'error');
    const text = `${countProblems(diags)} in ${files}.`;
    lines.push(c.bold(errors ? c.red(text) : diags.some((d) => d.severity === 'warning') ? c.yellow(text) : text));
  } else if (summary.failed > 0) {
    lines.push(summary.files > 0 ? `Not everything could be checked; no problems in the ${files}.` : 'Nothing was checked.');
  } else if (summary.files === 0) lines.push('No files checked.');
  else if (summary.hidden) lines.push(c.green(`No errors found (${files}; --quiet hid ${plural(summary.hidden, 'warning or info', 'warnings or info')}).`));
  else lines.push(c.green(`No problems found (${files}).`));
  if (diags.length > 0 && summary.failed > 0) lines.push('Not everything could be checked: see the messages above.');
  return lines.join('\n') + '\n';
}

export function formatJson(diags: readonly CliDiagnostic[]): string {
  return (
    JSON.stringify(
      diags.map((d) => ({
        file: d.file,
        line: d.line,
        column: d.column,
        endLine: d.endLine,
        endColumn: d.endColumn,
        severity: d.severity,
        rule: d.rule,
        message: d.message,
      })),
      null,
      2,
    ) + '\n'
  );
}

const SARIF_LEVEL: Record<CliSeverity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifTool {
  version: string;
  /** Where the tool is described: the package's `homepage`, else the README installed with it. */
  informationUri: string;
  /** The package's `homepage`, if it has one: the rule pages are under it. */
  homepage?: string;
  /** The repository root (the folder with `.git` at or above the working folder, else the working folder): `%SRCROOT%`. */
  srcRoot: string;
}

/**
 * A rule page's address under the package's homepage: on GitHub, the file in
 * the default branch; elsewhere, `docs/rules/<id>.md` below the homepage.
 */
export function ruleHelpUri(homepage: string, id: string): string {
  const url = new URL(homepage);
  url.hash = '';
  url.search = '';
  const github = url.hostname === 'github.com' ? /^\/([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(url.pathname) : null;
  if (github) return `https://github.com/${github[1]}/${github[2]}/blob/HEAD/docs/rules/${id}.md`;
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return new URL(`docs/rules/${id}.md`, url).href;
}

/**
 * A rule's SARIF name: PascalCase, and never the id itself, not even but for
 * case (SARIF wants a name distinct from the id): `schema` is `SchemaCheck`.
 */
export function sarifRuleName(id: string): string {
  const name = ruleName(id);
  return name.toLowerCase() === id.toLowerCase() ? `${name}Check` : name;
}

function uriOf(path: string, srcRoot: string): { uri: string; uriBaseId?: string } {
  const rel = relative(srcRoot, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return { uri: pathToFileURL(path).href };
  return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

/** SARIF 2.1.0 for GitHub code scanning: paths relative to the repository root, each rule with its page. */
export function formatSarif(diags: readonly CliDiagnostic[], tool: SarifTool): string {
  const rules = ALL_RULE_META.map((r) => {
    const helpUri = tool.homepage ? ruleHelpUri(tool.homepage, r.id) : undefined;
    return {
      id: r.id,
      name: sarifRuleName(r.id),
      shortDescription: { text: r.description },
      fullDescription: { text: r.description },
      ...(helpUri ? { helpUri } : {}),
      help: { text: helpUri ? `${r.description} See ${helpUri}.` : r.description, markdown: RULE_DOCS[r.id] ?? r.description },
      defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] },
      properties: { editions: editionsOf(r) },
    };
  });
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const location = (l: CliLocation) => ({
    artifactLocation: uriOf(l.path, tool.srcRoot),
    region: { startLine: l.line, startColumn: l.column, endLine: l.endLine, endColumn: l.endColumn },
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'assoc-lint', version: tool.version, semanticVersion: tool.version, informationUri: tool.informationUri, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToFileURL(tool.srcRoot).href.replace(/\/$/, '')}/` } },
        results: diags.map((d) => ({
          ruleId: d.rule,
          ruleIndex: index.get(d.rule) ?? -1,
          level: SARIF_LEVEL[d.severity],
          message: { text: d.message },
          locations: [{ physicalLocation: location(d) }],
          ...(d.related && d.related.length > 0
            ? { relatedLocations: d.related.map((r, id) => ({ id, message: { text: r.message }, physicalLocation: location(r) })) }
            : {}),
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const GITHUB_COMMAND: Record<CliSeverity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * GitHub Actions workflow commands: each finding annotates its line in a pull
 * request. The runner reads a relative `file` from the repository root, not
 * from the step's working folder, so files are named from `srcRoot` (the
 * repository root, as for SARIF); a file outside it by its absolute path.
 */
export function formatGithub(diags: readonly CliDiagnostic[], srcRoot: string): string {
  const name = (l: CliLocation) => {
    if (!isAbsolute(l.path)) return l.file; // <stdin>
    const rel = relative(srcRoot, l.path);
    return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? l.path : rel.split(sep).join('/');
  };
  return diags
    .map((d) => {
      const props = [
        `file=${escapeProperty(name(d))}`,
        `line=${d.line}`,
        `col=${d.column}`,
        `endLine=${d.endLine}`,
        `endColumn=${d.endColumn}`,
        `title=${escapeProperty(d.rule)}`,
      ].join(',');
      return `::${GITHUB_COMMAND[d.severity]} ${props}::${escapeData(`${d.message}${seeAlso(d, name)} (${d.rule})`)}\n`;
    })
    .join('');
}
