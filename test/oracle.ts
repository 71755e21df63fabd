// The bar a quick fix must clear, written apart from the service's own check
// so that the tests do not take its word: the YAML still parses; every line
// outside the edit is byte-identical; no comment is lost except on lines the
// fix removes on purpose; the fixed diagnostic is gone; no diagnostic of any
// rule is added, except an empty value the fix leaves for the user to fill in.
import { Lexer } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { createAssocService } from '../server/src/service/service';
import type { AssocConfig } from '../server/src/service/config';

const CROSS_FILE = new Set(['dpor-one-per-subscription', 'cpor-one-per-workload', 'tpor-one-per-agreement', 'tpor-not-dpor', 'customer-duplicate']);
const FILL_IN = /not nothing|must not be empty|needs at least one entry/;

/** Lines with their line breaks, as LSP counts them. */
export function linesOf(text: string): string[] {
  const parts = text.split(/(\r\n|\r|\n)/);
  const out: string[] = [];
  for (let i = 0; i < parts.length; i += 2) out.push(parts[i] + (parts[i + 1] ?? ''));
  return out;
}

function commentsOf(text: string): Array<{ line: number; text: string }> {
  const out: Array<{ line: number; text: string }> = [];
  let offset = 0;
  const norm = text.replace(/\r(?!\n)/g, '\n');
  for (const tok of new Lexer().lex(norm)) {
    if (tok === '\x02' || tok === '\x18' || tok === '\x1f') continue;
    if (tok.startsWith('#')) out.push({ line: (norm.slice(0, offset).match(/\n/g) ?? []).length, text: tok });
    offset += tok.length;
  }
  return out;
}

export function diagnosticsOf(files: Map<string, string>, config: AssocConfig = { rules: {} }): Map<string, Diagnostic[]> {
  const svc = createAssocService({ configFor: () => config });
  for (const [uri, text] of files) svc.load(uri, text);
  return new Map([...files.keys()].map((u) => [u, svc.diagnostics(u)]));
}

/** Why a code action fails the bar, or undefined. */
export function fixFails(files: Map<string, string>, uri: string, d: Diagnostic, action: CodeAction, config?: AssocConfig): string | undefined {
  const changes = Object.entries(action.edit?.changes ?? {});
  if (changes.length !== 1 || changes[0][1].length === 0) return 'it must edit exactly one file';
  const [target, edits] = changes[0] as [string, TextEdit[]];
  const before = files.get(target);
  if (before === undefined) return `it edits a file not in the workspace: ${target}`;
  const after = TextDocument.applyEdits(TextDocument.create(target, 'assoc-yaml', 1, before), edits);
  const beforeDiags = diagnosticsOf(files, config);
  const afterFiles = new Map(files);
  afterFiles.set(target, after);
  const afterDiags = diagnosticsOf(afterFiles, config);

  const syntax = (ds: Diagnostic[] | undefined) => (ds ?? []).filter((x) => x.code === 'yaml-syntax').length;
  if (syntax(afterDiags.get(target)) > syntax(beforeDiags.get(target))) return 'the YAML no longer parses';

  // Lines outside the edit: the same bytes, before it and after it.
  const a = linesOf(before);
  const b = linesOf(after);
  const first = Math.min(...edits.map((e) => e.range.start.line));
  const last = Math.max(...edits.map((e) => e.range.end.line));
  for (let i = 0; i < first; i++) if (a[i] !== b[i]) return `line ${i + 1}, before the edit, changed`;
  const tail = a.length - 1 - last;
  for (let k = 1; k <= tail; k++) if (a[a.length - k] !== b[b.length - k]) return `line ${a.length - k + 1}, after the edit, changed`;

  // Comments: kept, except on lines the fix removes whole.
  // A line is removed whole when an edit that writes nothing takes all of it and a line break beside it: the
  // one after, the one before, or none at the end of the text.
  const removed = new Set<number>();
  for (const e of edits) {
    if (e.newText !== '') continue;
    const { start, end } = e.range;
    for (let l = start.line; l <= end.line; l++) {
      const fromStart = start.line < l || start.character === 0;
      const toEnd = end.line > l || end.character >= a[l].replace(/(\r\n|\r|\n)$/, '').length;
      if (fromStart && toEnd && (start.line < l || end.line > l || l === a.length - 1)) removed.add(l);
    }
  }
  const now = commentsOf(after).map((c) => c.text);
  for (const c of commentsOf(before)) {
    if (removed.has(c.line)) continue;
    const i = now.indexOf(c.text);
    if (i < 0) return `the comment ${c.text} is lost`;
    now.splice(i, 1);
  }

  const same = (x: Diagnostic) => x.code === d.code && x.message === d.message;
  if ((afterDiags.get(uri) ?? []).filter(same).length >= (beforeDiags.get(uri) ?? []).filter(same).length) return 'the diagnostic is still there';

  // Written lines: where an empty value left to fill in may be reported.
  const written = edits.map((e) => [e.range.start.line, e.range.start.line + (e.newText.match(/\r\n|\r|\n/g) ?? []).length]);
  for (const [u, ds] of afterDiags) {
    const old = beforeDiags.get(u) ?? [];
    const fillIn = (x: Diagnostic) => u === target && FILL_IN.test(String(x.message)) && written.some(([s, t]) => x.range.start.line >= s && x.range.start.line <= t);
    const count = (list: Diagnostic[], code: unknown) => list.filter((x) => x.code === code && !fillIn(x)).length;
    for (const x of ds) {
      if (fillIn(x)) continue;
      if (count(ds, x.code) > count(old, x.code)) return `it adds a ${x.code} diagnostic in ${u}: ${x.message}`;
      if (!CROSS_FILE.has(String(x.code)) && !old.some((o) => o.code === x.code && o.message === x.message)) return `it adds a ${x.code} diagnostic in ${u}: ${x.message}`;
    }
  }
  return undefined;
}
