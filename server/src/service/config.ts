import { parseDocument, isMap, isScalar, isPair, LineCounter } from 'yaml';
import type { Edition, SeveritySetting } from './types';
import { isEdition } from './editions';
import { RULES_BY_ID } from './rules';

/** The settings of `.assocrc.yaml` (or of the editor). */
export interface AssocConfig {
  program?: Edition;
  rules: Record<string, SeveritySetting>;
}

export interface ConfigProblem {
  line: number;
  message: string;
}

export const CONFIG_FILE = '.assocrc.yaml';
const SEVERITIES: readonly string[] = ['error', 'warning', 'info', 'off'];

export function isSeveritySetting(s: unknown): s is SeveritySetting {
  return typeof s === 'string' && SEVERITIES.includes(s);
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

/**
 * Reads `.assocrc.yaml`. What cannot be understood is left out and said in
 * `problems`; the rest still applies.
 */
export function parseConfig(text: string): { config: AssocConfig; problems: ConfigProblem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const config = emptyConfig();
  const problems: ConfigProblem[] = [];
  const lineOf = (offset: number | undefined) => (offset === undefined ? 1 : lines.linePos(offset).line);
  for (const err of doc.errors) {
    problems.push({ line: lineOf(err.pos[0]), message: `not valid YAML: ${err.message.split('\n')[0]}` });
  }
  if (doc.errors.length > 0) return { config, problems };
  const root = doc.contents;
  if (root === null) return { config, problems };
  if (!isMap(root)) {
    problems.push({ line: 1, message: 'the configuration must be a mapping with `program` and `rules`' });
    return { config, problems };
  }
  for (const pair of root.items) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    const at = lineOf(pair.key.range?.[0]);
    if (key === 'program') {
      const v = isScalar(pair.value) ? pair.value.value : undefined;
      if (isEdition(v)) config.program = v;
      else problems.push({ line: at, message: `\`program\` must be 2023-08 or 2026-05, not ${JSON.stringify(v ?? null)}` });
    } else if (key === 'rules') {
      if (pair.value === null || pair.value === undefined) continue;
      if (!isMap(pair.value)) {
        problems.push({ line: at, message: '`rules` must map rule ids to error, warning, info or off' });
        continue;
      }
      for (const r of pair.value.items) {
        if (!isPair(r) || !isScalar(r.key)) continue;
        const id = String(r.key.value);
        const rAt = lineOf(r.key.range?.[0]);
        const sev = isScalar(r.value) ? String(r.value.value) : '';
        if (!RULES_BY_ID.has(id)) problems.push({ line: rAt, message: `unknown rule \`${id}\`` });
        else if (!SEVERITIES.includes(sev)) problems.push({ line: rAt, message: `\`${id}\` must be error, warning, info or off, not ${JSON.stringify(sev)}` });
        else config.rules[id] = sev as SeveritySetting;
      }
    } else {
      problems.push({ line: at, message: `unknown setting \`${key}\` (expected program or rules)` });
    }
  }
  return { config, problems };
}
