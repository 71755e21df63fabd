import { ALL_RULE_META, editionsOf } from '../service/rules';
import RULE_DOCS = require('../service/generated/rule-docs');

export type CliSeverity = 'error' | 'warning' | 'info';

/** One diagnostic as the CLI prints it: `--format json` gives exactly these fields (the README shows them). */
export interface CliDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: CliSeverity;
  rule: string;
  message: string;
  /** The other records involved (cross-file rules); shown in SARIF, never in JSON. */
  related?: Array<{ file: string; line: number; column: number; endLine: number; endColumn: number; message: string }>;
}

export const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export function formatStylish(diags: CliDiagnostic[], fileCount: number): string {
  const lines: string[] = [];
  let current = '';
  for (const d of diags) {
    if (d.file !== current) {
      if (current) lines.push('');
      current = d.file;
      lines.push(d.file);
    }
    lines.push(`  ${`${d.line}:${d.column}`.padEnd(8)} ${d.severity.padEnd(8)} ${d.message}  ${d.rule}`);
  }
  const count = (s: CliSeverity) => diags.filter((d) => d.severity === s).length;
  const e = count('error');
  const w = count('warning');
  const i = count('info');
  if (diags.length > 0) lines.push('');
  const files = `${fileCount} file${fileCount === 1 ? '' : 's'} checked`;
  if (diags.length === 0) lines.push(`No problems found (${files}).`);
  else
    lines.push(
      `${diags.length} problem${diags.length === 1 ? '' : 's'} (${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'}, ${i} info) in ${files}.`,
    );
  return lines.join('\n') + '\n';
}

export function formatJson(diags: CliDiagnostic[]): string {
  return JSON.stringify(
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
  ) + '\n';
}

const SARIF_LEVEL: Record<CliSeverity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export function formatSarif(diags: CliDiagnostic[], version: string): string {
  const rules = ALL_RULE_META.map((r) => ({
    id: r.id,
    name: r.id,
    shortDescription: { text: r.description },
    fullDescription: { text: r.description },
    help: { text: `${r.description} See docs/rules/${r.id}.md.`, markdown: RULE_DOCS[r.id] ?? r.description },
    defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] },
    properties: { editions: editionsOf(r) },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'assoc-lint', version, semanticVersion: version, rules } },
        results: diags.map((d) => ({
          ruleId: d.rule,
          ruleIndex: index.get(d.rule) ?? -1,
          level: SARIF_LEVEL[d.severity],
          message: { text: d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: d.file.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' },
                region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
              },
            },
          ],
          ...(d.related && d.related.length > 0
            ? {
                relatedLocations: d.related.map((r, id) => ({
                  id,
                  message: { text: r.message },
                  physicalLocation: {
                    artifactLocation: { uri: r.file.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' },
                    region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn },
                  },
                })),
              }
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

export function formatGithub(diags: CliDiagnostic[]): string {
  return diags
    .map((d) => {
      const props = [
        `file=${escapeProperty(d.file)}`,
        `line=${d.line}`,
        `col=${d.column}`,
        `endLine=${d.endLine}`,
        `endColumn=${d.endColumn}`,
        `title=${escapeProperty(d.rule)}`,
      ].join(',');
      return `::${GITHUB_COMMAND[d.severity]} ${props}::${escapeData(`${d.message} (${d.rule})`)}\n`;
    })
    .join('');
}
