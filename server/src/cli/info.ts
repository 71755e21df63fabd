// `--list-rules` and `--print-config`: what the rules are, and what applies
// to a file and why.
import { ALL_RULE_META, editionsOf, runsIn } from '../service/rules';
import { EDITION_IDS, DEFAULT_EDITION, isEdition } from '../service/editions';
import type { Edition, SeveritySetting } from '../service/types';

export interface RuleInfo {
  id: string;
  defaultSeverity: string;
  editions: Edition[];
  description: string;
  /** The rule's page: under the package's homepage, else the file installed with assoc-lint. */
  docs: string;
}

export function ruleInfos(docsFor: (id: string) => string): RuleInfo[] {
  return ALL_RULE_META.map((r) => ({ id: r.id, defaultSeverity: r.defaultSeverity, editions: editionsOf(r), description: r.description, docs: docsFor(r.id) }));
}

function editionsText(editions: readonly Edition[]): string {
  return editions.length === EDITION_IDS.length ? 'all editions' : `${editions.length === 1 ? 'edition' : 'editions'} ${editions.join(', ')} only`;
}

export function formatRuleList(rules: readonly RuleInfo[], format: 'stylish' | 'json'): string {
  if (format === 'json') return JSON.stringify(rules, null, 2) + '\n';
  const width = Math.max(...rules.map((r) => r.id.length));
  return (
    rules
      .map((r) => `${r.id.padEnd(width)}  ${r.defaultSeverity.padEnd(7)}  ${editionsText(r.editions)}\n  ${r.description}\n  ${r.docs}\n`)
      .join('\n') + `\n${rules.length} rules. Severities and editions are set in .assocrc.yaml; see --print-config FILE.\n`
  );
}

/** Where a setting comes from. */
export type Source = { kind: 'default' } | { kind: 'option' } | { kind: 'file'; line: number } | { kind: 'config'; path: string };

export interface ResolvedConfig {
  file: string;
  edition: { value: Edition; source: Source };
  /** The `.assocrc.yaml` in force, or null when there is none. */
  configFile: string | null;
  rules: Array<{ id: string; severity: SeveritySetting; source: Source; runs: boolean }>;
}

/**
 * What applies to a file: the edition (`--program`, then the file's
 * `program:`, then `.assocrc.yaml`, then the default), and each rule's
 * severity (`.assocrc.yaml`, then the default), each with where it comes from.
 */
export function resolveConfig(input: {
  file: string;
  program?: Edition;
  /** The file's own `program:` and its line, when it has one. */
  fileProgram?: { value: unknown; line: number };
  configFile: string | null;
  config: { program?: Edition; rules: Record<string, SeveritySetting> };
}): ResolvedConfig {
  const { config, configFile } = input;
  let edition: ResolvedConfig['edition'];
  if (input.program) edition = { value: input.program, source: { kind: 'option' } };
  else if (input.fileProgram && isEdition(input.fileProgram.value)) edition = { value: input.fileProgram.value, source: { kind: 'file', line: input.fileProgram.line } };
  else if (config.program && configFile) edition = { value: config.program, source: { kind: 'config', path: configFile } };
  else edition = { value: DEFAULT_EDITION, source: { kind: 'default' } };
  const rules = ALL_RULE_META.map((r) => {
    const set = config.rules[r.id];
    const severity: SeveritySetting = set ?? r.defaultSeverity;
    const source: Source = set !== undefined && configFile ? { kind: 'config', path: configFile } : { kind: 'default' };
    return { id: r.id, severity, source, runs: severity !== 'off' && runsIn(r, edition.value) };
  });
  return { file: input.file, edition, configFile, rules };
}

function sourceText(s: Source): string {
  switch (s.kind) {
    case 'default':
      return 'default';
    case 'option':
      return '--program';
    case 'file':
      return `the file's program: (line ${s.line})`;
    case 'config':
      return s.path;
  }
}

export function formatResolvedConfig(c: ResolvedConfig, format: 'stylish' | 'json'): string {
  if (format === 'json') return JSON.stringify(c, null, 2) + '\n';
  const width = Math.max(...c.rules.map((r) => r.id.length));
  const from = c.rules.map((r) => `from ${sourceText(r.source)}`);
  const wFrom = Math.max(...from.map((f) => f.length));
  const rows = c.rules.map((r, i) => {
    const line = `  ${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  ${from[i].padEnd(wFrom)}`;
    return r.severity !== 'off' && !r.runs ? `${line}  (does not run in ${c.edition.value})` : line.trimEnd();
  });
  return [
    `File: ${c.file}`,
    `Edition: ${c.edition.value}, from ${sourceText(c.edition.source)}`,
    `Configuration file: ${c.configFile ?? 'none (no .assocrc.yaml at or above the file, up to the repository root)'}`,
    'Rules:',
    ...rows,
    '',
  ].join('\n');
}
