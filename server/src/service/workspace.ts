import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { RULES, type Claim, type WorkspaceRule } from './rules';
import { analyzeFile, toDiagnostics, type DiagnosticOptions, type FileAnalysis } from './validate';
import { parseRecord, type ParsedRecord } from './parse';
import { dayBefore } from './dates';
import { emptyConfig, type AssocConfig } from './config';
import type { Edition, Finding } from './types';

const WORKSPACE_RULES = RULES.filter((r): r is WorkspaceRule => r.scope === 'workspace');
const BY_ID = new Map(WORKSPACE_RULES.map((r) => [r.id, r]));

/**
 * The claims of every record file, grouped by rule and key. Updated by
 * difference: replacing one file touches only that file's groups.
 */
export class ClaimIndex {
  private byUri = new Map<string, Map<string, Claim[]>>();
  private groups = new Map<string, Set<Claim>>();

  private static groupKey(rule: string, key: string): string {
    return `${rule}\u0000${key}`;
  }

  /** Sets a file's claims; returns every file whose cross-file findings may have changed. */
  set(uri: string, claims: Map<string, Claim[]>): Set<string> {
    const affected = this.remove(uri);
    this.byUri.set(uri, claims);
    for (const [rule, list] of claims) {
      for (const c of list) {
        const gk = ClaimIndex.groupKey(rule, c.key);
        let g = this.groups.get(gk);
        if (!g) this.groups.set(gk, (g = new Set()));
        for (const other of g) affected.add(other.uri);
        g.add(c);
      }
    }
    affected.add(uri);
    return affected;
  }

  remove(uri: string): Set<string> {
    const affected = new Set<string>();
    const old = this.byUri.get(uri);
    if (!old) return affected;
    this.byUri.delete(uri);
    for (const [rule, list] of old) {
      for (const c of list) {
        const gk = ClaimIndex.groupKey(rule, c.key);
        const g = this.groups.get(gk);
        if (!g) continue;
        g.delete(c);
        for (const other of g) affected.add(other.uri);
        if (g.size === 0) this.groups.delete(gk);
      }
    }
    affected.add(uri);
    return affected;
  }

  has(uri: string): boolean {
    return this.byUri.has(uri);
  }

  /** The cross-file findings of one file. */
  findings(uri: string): Finding[] {
    const claims = this.byUri.get(uri);
    if (!claims) return [];
    const merged = new Map<string, Finding>();
    for (const [ruleId, list] of claims) {
      const rule = BY_ID.get(ruleId);
      if (!rule) continue;
      for (const c of list) {
        if (rule.reports && !rule.reports(c)) continue;
        const group = this.groups.get(ClaimIndex.groupKey(ruleId, c.key));
        if (!group) continue;
        const others: Claim[] = [];
        for (const o of group) if (o !== c && rule.conflicts(c, o)) others.push(o);
        if (others.length === 0) continue;
        const at = `${ruleId}@${c.range.start.line}:${c.range.start.character}`;
        const related = others.map((o) => ({ uri: o.uri, range: o.range, message: o.label }));
        const existing = merged.get(at);
        if (existing) {
          // The same other record met through a second key is named once.
          const where = (r: { uri: string; range: Range }) => `${r.uri}#${r.range.start.line}:${r.range.start.character}`;
          const named = new Set((existing.related ?? []).map(where));
          existing.related = [...(existing.related ?? []), ...related.filter((r) => !named.has(where(r)))];
          continue;
        }
        const finding: Finding = { rule: ruleId, range: c.range, message: rule.message(c, others), related };
        if (rule.endable) {
          const later = others
            .map((o) => o.since)
            .filter((s): s is string => s !== undefined && (c.since === undefined || s > c.since))
            .sort()[0];
          if (later) finding.fix = { kind: 'end-before', until: dayBefore(later) };
          else if (c.since) {
            // This is the later one: offer to end an earlier one that is still open when this starts.
            const earlier = others.find((o) => o.since === undefined || o.since < c.since!);
            if (earlier) finding.fix = { kind: 'end-other', until: dayBefore(c.since), uri: earlier.uri, range: earlier.range, label: earlier.label };
          }
        }
        merged.set(at, finding);
      }
    }
    return [...merged.values()];
  }
}

export interface ProjectOptions extends DiagnosticOptions {
  /** The configuration that applies to a file. */
  configFor?: (uri: string) => AssocConfig;
  /** An edition that overrides files and configuration (the CLI's --program). */
  program?: Edition;
}

/**
 * A set of record files checked together: parse once per version, local
 * findings per file, cross-file findings through the claim index.
 */
export class Project {
  private files = new Map<string, FileAnalysis>();
  readonly index = new ClaimIndex();

  constructor(private readonly options: ProjectOptions = {}) {}

  /** Adds or replaces a file; returns every file whose diagnostics may have changed. */
  set(uri: string, text: string, version = 0): Set<string> {
    const current = this.files.get(uri);
    if (current && current.parsed.version === version && current.parsed.text === text) return new Set();
    return this.analyze(uri, parseRecord(uri, text, version));
  }

  private analyze(uri: string, parsed: ParsedRecord): Set<string> {
    const config = this.options.configFor?.(uri) ?? emptyConfig();
    const analysis = analyzeFile(parsed, config, this.options.program);
    this.files.set(uri, analysis);
    return this.index.set(uri, analysis.claims);
  }

  delete(uri: string): Set<string> {
    this.files.delete(uri);
    const affected = this.index.remove(uri);
    affected.delete(uri);
    return affected;
  }

  get(uri: string): FileAnalysis | undefined {
    return this.files.get(uri);
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  /** Checks every file again under its configuration now (after `.assocrc.yaml` or the settings change); nothing is parsed again. */
  reconfigure(): void {
    for (const [uri, a] of [...this.files]) this.analyze(uri, a.parsed);
  }

  findings(uri: string): Finding[] {
    const a = this.files.get(uri);
    if (!a) return [];
    return [...a.local, ...this.index.findings(uri)];
  }

  diagnostics(uri: string): Diagnostic[] {
    const a = this.files.get(uri);
    if (!a) return [];
    return toDiagnostics(a.parsed, a.config, this.findings(uri), this.options);
  }
}
