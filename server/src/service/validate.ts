import type { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import type { ParsedRecord } from './parse';
import { validateSchema } from './schema';
import { EDITIONS } from './editions';
import { RULES, RULES_BY_ID, type Claim, type ClaimContext, type RuleContext } from './rules';
import type { AssocConfig } from './config';
import { DEFAULT_EDITION, type Edition, type Finding, type Located, type RecordModel, type RuleMeta, type SeveritySetting } from './types';
import { isEdition } from './editions';
import { findAgreement, findSubscription } from './model';

/** The edition in force: the command line, then the file's `program`, then the configuration. */
export function editionOf(model: RecordModel | undefined, config: AssocConfig, override?: Edition): Edition {
  if (override) return override;
  const p = model?.program?.value;
  if (isEdition(p)) return p;
  return config.program ?? DEFAULT_EDITION;
}

export function severityOf(meta: RuleMeta, config: AssocConfig): SeveritySetting {
  return config.rules[meta.id] ?? meta.defaultSeverity;
}

export function ruleRuns(meta: RuleMeta, config: AssocConfig, edition: Edition): boolean {
  if (severityOf(meta, config) === 'off') return false;
  return !meta.editions || meta.editions.includes(edition);
}

function resolvers(model: RecordModel) {
  return {
    subscriptionOf: (ref: Located<string> | undefined) => (ref ? findSubscription(model, ref.value) : undefined),
    agreementOf: (ref: Located<string> | undefined) => (ref ? findAgreement(model, ref.value) : undefined),
  };
}

/** What one file says on its own, and what it claims for the cross-file rules. */
export interface FileAnalysis {
  parsed: ParsedRecord;
  edition: Edition;
  config: AssocConfig;
  local: Finding[];
  claims: Map<string, Claim[]>;
}

export function analyzeFile(parsed: ParsedRecord, config: AssocConfig, override?: Edition): FileAnalysis {
  const model = parsed.model;
  const edition = editionOf(model, config, override);
  const local: Finding[] = [...parsed.syntax];
  const claims = new Map<string, Claim[]>();
  const result: FileAnalysis = { parsed, edition, config, local, claims };
  if (!parsed.usable || !model) return result;

  if (severityOf(RULES_BY_ID.get('schema')!, config) !== 'off') local.push(...validateSchema(parsed));

  const refs = resolvers(model);
  const claimContext: ClaimContext = { record: model, edition, ...refs };
  for (const rule of RULES) {
    if (!ruleRuns(rule, config, edition)) continue;
    if (rule.scope === 'file') {
      const ctx: RuleContext = {
        record: model,
        edition,
        table: EDITIONS[edition],
        ...refs,
        report: (f) => local.push({ ...f, rule: rule.id }),
      };
      rule.check(ctx);
    } else {
      const c = rule.claims(claimContext);
      if (c.length > 0) claims.set(rule.id, c);
    }
  }
  return result;
}

const DISABLE = /^#\s*assoc-disable-next-line\b(.*)$/;

/** Lines (0-based) on which some rules are silenced, and which: `null` means all. */
function silencedLines(parsed: ParsedRecord): Map<number, Set<string> | null> {
  const out = new Map<number, Set<string> | null>();
  for (const c of parsed.comments) {
    const m = DISABLE.exec(c.text.trim());
    if (!m) continue;
    const ids = m[1]
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter((s) => s.length > 0 && !s.startsWith('--'));
    out.set(c.line + 1, ids.length > 0 ? new Set(ids) : null);
  }
  return out;
}

const LSP_SEVERITY: Record<'error' | 'warning' | 'info', DiagnosticSeverity> = { error: 1, warning: 2, info: 3 };

export interface DiagnosticOptions {
  /** Where rule pages live: the rule id and `.md` are appended. */
  docsBase?: string;
}

/** Findings to LSP diagnostics: configured severity, silenced lines dropped, rule id as code. */
export function toDiagnostics(parsed: ParsedRecord, config: AssocConfig, findings: Finding[], options: DiagnosticOptions = {}): Diagnostic[] {
  const silenced = silencedLines(parsed);
  const out: Diagnostic[] = [];
  for (const f of findings) {
    const meta = RULES_BY_ID.get(f.rule);
    if (!meta) continue;
    const sev = severityOf(meta, config);
    if (sev === 'off') continue;
    const s = silenced.get(f.range.start.line);
    if (s === null || s?.has(f.rule)) continue;
    const d: Diagnostic = {
      range: f.range,
      severity: LSP_SEVERITY[sev],
      code: f.rule,
      source: 'assoc',
      message: f.message,
    };
    if (options.docsBase) d.codeDescription = { href: `${options.docsBase}${f.rule}.md` };
    if (f.related && f.related.length > 0) {
      d.relatedInformation = f.related.map((r) => ({ location: { uri: r.uri, range: r.range }, message: r.message }));
    }
    if (f.fix) d.data = f.fix;
    out.push(d);
  }
  out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return out;
}
