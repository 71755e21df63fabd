import { SymbolKind, type CodeLens, type DocumentSymbol } from 'vscode-languageserver-types';
import type { ParsedRecord } from './parse';
import { SOLUTION_AREA_TITLES } from './editions';
import { creditedAreas } from './credit';
import type { AssociationModel, Edition } from './types';

function associationName(a: AssociationModel): string {
  const what = a.subscription?.value ?? a.workload?.value ?? a.agreement?.value ?? a.scope?.value;
  return [a.rawType?.value ?? 'association', a.partnerId?.value, what ? `→ ${what}` : undefined].filter(Boolean).join(' ');
}

/** A name for the outline: its first line, for a block scalar. */
function oneLine(s: string): string {
  return s.trim().split(/\r?\n/)[0];
}

/** The outline: customer, agreements, subscriptions and associations, in the order they are written. */
export function documentSymbols(parsed: ParsedRecord): DocumentSymbol[] {
  const r = parsed.model;
  if (!r) return [];
  const out: DocumentSymbol[] = [];
  if (r.customer) {
    out.push({
      name: oneLine(r.customer.name?.value ?? 'customer') || 'customer',
      detail: r.customer.tenantId?.value,
      kind: SymbolKind.Namespace,
      range: r.customer.range,
      selectionRange: r.customer.name?.range ?? r.customer.anchor,
    });
  }
  for (const a of r.agreements) {
    out.push({ name: oneLine(a.id?.value ?? 'agreement') || 'agreement', detail: a.kind?.value, kind: SymbolKind.Struct, range: a.range, selectionRange: a.id?.range ?? a.anchor });
  }
  for (const s of r.subscriptions) {
    out.push({
      name: oneLine(s.name?.value ?? s.id?.value ?? 'subscription') || 'subscription',
      detail: [s.product?.value, s.licensing?.value].filter(Boolean).join(', '),
      kind: SymbolKind.Object,
      range: s.range,
      selectionRange: s.name?.range ?? s.id?.range ?? s.anchor,
    });
  }
  for (const a of r.associations) {
    out.push({
      name: oneLine(associationName(a)),
      detail: a.solutionAreas.map((s) => s.value).join(', '),
      kind: SymbolKind.Event,
      range: a.range,
      selectionRange: a.rawType?.range ?? a.anchor,
    });
  }
  return out.sort((x, y) => x.range.start.line - y.range.start.line || x.range.start.character - y.range.start.character);
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
