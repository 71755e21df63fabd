// One record's analysis: its own findings and what it claims for the
// cross-file rules, placed in LSP positions, so that nothing of the parse need
// be kept once a file is analysed (a closed file keeps only this).
import type { Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Range } from 'vscode-languageserver-types';
import type { ParsedRecord } from './parse';
import { validateSchema } from './schema';
import { DEFAULT_EDITION, editionTable, isEdition } from './editions';
import { RULES, RULES_BY_ID, RULE_IDS, runsIn, type ClaimContext, type RuleContext, type RuleFinding } from './rules';
import { claimKeyString, parseClaimKey, type ClaimFacts, type ClaimKey } from './rules/api';
import type { PackedClaims } from './packed';
import type { AssocConfig } from './config';
import type { Edition, Finding, Located, RecordModel, RelatedInfo, RuleMeta, Severity, SeveritySetting, SolutionArea, Span } from './types';
import { findAgreement, findSubscription } from './model';
import { closestMatches } from './suggest';
import { summarize, type RecordSummary } from './summary';

/** The edition in force: the command line, then the file's `program`, then the configuration, then the default. */
function editionOf(model: RecordModel | undefined, config: AssocConfig, override?: Edition): Edition {
  if (override) return override;
  const p = model?.program?.value;
  if (isEdition(p)) return p;
  return config.program ?? DEFAULT_EDITION;
}

function severityOf(meta: RuleMeta, config: AssocConfig): SeveritySetting {
  return config.rules[meta.id] ?? meta.defaultSeverity;
}

function ruleRuns(meta: RuleMeta, config: AssocConfig, edition: Edition): boolean {
  return severityOf(meta, config) !== 'off' && runsIn(meta, edition);
}

/**
 * A claim as the cross-file index keeps it, compactly: thousands of files
 * hold a hundred each. Its place is four numbers (line and character of its
 * start and end); its file is set by whoever holds the analysis, so that one
 * string serves all of a file's claims.
 */
export interface StoredClaim {
  rule: string;
  /** The rule and the key as one string: claims in the same group are compared. Made where the claim is (a worker thread). */
  group: string;
  uri: string;
  sl: number;
  sc: number;
  el: number;
  ec: number;
  since?: string;
  until?: string;
  partnerId?: string;
  side?: string;
  note?: string;
  association: number;
  /** How other claims' findings name this one, made the first time one does (never packed, stored or sent). */
  named?: RelatedInfo;
}

/** One letter for each cross-file rule, to start its groups' strings. */
const GROUP_PREFIX = new Map(RULES.filter((r) => r.scope === 'workspace').map((r, i) => [r.id, String.fromCharCode(97 + i)]));

/** How a rule's group strings start. */
function groupPrefix(rule: string): string {
  return GROUP_PREFIX.get(rule) ?? `${rule}\u0000`;
}

/** The group string of a rule's claims on a key: claims with the same one are compared. */
export function groupOf(rule: string, key: ClaimKey): string {
  // Joined, the string is one piece of its own. Made with `+` it would be a tree of
  // pieces, one of them a slice of the file's text, and keep the whole text alive.
  return [groupPrefix(rule), claimKeyString(key)].join('');
}

/**
 * A string kept for as long as a claim, detached from the text it was sliced
 * from: a slice of 13 characters or more keeps the whole file's text alive.
 */
function detached(s: string): string {
  return s.length < 13 ? s : ['_', s].join('').slice(1);
}

/** What a stored claim's rule needs to word its message and its label: its key comes back from its group. */
export function claimFacts(c: StoredClaim): ClaimFacts {
  const key = parseClaimKey(c.group.slice(groupPrefix(c.rule).length));
  return { key, side: c.side, partnerId: c.partnerId, since: c.since, until: c.until, note: c.note };
}

/** A stored claim's place, as an LSP range. */
export function claimRange(c: StoredClaim): Range {
  return { start: { line: c.sl, character: c.sc }, end: { line: c.el, character: c.ec } };
}

/** What one file says on its own, and what it claims for the cross-file rules. */
export interface FileAnalysis {
  uri: string;
  version: number;
  edition: Edition;
  config: AssocConfig;
  local: Finding[];
  claims: StoredClaim[];
  /** The claims packed, in place of `claims`, while the analysis crosses a thread; unpacked as the workspace takes it. */
  packed?: PackedClaims;
  /** Lines (0-based) on which some rules are silenced; null silences every rule. */
  silenced: Array<[number, string[] | null]>;
  /** Rules that failed on this file (each also has a diagnostic). */
  failed: string[];
  /** Whether the fast parser read it. */
  fast: boolean;
  /** What the coverage report needs of the record, so that it need not be parsed again. */
  summary?: RecordSummary;
  /** The parse, kept only where features need it (open files). */
  parsed?: ParsedRecord;
}

const DISABLE = /^#\s*assoc-disable-next-line\b(.*)$/;

