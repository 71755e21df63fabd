// The one door into the language service. It does no I/O: the host (the
// language server, the CLI) reads files and settings and hands them in. Every
// feature takes LSP positions and gives LSP ranges.
import type { CodeAction, CodeLens, CompletionItem, Diagnostic, DocumentLink, DocumentSymbol, Hover, InlayHint, Location, Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { Workspace, type WorkspaceOptions } from './workspace';
import { parseRecord, type ParsedRecord } from './parse';
import { reported, type FileAnalysis } from './validate';
import { hover } from './hover';
import { complete, type CompletionOptions } from './completion';
import { codeLenses, documentSymbols } from './symbols';
import { definition, references, renameSpans, renameTarget } from './navigation';
import { documentLinks, inlayHints } from './links';
import { formatEdits, type FormatOptions } from './format';
import { configCompletion, configHover } from './config-features';
import { scalarText } from './fixes/edit';
import { candidates, isFixHint, type FixCandidate } from './fixes';
import { applyEdits, fixProblem } from './fixes/verify';
import { configDiagnostics } from './config';
import { replace } from './fixes/replace';
import type { Edition, Finding } from './types';

export type AssocServiceOptions = WorkspaceOptions;

export interface CodeActionOptions {
  /** Texts of closed records a cross-file fix may edit, by URI (the host reads them). */
  texts?: ReadonlyMap<string, string>;
  /** Every candidate, each with why it was not offered (for tests and `--fix` reports). */
  explain?: (candidate: FixCandidate, problem: string | undefined) => void;
}

export interface AssocService {
  /** An open document: analysed and its parse kept for the editor features. */
  open(uri: string, text: string, version: number): Set<string>;
  /** A closed record from disk; `track: false` while loading many at once. */
  load(uri: string, text: string, options?: { track?: boolean }): Set<string>;
  /** A record too large to check. */
  loadOversized(uri: string, bytes: number): Set<string>;
  /** An analysis made elsewhere (a worker thread). */
  loadAnalysis(analysis: FileAnalysis, options?: { track?: boolean }): Set<string>;
  /** The document was closed in the editor: its parse is no longer kept. */
  close(uri: string): void;
  remove(uri: string): Set<string>;
  has(uri: string): boolean;
  uris(): string[];
  /** After the configuration changed: returns the closed files to read again. */
  reconfigure(): string[];

  diagnostics(uri: string): Diagnostic[];
  /** Every finding of a file, its own and the cross-file ones, before severities and silencing. */
  findings(uri: string): Finding[];
  analysis(uri: string): FileAnalysis | undefined;
  edition(uri: string): Edition | undefined;

  hover(uri: string, position: Position): Hover | null;
  completion(uri: string, position: Position, options?: CompletionOptions): CompletionItem[];
  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], options?: CodeActionOptions): CodeAction[];
  documentSymbols(uri: string): DocumentSymbol[];
  definition(uri: string, position: Position): Location[];
  references(uri: string, position: Position, includeDeclaration: boolean): Location[];
  codeLenses(uri: string): CodeLens[];
  /** The range and name that a rename at a position would change; null where nothing can be renamed. */
  prepareRename(uri: string, position: Position): { range: Range; placeholder: string } | null;
  /** Renames a subscription name or an agreement id everywhere the file names it; throws with a reason when it cannot. */
  rename(uri: string, position: Position, newName: string): WorkspaceEdit;
  documentLinks(uri: string): DocumentLink[];
  inlayHints(uri: string, range?: Range): InlayHint[];
  /** Formatting edits, for the whole record or the lines of a range. */
  format(uri: string, options?: FormatOptions, range?: Range): TextEdit[];
  configCompletion(text: string, position: Position): CompletionItem[];
  configHover(text: string, position: Position): Hover | null;

  /** `.assocrc.yaml`: its problems, and fixes for them. */
  configDiagnostics(text: string): Diagnostic[];
  configCodeActions(uri: string, text: string, diagnostics: Diagnostic[]): CodeAction[];
}

