// Links and inlay hints: a proof of execution opens from its `poe`, and a
// subscription named by its GUID shows its name.
import type { DocumentLink, InlayHint } from 'vscode-languageserver-types';
import type { ParsedRecord } from './parse';
import { findSubscription, isGuid, scopeSubscription } from './model';

/** `poe` values as links: a URL, or a path beside the record. */
export function documentLinks(parsed: ParsedRecord): DocumentLink[] {
  const out: DocumentLink[] = [];
  for (const a of parsed.model?.associations ?? []) {
    const poe = a.poe;
    if (!poe || poe.span.start === poe.span.end) continue;
    let target: string | undefined;
    if (/^https?:\/\/\S+$/i.test(poe.value)) target = poe.value;
    else if (parsed.uri.startsWith('file:') && !/^[a-z][a-z0-9+.-]*:/i.test(poe.value)) {
      try {
        target = new URL(poe.value.split('/').map(encodeURIComponent).join('/'), parsed.uri).href;
      } catch {
        target = undefined;
      }
    }
    if (target) out.push({ range: parsed.lines.range(poe.span.start, poe.span.end), target, tooltip: 'Open the proof of execution' });
  }
  return out;
}

/** After a subscription written as a GUID (a reference or a PAL scope), the name it is declared with. */
export function inlayHints(parsed: ParsedRecord): InlayHint[] {
  const record = parsed.model;
  if (!record) return [];
  const out: InlayHint[] = [];
  for (const a of record.associations) {
    for (const [value, guid] of [
      [a.subscription, a.subscription && isGuid(a.subscription.value) ? a.subscription.value : undefined],
      [a.scope, a.scope ? scopeSubscription(a.scope.value) : undefined],
    ] as const) {
      if (!value || !guid) continue;
      const name = findSubscription(record, guid)?.name?.value;
      if (!name || name === value.value) continue;
      out.push({ position: parsed.lines.position(value.span.end), label: name, paddingLeft: true, tooltip: `The subscription ${guid} is declared as ${name}` });
    }
  }
  return out;
}
