import type { Diagnostic } from 'vscode-languageserver-types';
import { parseRecord } from './parse';
import { EDITION_IDS, editionList, isEdition } from './editions';
import { RULES_BY_ID, RULE_IDS } from './rules';
import { closestMatches } from './suggest';
import { SEVERITY_SETTINGS, type Edition, type FixHint, type SeveritySetting, type Span } from './types';
import { keyName } from './yaml/tree';
import type { LineIndex } from './yaml/lines';

/** The settings of `.assocrc.yaml` (or of the editor). */
export interface AssocConfig {
  program?: Edition;
  rules: Record<string, SeveritySetting>;
}

export interface ConfigProblem {
  span: Span;
  /** 1-based, for messages on the command line. */
  line: number;
  message: string;
  fix?: FixHint;
}

export const CONFIG_FILE = '.assocrc.yaml';
const CONFIG_KEYS = ['program', 'rules'] as const;

function isSeveritySetting(s: unknown): s is SeveritySetting {
  return typeof s === 'string' && (SEVERITY_SETTINGS as readonly string[]).includes(s);
}

/** Editor settings (`assoc.program`, `assoc.rules`) as a configuration; what is not understood is left out. */
export function configFromSettings(s: { program?: unknown; rules?: Record<string, unknown> } | null | undefined): AssocConfig {
  const rules: Record<string, SeveritySetting> = {};
  for (const [id, sev] of Object.entries(s?.rules ?? {})) if (RULES_BY_ID.has(id) && isSeveritySetting(sev)) rules[id] = sev;
  return { program: isEdition(s?.program) ? s.program : undefined, rules };
}

/** A configuration file over the settings: its keys win. */
export function overlay(base: AssocConfig, top: AssocConfig | null): AssocConfig {
  return { program: top?.program ?? base.program, rules: { ...base.rules, ...(top?.rules ?? {}) } };
}

export function emptyConfig(): AssocConfig {
  return { rules: {} };
}

function replaceWith(near: string[]): FixHint | undefined {
  return near.length > 0 ? { kind: 'replace', candidates: near } : undefined;
}

/**
 * Reads `.assocrc.yaml`. What cannot be understood is left out and said in
 * `problems`, each where it stands, with a close match to change it to; the
 * rest still applies.
 */
export function parseConfig(text: string): { config: AssocConfig; problems: ConfigProblem[]; lines: LineIndex } {
  const parsed = parseRecord('', text, 0, { model: false });
  const lines = parsed.lines;
  const config = emptyConfig();
  const problems: ConfigProblem[] = [];
  const problem = (span: Span, message: string, fix?: FixHint) => problems.push({ span, line: lines.lineOf(span.start) + 1, message, fix });
  for (const f of parsed.syntax) problem(f.span, `not valid YAML: ${f.message}`);
  if (!parsed.usable) return { config, problems, lines };
  const root = parsed.root;
  if (root === null) return { config, problems, lines };
  if (root.kind !== 'map') {
    problem(root, 'the configuration must be a mapping with `program` and `rules`');
    return { config, problems, lines };
  }
  for (const pair of root.items) {
    const key = keyName(pair);
    if (key === 'program') {
      const v = pair.value.kind === 'scalar' ? pair.value.value : undefined;
      if (isEdition(v)) config.program = v;
      else problem(pair.value, `\`program\` must be ${editionList()}, not ${JSON.stringify(v ?? null)}`, replaceWith(closestMatches(String(v ?? ''), EDITION_IDS)));
    } else if (key === 'rules') {
      const rules = pair.value;
      if (rules.kind === 'scalar' && rules.value === null) continue;
      if (rules.kind !== 'map') {
        problem(rules, '`rules` must map rule ids to error, warning, info or off');
        continue;
      }
      for (const r of rules.items) {
        const id = keyName(r);
        const sev = r.value.kind === 'scalar' ? String(r.value.value ?? '') : '';
        if (!RULES_BY_ID.has(id)) problem(r.key, `unknown rule \`${id}\``, replaceWith(closestMatches(id, RULE_IDS)));
        else if (!isSeveritySetting(sev)) {
          problem(r.value, `\`${id}\` must be error, warning, info or off, not ${JSON.stringify(sev)}`, replaceWith(closestMatches(sev, SEVERITY_SETTINGS)));
        } else config.rules[id] = sev;
      }
    } else {
      problem(pair.key, `unknown setting \`${key}\` (expected program or rules)`, replaceWith(closestMatches(key, CONFIG_KEYS)));
    }
  }
  return { config, problems, lines };
}

/** The problems of a configuration file as diagnostics of that file. */
export function configDiagnostics(text: string, docsBase?: string): Diagnostic[] {
  const { problems, lines } = parseConfig(text);
  return problems.map((p) => {
    const d: Diagnostic = {
      range: lines.range(p.span.start, p.span.end),
      severity: 1,
      code: 'config',
      source: 'assoc',
      message: `${p.message.charAt(0).toUpperCase()}${p.message.slice(1)}.`,
    };
    if (docsBase) d.codeDescription = { href: `${docsBase}config.md` };
    if (p.fix) d.data = p.fix;
    return d;
  });
}