/** The same diagnostic, as far as a fix elsewhere can tell: its rule and its message. */
function sameDiagnostic(x: Diagnostic, d: Diagnostic): boolean {
  return x.code === d.code && x.message === d.message;
}

export function createAssocService(options: AssocServiceOptions = {}): AssocService {
  const ws = new Workspace(options);
  const parsedOf = (uri: string): ParsedRecord | undefined => ws.get(uri)?.parsed;

  function withParsed<T>(uri: string, empty: T, f: (parsed: ParsedRecord, analysis: FileAnalysis) => T): T {
    const a = ws.get(uri);
    return a?.parsed ? f(a.parsed, a) : empty;
  }

  /**
   * Tries a candidate fix; undefined when it holds, else why not. `before`
   * gives a file's diagnostics as they stand and `standing` how many like `d`
   * its own file has: the same for every candidate, so worked out once.
   */
  function tryFix(
    uri: string,
    d: Diagnostic,
    fix: FixCandidate,
    lookup: (u: string) => ParsedRecord | undefined,
    before: (u: string, text: string) => Diagnostic[],
    standing: () => number,
  ): string | undefined {
    const target = lookup(fix.uri);
    if (!target) return 'the file it edits is not at hand';
    const afterText = applyEdits(target.text, fix.edits);
    const after = ws.diagnosticsWith(fix.uri, afterText);
    const problem = fixProblem(
      { beforeLines: target.lines, afterText, edits: fix.edits, beforeComments: target.comments, afterComments: after.parsed.comments, before: before(fix.uri, target.text), after: after.diagnostics },
      fix.uri === uri ? d : undefined,
    );
    if (problem || fix.uri === uri) return problem;
    // A fix in another file must clear the diagnostic here.
    const here = ws.index.withClaims(fix.uri, after.analysis.claims, () => ws.diagnostics(uri));
    return here.filter((x) => sameDiagnostic(x, d)).length < standing() ? undefined : 'the diagnostic is still there';
  }

  function toAction(fix: FixCandidate, d: Diagnostic, lookup: (u: string) => ParsedRecord | undefined): CodeAction {
    const target = lookup(fix.uri)!;
    const edits: TextEdit[] = fix.edits.map((e) => ({ range: target.lines.range(e.start, e.end), newText: e.newText }));
    const action: CodeAction = { title: fix.title, kind: 'quickfix', diagnostics: [d], isPreferred: fix.preferred || undefined, edit: { changes: { [fix.uri]: edits } } };
    // `--fix` applies only what is marked safe, and only where it is the one fix offered.
    if (fix.safe) action.data = { safe: true };
    return action;
  }

  return {
    open: (uri, text, version) => ws.set(uri, text, version, { keep: true }),
    load: (uri, text, o) => ws.set(uri, text, -1, { track: o?.track ?? true }),
    loadOversized: (uri, bytes) => ws.setOversized(uri, bytes, -1),
    loadAnalysis: (analysis, o) => ws.setAnalysis(analysis, o?.track ?? true),
    close: (uri) => ws.drop(uri),
    remove: (uri) => ws.delete(uri),
    has: (uri) => ws.has(uri),
    uris: () => ws.uris(),
    reconfigure: () => ws.reconfigure(),

    diagnostics: (uri) => ws.diagnostics(uri),
    findings: (uri) => ws.findings(uri),
    analysis: (uri) => ws.get(uri),
    edition: (uri) => ws.get(uri)?.edition,

    hover: (uri, position) => withParsed(uri, null, (parsed, a) => hover(parsed, parsed.lines.offset(position), a.edition)),
    completion: (uri, position, o) => withParsed(uri, [], (parsed, a) => complete(parsed, position, a.edition, o)),
    documentSymbols: (uri) => withParsed(uri, [], (parsed) => documentSymbols(parsed)),
    definition: (uri, position) => withParsed(uri, [], (parsed) => definition(parsed, parsed.lines.offset(position))),
    references: (uri, position, includeDeclaration) => withParsed(uri, [], (parsed) => references(parsed, parsed.lines.offset(position), includeDeclaration)),
    codeLenses: (uri) => withParsed(uri, [], (parsed, a) => codeLenses(parsed, a.edition, reported(a, ws.findings(uri)))),
    prepareRename: (uri, position) =>
      withParsed(uri, null, (parsed) => {
        const t = renameTarget(parsed, parsed.lines.offset(position));
        return t ? { range: parsed.lines.range(t.span.start, t.span.end), placeholder: t.name } : null;
      }),
    rename: (uri, position, newName) =>
      withParsed<WorkspaceEdit>(uri, { changes: {} }, (parsed) => {
        const spans = renameSpans(parsed, parsed.lines.offset(position), newName);
        const edits = spans.map((s) => ({ range: parsed.lines.range(s.start, s.end), newText: scalarText(newName, parsed.text.slice(s.start, s.end)) }));
        return { changes: { [uri]: edits } };
      }),
    documentLinks: (uri) => withParsed(uri, [], (parsed) => documentLinks(parsed)),
    inlayHints: (uri, range) =>
      withParsed(uri, [], (parsed) => {
        const inRange = (l: number) => !range || (l >= range.start.line && l <= range.end.line);
        return inlayHints(parsed).filter((h) => inRange(h.position.line));
      }),
    format: (uri, o, range) => withParsed(uri, [], (parsed) => formatEdits(parsed, o, range ? [range.start.line, range.end.line] : undefined)),
    configCompletion: (text, position) => configCompletion(text, position, options.docsBase),
    configHover: (text, position) => configHover(text, position, options.docsBase),

    codeActions(uri, _range, diagnostics, o = {}) {
      return withParsed(uri, [], (parsed, a) => {
        const others = new Map<string, ParsedRecord>();
        const lookup = (u: string): ParsedRecord | undefined => {
          if (u === uri) return parsed;
          const known = parsedOf(u) ?? others.get(u);
          if (known) return known;
          const text = o.texts?.get(u);
          if (text === undefined) return undefined;
          const p = parseRecord(u, text);
          others.set(u, p);
          return p;
        };
        // A file's diagnostics before any fix: the workspace's, or those of a closed file's text.
        const known = new Map<string, Diagnostic[]>();
        const before = (u: string, text: string): Diagnostic[] => {
          let ds = known.get(u);
          if (!ds) known.set(u, (ds = ws.has(u) ? ws.diagnostics(u) : ws.diagnosticsWith(u, text).diagnostics));
          return ds;
        };
        const out: CodeAction[] = [];
        for (const d of diagnostics) {
          if (d.source !== 'assoc' || !isFixHint(d.data)) continue;
          let count: number | undefined;
          const standing = () => (count ??= before(uri, parsed.text).filter((x) => sameDiagnostic(x, d)).length);
          for (const fix of candidates({ parsed, diagnostic: d, hint: d.data, edition: a.edition, lookup })) {
            const problem = tryFix(uri, d, fix, lookup, before, standing);
            o.explain?.(fix, problem);
            if (!problem) out.push(toAction(fix, d, lookup));
          }
        }
        return out;
      });
    },

    configDiagnostics: (text) => configDiagnostics(text, options.docsBase),
    configCodeActions(uri, text, diagnostics) {
      const parsed = parseRecord(uri, text, 0, { model: false });
      let standing: number | undefined;
      const out: CodeAction[] = [];
      for (const d of diagnostics) {
        if (d.code !== 'config' || !isFixHint(d.data) || d.data.kind !== 'replace') continue;
        const hint = d.data;
        for (const fix of replace({ parsed, diagnostic: d, hint, edition: '', lookup: () => undefined })) {
          const after = configDiagnostics(applyEdits(text, fix.edits));
          if (after.length < diagnostics.length || after.length < (standing ??= configDiagnostics(text).length)) out.push(toAction(fix, d, () => parsed));
        }
      }
      return out;
    },
  };
}
