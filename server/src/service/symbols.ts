import { SymbolKind, type CodeLens, type DocumentSymbol, type Range } from 'vscode-languageserver-types';
import type { ParsedRecord } from './parse';
import { SOLUTION_AREA_TITLES } from './editions';
import { creditedAreas } from './credit';
import type { AssociationModel, Edition } from './types';

function span(a: Range, b: Range): Range {
  return { start: a.start, end: b.end };
}

function associationName(a: AssociationModel): string {
  const what = a.subscription?.value ?? a.workload?.value ?? a.agreement?.value ?? a.scope?.value;
  return [a.rawType?.value ?? 'association', a.partnerId?.value, what ? `→ ${what}` : undefined].filter(Boolean).join(' ');
}

/** The outline: customer, agreements, subscriptions and associations. */
export function documentSymbols(parsed: ParsedRecord): DocumentSymbol[] {
  const r = parsed.model;
  if (!r) return [];
  const out: DocumentSymbol[] = [];
  if (r.customer) {
    const sel = r.customer.name?.range ?? r.customer.anchor;
    out.push({ name: r.customer.name?.value ?? 'customer', detail: r.customer.tenantId?.value, kind: SymbolKind.Namespace, range: span(r.customer.anchor, sel), selectionRange: sel });
  }
  for (const a of r.agreements) {
    const sel = a.id?.range ?? a.anchor;
    out.push({ name: a.id?.value ?? 'agreement', detail: a.kind?.value, kind: SymbolKind.Struct, range: span(a.anchor, a.kind?.range ?? sel), selectionRange: sel });
  }
  for (const s of r.subscriptions) {
    const sel = s.name?.range ?? s.id?.range ?? s.anchor;
    out.push({
      name: s.name?.value ?? s.id?.value ?? 'subscription',
      detail: [s.product?.value, s.licensing?.value].filter(Boolean).join(', '),
      kind: SymbolKind.Object,
      range: span(s.anchor, sel),
      selectionRange: sel,
    });
  }
  for (const a of r.associations) {
    out.push({
      name: associationName(a),
      detail: a.solutionAreas.map((s) => s.value).join(', '),
      kind: SymbolKind.Event,
      range: a.range,
      selectionRange: a.rawType?.range ?? a.anchor,
    });
  }
  return out;
}

/** A lens on each association: the solution areas it counts toward in the active edition. */
export function codeLenses(parsed: ParsedRecord, edition: Edition): CodeLens[] {
  const r = parsed.model;
  if (!r) return [];
  return r.associations.flatMap((a) => {
    if (!a.type) return [];
    const areas = creditedAreas(a, r, edition);
    const title =
      areas === null
        ? `The ${edition} edition does not say which areas ${a.type.value} counts toward`
        : areas.length > 0
          ? `Counts toward ${areas.map((s) => SOLUTION_AREA_TITLES[s]).join(', ')} (${edition})`
          : `Counts toward no solution area (${edition})`;
    return [{ range: a.anchor, command: { title, command: '' } }];
  });
}
