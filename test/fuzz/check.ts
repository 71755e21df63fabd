// What must hold for any input: no exception, every range inside the
// document under the LSP line model, the same answer twice, the same answer
// from the fast parser as from the full one and for LF, CRLF or CR line ends,
// each case under a second, and every quick fix clearing the bar.
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import type { CodeAction, Diagnostic, Position, Range } from 'vscode-languageserver-types';
import { createAssocService, type AssocService } from '../../server/src/service/service';
import { fixFails, linesOf } from '../oracle';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseRecord } from '../../server/src/service/parse';
import { toJson } from '../../server/src/service/schema';
import { withLineEnds, type Case } from './cases';

export const URI = 'file:///ws/fuzz.assoc.yaml';
const LIMIT_MS = 1000;

export class CaseFailure extends Error {}

function fail(message: string): never {
  throw new CaseFailure(message);
}

function contentLengths(text: string): number[] {
  return linesOf(text).map((l) => l.replace(/\r\n|\r|\n$/, '').length);
}

function inside(lengths: number[], p: Position): boolean {
  return Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.line < lengths.length && p.character >= 0 && p.character <= lengths[p.line];
}

function checkRange(lengths: number[], r: Range | undefined, what: string): void {
  if (!r) return;
  if (!inside(lengths, r.start) || !inside(lengths, r.end)) fail(`${what}: range ${JSON.stringify(r)} lies outside the document`);
  if (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character)) fail(`${what}: range ${JSON.stringify(r)} ends before it starts`);
}

function within(outer: Range, inner: Range): boolean {
  const le = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}

function open(text: string, fullParse = false): AssocService {
  const svc = createAssocService({ fullParse });
  svc.open(URI, text, 1);
  return svc;
}

/** Every feature's answer for a text, at the case's positions. */
function answers(svc: AssocService, positions: Position[]) {
  const diagnostics = svc.diagnostics(URI);
  return {
    diagnostics,
    symbols: svc.documentSymbols(URI),
    lenses: svc.codeLenses(URI),
    at: positions.map((p) => ({
      hover: svc.hover(URI, p),
      completion: svc.completion(URI, p),
      definition: svc.definition(URI, p),
      references: svc.references(URI, p, true),
    })),
    actions: svc.codeActions(URI, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, diagnostics),
  };
}

const strip = (ds: Diagnostic[]) => ds.map((d) => ({ range: d.range, code: d.code, message: d.message, severity: d.severity }));

/** Checks one case; throws CaseFailure with what went wrong. */
export function checkCase(c: Case, options: { fixes?: boolean } = {}): void {
  const started = performance.now();
  let svc: AssocService;
  let got: ReturnType<typeof answers>;
  try {
    svc = open(c.text);
    got = answers(svc, c.positions);
  } catch (e) {
    fail(`an exception: ${(e as Error).stack ?? String(e)}`);
  }
  const took = performance.now() - started;
  if (took > LIMIT_MS) fail(`took ${Math.round(took)} ms`);

  const lengths = contentLengths(c.text);
  for (const d of got.diagnostics) {
    checkRange(lengths, d.range, `diagnostic ${d.code}`);
    for (const r of d.relatedInformation ?? []) if (r.location.uri === URI) checkRange(lengths, r.location.range, `related information of ${d.code}`);
  }
  for (const s of got.symbols) {
    checkRange(lengths, s.range, `symbol ${s.name}`);
    checkRange(lengths, s.selectionRange, `symbol ${s.name}`);
    if (!within(s.range, s.selectionRange)) fail(`symbol ${s.name}: selectionRange outside its range`);
  }
  for (const l of got.lenses) checkRange(lengths, l.range, 'code lens');
  for (const a of got.at) {
    checkRange(lengths, a.hover?.range, 'hover');
    for (const l of [...a.definition, ...a.references]) checkRange(lengths, l.range, 'location');
    for (const i of a.completion) if (i.textEdit && 'range' in i.textEdit) checkRange(lengths, i.textEdit.range, 'completion edit');
  }
  for (const action of got.actions) for (const e of action.edit?.changes?.[URI] ?? []) checkRange(lengths, e.range, `fix '${action.title}'`);

  // The same answer twice, and from the full parser.
  if (!isDeepStrictEqual(answers(open(c.text), c.positions), got)) fail('a second run answered differently');
  const full = answers(open(c.text, true), c.positions);
  if (!isDeepStrictEqual(strip(full.diagnostics), strip(got.diagnostics))) fail(`the full parser finds other diagnostics:\nfast: ${JSON.stringify(strip(got.diagnostics))}\nfull: ${JSON.stringify(strip(full.diagnostics))}`);
  if (!isDeepStrictEqual(full.symbols, got.symbols) || !isDeepStrictEqual(full.at, got.at)) fail('the full parser answers features differently');

  // LF, CRLF and a lone CR: the same lines, so the same diagnostics at the same places.
  const lf = strip(open(withLineEnds(c.text, '\n')).diagnostics(URI));
  for (const eol of ['\r\n', '\r'] as const) {
    const other = strip(open(withLineEnds(c.text, eol)).diagnostics(URI));
    if (!isDeepStrictEqual(other, lf)) fail(`with ${JSON.stringify(eol)} line ends the diagnostics differ:\nLF: ${JSON.stringify(lf)}\n${JSON.stringify(eol)}: ${JSON.stringify(other)}`);
  }

  if (options.fixes !== false) checkFixes(c.text, got.diagnostics, got.actions);
  checkFormat(svc, c.text);
}

/** Formatting keeps every value and comment, and formatting again changes nothing. */
function checkFormat(svc: AssocService, text: string): void {
  for (const sortKeys of [false, true]) {
    const edits = svc.format(URI, { sortKeys });
    if (edits.length === 0) continue;
    const lengths = contentLengths(text);
    for (const e of edits) checkRange(lengths, e.range, 'format edit');
    const once = TextDocument.applyEdits(TextDocument.create(URI, 'assoc-yaml', 1, text), edits);
    const a = parseRecord(URI, text);
    const b = parseRecord(URI, once);
    if (!isDeepStrictEqual(toJson(a.root), toJson(b.root))) fail(`formatting changed a value:\n${once}`);
    if (!isDeepStrictEqual(b.comments.map((x) => x.text).sort(), a.comments.map((x) => x.text).sort())) fail(`formatting lost a comment:\n${once}`);
    if (open(once).format(URI, { sortKeys }).length > 0) fail(`formatting twice is not formatting once:\n${once}`);
  }
}

function checkFixes(text: string, diagnostics: Diagnostic[], actions: CodeAction[]): void {
  const files = new Map([[URI, text]]);
  for (const action of actions) {
    const d = action.diagnostics?.[0] ?? diagnostics[0];
    const why = fixFails(files, URI, d, action);
    if (why) fail(`the fix '${action.title}' for ${d.code}: ${why}`);
  }
}