function inside(spans: Span[], s: Span): boolean {
  return spans.some((m) => m.start <= s.start && s.end <= m.end);
}

/** Analyses a parsed record under a configuration. */
export function analyzeFile(parsed: ParsedRecord, config: AssocConfig, override?: Edition, options: { summary?: boolean } = {}): FileAnalysis {
  const model = parsed.model;
  const edition = editionOf(model, config, override);
  const lines = parsed.lines;
  const result: FileAnalysis = { uri: parsed.uri, version: parsed.version, edition, config, local: [], claims: [], silenced: [], failed: [], fast: parsed.fast };
  const toRange = (s: Span) => lines.range(s.start, s.end);
  const merges = parsed.merges;
  const place = (rule: string, f: RuleFinding | { span: Span; message: string; fix?: Finding['fix']; severity?: Finding['severity'] }): void => {
    // A mapping that holds a merge key gets no diagnostic but the merge key's own.
    if (rule !== 'yaml-syntax' && merges.length > 0 && inside(merges, f.span)) return;
    const finding: Finding = { rule, range: toRange(f.span), message: f.message };
    const rf = f as RuleFinding;
    if (rf.related && rf.related.length > 0) finding.related = rf.related.map((r) => ({ uri: parsed.uri, range: toRange(r.span), message: r.message }));
    if (f.fix) finding.fix = f.fix;
    if (rf.association) finding.association = rf.association.index;
    if (rf.withdraws) finding.withdraws = rf.withdraws;
    if ('severity' in f && f.severity) finding.severity = f.severity;
    result.local.push(finding);
  };
  for (const f of parsed.syntax) result.local.push({ rule: f.rule, range: toRange(f.span), message: f.message });
  result.silenced = silencedLines(parsed, place);
  if (!parsed.usable || !model) return result;
  // Only the coverage report wants it: nobody else keeps it in memory.
  if (options.summary) result.summary = summarize(model, lines);

  const failed = (rule: string, e: unknown) => {
    result.failed.push(rule);
    result.local.push({
      rule,
      severity: 'error',
      range: toRange(model.start),
      message: `The check ${rule} failed on this file and was skipped (${e instanceof Error ? e.message : String(e)}); every other check ran. Please report this with the file.`,
    });
  };
  const runSafe = (rule: string, run: () => void) => {
    try {
      run();
    } catch (e) {
      failed(rule, e);
    }
  };

  if (severityOf(RULES_BY_ID.get('schema')!, config) !== 'off') runSafe('schema', () => {
    for (const f of validateSchema(parsed.root, parsed.text)) place('schema', f);
  });

  const refs = {
    subscriptionOf: (ref: Located<string> | undefined) => (ref ? findSubscription(model, ref.value) : undefined),
    agreementOf: (ref: Located<string> | undefined) => (ref ? findAgreement(model, ref.value) : undefined),
  };
  const table = editionTable(edition);
  const claimContext: ClaimContext = { record: model, edition, table, ...refs };
  for (const rule of RULES) {
    if (!ruleRuns(rule, config, edition)) continue;
    if (rule.scope === 'file') {
      const found: RuleFinding[] = [];
      const ctx: RuleContext = { record: model, edition, table, ...refs, report: (f) => found.push(f) };
      runSafe(rule.id, () => rule.check(ctx));
      if (!result.failed.includes(rule.id)) for (const f of found) place(rule.id, f);
    } else {
      runSafe(rule.id, () => {
        for (const c of rule.claims(claimContext)) {
          if (merges.length > 0 && inside(merges, c.span)) continue;
          const start = lines.position(c.span.start);
          const end = lines.position(c.span.end);
          const stored: StoredClaim = { rule: rule.id, group: groupOf(rule.id, c.key), uri: parsed.uri, sl: start.line, sc: start.character, el: end.line, ec: end.character, association: c.association };
          if (c.period.since !== undefined) stored.since = c.period.since;
          if (c.period.until !== undefined) stored.until = c.period.until;
          if (c.partnerId !== undefined) stored.partnerId = c.partnerId;
          if (c.side !== undefined) stored.side = c.side;
          if (c.note !== undefined) stored.note = detached(c.note);
          result.claims.push(stored);
        }
      });
    }
  }
  return result;
}

