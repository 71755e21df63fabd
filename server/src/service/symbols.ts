import { SymbolKind, type CodeLens, type DocumentSymbol, type Range } from 'vscode-languageserver-types';
import type { ParsedRecord } from './parse';
import { associationTarget } from './model';
import { SOLUTION_AREA_TITLES, eligibleAreas } from './editions';
import { creditTaken, findingsByAssociation } from './validate';
import type { AssociationModel, Edition, Finding, Severity, SolutionArea, Span } from './types';

function associationName(a: AssociationModel): string {
  const what = associationTarget(a);
  return [a.rawType?.value ?? 'association', a.partnerId?.value, what ? `→ ${what}` : undefined].filter(Boolean).join(' ');
}

/** A name for the outline: its first line, for a block scalar. */
function oneLine(s: string): string {
  return s.trim().split(/\r\n|\r|\n/)[0];
}

/** The outline: customer, agreements, subscriptions and associations, in the order they are written. */
export function documentSymbols(parsed: ParsedRecord): DocumentSymbol[] {
  const r = parsed.model;
  if (!r) return [];
  const lines = parsed.lines;
  const out: DocumentSymbol[] = [];
  // The selection lies inside the symbol's range, whatever an alias makes of the name's place.
  const symbol = (name: string, fallback: string, detail: string | undefined, kind: SymbolKind, span: Span, selection: Span): DocumentSymbol => {
    const range: Range = lines.range(span.start, span.end);
    const inside = selection.start >= span.start && selection.end <= span.end;
    return { name: oneLine(name) || fallback, detail, kind, range, selectionRange: inside ? lines.range(selection.start, selection.end) : range };
  };
  if (r.customer) out.push(symbol(r.customer.name?.value ?? 'customer', 'customer', r.customer.tenantId?.value, SymbolKind.Namespace, r.customer.span, r.customer.name?.span ?? r.customer.anchor));
  for (const a of r.agreements) out.push(symbol(a.id?.value ?? 'agreement', 'agreement', a.kind?.value, SymbolKind.Struct, a.span, a.id?.span ?? a.anchor));
  for (const s of r.subscriptions) {
    const detail = [s.product?.value, s.licensing?.value].filter(Boolean).join(', ');
    out.push(symbol(s.name?.value ?? s.id?.value ?? 'subscription', 'subscription', detail, SymbolKind.Object, s.span, s.name?.span ?? s.id?.span ?? s.anchor));
  }
  for (const a of r.associations) {
    out.push(symbol(associationName(a), 'association', a.solutionAreas.map((s) => s.value).join(', '), SymbolKind.Event, a.span, a.rawType?.span ?? a.anchor));
  }
  return out.sort((x, y) => x.range.start.line - y.range.start.line || x.range.start.character - y.range.start.character);
}

/**
 * The solution areas an association earns credit toward in an edition: the
 * areas it names that the edition's table allows for its type, less what the
 * reported findings about it take away (as the coverage report judges it).
 * `null`: the edition does not say.
 */
function creditedAreas(a: AssociationModel, edition: Edition, findings: ReadonlyArray<{ finding: Finding; severity: Severity }>): SolutionArea[] | null {
  if (!a.type) return [];
  const e = eligibleAreas(a.type.value, a.solutionAreas.map((s) => s.value), edition);
  if (e === null) return null;
  let areas = e.areas;
  for (const { finding: f, severity } of findings) {
    const gone = creditTaken(f, severity);
    if (gone === 'all') return [];
    if (gone) areas = areas.filter((s) => !gone.includes(s));
  }
  return [...new Set(areas)];
}

/** A lens on each association: the solution areas it counts toward in the active edition, as the rules judge it (findings as reported: none of a rule turned off or of a silenced line). */
export function codeLenses(parsed: ParsedRecord, edition: Edition, findings: ReadonlyArray<{ finding: Finding; severity: Severity }>): CodeLens[] {
  const r = parsed.model;
  if (!r) return [];
  const about = findingsByAssociation(
    r.associations.map((a) => ({ index: a.index, range: parsed.lines.range(a.span.start, a.span.end) })),
    findings,
  );
  return r.associations.flatMap((a) => {
    if (!a.type) return [];
    const areas = creditedAreas(a, edition, about.get(a.index) ?? []);
    const title =
      areas === null
        ? `The ${edition} edition does not say which areas ${a.type.value} counts toward`
        : areas.length > 0
          ? `Counts toward ${areas.map((s) => SOLUTION_AREA_TITLES[s]).join(', ')} (${edition})`
          : `Counts toward no solution area (${edition})`;
    return [{ range: parsed.lines.range(a.anchor.start, a.anchor.end), command: { title, command: '' } }];
  });
}
