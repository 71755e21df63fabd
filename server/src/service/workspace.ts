import type { Diagnostic } from 'vscode-languageserver-types';
import { ClaimIndex } from './claims';
import { analyzeFile, toDiagnostics, type DiagnosticOptions, type FileAnalysis } from './validate';
import { normalizeLineEnds, oversized, parseRecord, type ParsedRecord } from './parse';
import { emptyConfig, type AssocConfig } from './config';
import { unpackClaims } from './packed';
import type { Edition, Finding } from './types';

export interface WorkspaceOptions extends DiagnosticOptions {
  /** The configuration that applies to a file. */
  configFor?: (uri: string) => AssocConfig;
  /** An edition that overrides files and configuration (the CLI's --program). */
  program?: Edition;
  /** Read every file with the full parser (to hold the fast path to its result). */
  fullParse?: boolean;
}

export interface SetOptions {
  /** Keep the parse for editor features (an open file); a closed file keeps only its findings and claims. */
  keep?: boolean;
  /** Say which other files this changes (off while loading many files at once). */
  track?: boolean;
}

/**
 * A set of record files checked together: each parsed once per version, its
 * own findings kept, and cross-file findings through the claim index.
 */
export class Workspace {
  private files = new Map<string, FileAnalysis>();
  readonly index = new ClaimIndex();

  constructor(readonly options: WorkspaceOptions = {}) {}

  configFor(uri: string): AssocConfig {
    return this.options.configFor?.(uri) ?? emptyConfig();
  }

  /** Adds or replaces a file; returns it and every other file whose diagnostics may have changed. */
  set(uri: string, text: string, version = 0, options: SetOptions = {}): Set<string> {
    const current = this.files.get(uri);
    if (current && current.version === version && current.parsed?.text === normalizeLineEnds(text)) return new Set();
    // An open file's previous parse lets an edit be read again only where it can change anything.
    const parsed = parseRecord(uri, text, version, { fullOnly: this.options.fullParse, previous: options.keep ? current?.parsed : undefined });
    const analysis = analyzeFile(parsed, this.configFor(uri), this.options.program);
    if (options.keep) analysis.parsed = parsed;
    return this.setAnalysis(analysis, options.track ?? true);
  }

  /** A file too large to check: one diagnostic from its size. */
  setOversized(uri: string, bytes: number, version = 0): Set<string> {
    return this.setAnalysis(analyzeFile(oversized(uri, bytes, version), this.configFor(uri), this.options.program));
  }

  /** Each file's URI, held once for the file and all its claims. */
  private strings = new Map<string, string>();

  private intern(s: string): string {
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    this.strings.set(s, s);
    return s;
  }

  /**
   * Each claim names its file: with one string for them all. An analysis
   * that crossed a thread arrives packed, and is unpacked here.
   */
  private compact(analysis: FileAnalysis): void {
    const uri = this.intern(analysis.uri);
    analysis.uri = uri;
    if (analysis.packed) {
      analysis.claims = unpackClaims(analysis.packed, uri);
      analysis.packed = undefined;
      return;
    }
    for (const c of analysis.claims) c.uri = uri;
  }

  /** Adds an analysis made elsewhere (a worker thread, a cache). */
  setAnalysis(analysis: FileAnalysis, track = true): Set<string> {
    this.compact(analysis);
    this.files.set(analysis.uri, analysis);
    const affected = this.index.set(analysis.uri, analysis.claims, track);
    affected.add(analysis.uri);
    return affected;
  }

  /** Drops the parse of a file (it was closed in the editor): its findings and claims stay. */
  drop(uri: string): void {
    const a = this.files.get(uri);
    if (a) a.parsed = undefined;
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

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  /**
   * After the configuration changed: files whose parse is kept are analysed
   * again here; the others are returned, to be read again.
   */
  reconfigure(): string[] {
    const reread: string[] = [];
    for (const [uri, a] of [...this.files]) {
      if (a.parsed) {
        const analysis = analyzeFile(a.parsed, this.configFor(uri), this.options.program);
        analysis.parsed = a.parsed;
        // Every file is published again after a change of configuration: which ones changed is not asked.
        this.setAnalysis(analysis, false);
      } else reread.push(uri);
    }
    return reread;
  }

  findings(uri: string): Finding[] {
    const a = this.files.get(uri);
    if (!a) return [];
    return [...a.local, ...this.index.findings(uri)];
  }

  diagnostics(uri: string): Diagnostic[] {
    const a = this.files.get(uri);
    if (!a) return [];
    return toDiagnostics(a, this.findings(uri), this.options);
  }

  /**
   * The diagnostics a file would have with another text (a quick fix being
   * tried), the workspace otherwise as it is; with the parse and the analysis
   * they come from, none of them added to the workspace.
   */
  diagnosticsWith(uri: string, text: string): { parsed: ParsedRecord; analysis: FileAnalysis; diagnostics: Diagnostic[] } {
    const parsed = parseRecord(uri, text, 0, { fullOnly: this.options.fullParse });
    const analysis = analyzeFile(parsed, this.configFor(uri), this.options.program);
    const cross = this.index.withClaims(uri, analysis.claims, () => this.index.findings(uri));
    return { parsed, analysis, diagnostics: toDiagnostics(analysis, [...analysis.local, ...cross], this.options) };
  }
}