/** The `# assoc-disable-next-line` comments: which lines they silence, and a word on rule ids that do not exist. */
function silencedLines(parsed: ParsedRecord, place: (rule: string, f: { span: Span; message: string; fix?: Finding['fix']; severity?: Finding['severity'] }) => void): Array<[number, string[] | null]> {
  const out: Array<[number, string[] | null]> = [];
  for (const c of parsed.comments) {
    const m = DISABLE.exec(c.text.trim());
    if (!m) continue;
    const ids: string[] = [];
    let at = c.start + c.text.indexOf(m[1]);
    for (const part of m[1].split(/([\s,]+)/)) {
      const id = part.trim();
      if (id.length > 0 && !/^[\s,]+$/.test(part)) {
        if (id.startsWith('--') || id.startsWith('#')) break; // a description follows
        ids.push(id);
        if (!RULES_BY_ID.has(id)) {
          const near = closestMatches(id, RULE_IDS);
          place('config', {
            span: { start: at, end: at + part.length },
            message: `\`${id}\` is not a rule id, so this comment silences nothing by that name.${near.length > 0 ? ` Did you mean \`${near[0]}\`?` : ''}`,
            fix: near.length > 0 ? { kind: 'replace', candidates: near } : undefined,
            // Nothing else depends on it: a warning, not an error.
            severity: 'warning',
          });
        }
      }
      at += part.length;
    }
    out.push([parsed.lines.lineOf(c.start) + 1, ids.length > 0 ? ids : null]);
  }
  return out;
}

const LSP_SEVERITY: Record<'error' | 'warning' | 'info', DiagnosticSeverity> = { error: 1, warning: 2, info: 3 };

export interface DiagnosticOptions {
  /** Where rule pages live: the rule id and `.md` are appended. */
  docsBase?: string;
}

/** The findings that are reported, each with the severity it is reported at: none of a rule turned off, none on a silenced line. */
export function reported(analysis: FileAnalysis, findings: Finding[]): Array<{ finding: Finding; severity: Severity }> {
  const silenced = new Map(analysis.silenced);
  const out: Array<{ finding: Finding; severity: Severity }> = [];
  for (const f of findings) {
    const meta = RULES_BY_ID.get(f.rule);
    if (!meta) continue;
    const configured = severityOf(meta, analysis.config);
    if (configured === 'off') continue;
    const s = silenced.get(f.range.start.line);
    if (s === null || s?.includes(f.rule)) continue;
    out.push({ finding: f, severity: f.severity ?? configured });
  }
  return out;
}

/** Whether a finding is about an association: it says so, or it says nothing and lies within the association's range. */
export function findingAbout(a: { index: number; range: Range }, f: Finding): boolean {
  if (f.association !== undefined) return f.association === a.index;
  const r = a.range;
  const s = f.range.start;
  const after = s.line > r.start.line || (s.line === r.start.line && s.character >= r.start.character);
  const before = s.line < r.end.line || (s.line === r.end.line && s.character <= r.end.character);
  return after && before;
}

/**
 * The findings about each association, by its index, as findingAbout judges them and in the findings' order: one
 * pass over the findings and a binary search each, not a pass for every association (a record of 16,000
 * associations would take 16,000 of them). Associations are list items, so their ranges do not overlap.
 */
export function findingsByAssociation<T extends { finding: Finding }>(associations: ReadonlyArray<{ index: number; range: Range }>, findings: readonly T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  const add = (index: number, x: T) => {
    const list = out.get(index);
    if (list) list.push(x);
    else out.set(index, [x]);
  };
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  const sorted = [...associations].sort((x, y) => x.range.start.line - y.range.start.line || x.range.start.character - y.range.start.character);
  for (const x of findings) {
    const f = x.finding;
    if (f.association !== undefined) {
      add(f.association, x);
      continue;
    }
    // The last association that starts at or before the finding, and the one before it (their ends may touch).
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(sorted[mid].range.start, f.range.start)) lo = mid + 1;
      else hi = mid;
    }
    for (let i = Math.max(0, lo - 2); i < lo; i++) if (findingAbout(sorted[i], f)) add(sorted[i].index, x);
  }
  return out;
}

/**
 * What a reported finding takes from the credit of the association it is
 * about: the areas its rule withdraws, or every area for any other error (the
 * record is wrong there, so its credit cannot be vouched for). The code lens
 * and the coverage report both judge credit by this.
 */
export function creditTaken(f: Finding, severity: Severity): 'all' | readonly SolutionArea[] | undefined {
  return f.withdraws ?? (severity === 'error' ? 'all' : undefined);
}

/** The LSP form of related information, made once for each and kept on it (a claim's is shared by the findings that name it); under a symbol, which neither JSON nor a copy between threads carries. */
const LSP = Symbol('lsp form');
function relatedInformation(r: RelatedInfo & { [LSP]?: DiagnosticRelatedInformation }): DiagnosticRelatedInformation {
  return (r[LSP] ??= { location: { uri: r.uri, range: r.range }, message: r.message });
}

/** Findings to LSP diagnostics: configured severity, silenced lines dropped, rule id as code. */
export function toDiagnostics(analysis: FileAnalysis, findings: Finding[], options: DiagnosticOptions = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { finding: f, severity: sev } of reported(analysis, findings)) {
    const d: Diagnostic = { range: f.range, severity: LSP_SEVERITY[sev], code: f.rule, source: 'assoc', message: f.message };
    if (options.docsBase) d.codeDescription = { href: `${options.docsBase}${f.rule}.md` };
    if (f.related && f.related.length > 0) d.relatedInformation = f.related.map(relatedInformation);
    if (f.fix) d.data = f.fix;
    out.push(d);
  }
  out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return out;
}
