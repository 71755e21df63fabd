import { createAssocService, type AssocService } from '../server/src/service/service';
import { parseConfig, emptyConfig } from '../server/src/service/config';
import type { Edition } from '../server/src/service/types';
import type { Diagnostic, Position } from 'vscode-languageserver-types';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const URI = 'file:///work/customer.assoc.yaml';

/** A new folder holding these files (`a/b.assoc.yaml` makes `a/` first). */
export function makeWorkspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'assoc-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** A language service holding one open record (under an edition, or a configuration). */
export function serviceFor(text: string, options: { program?: Edition; configText?: string; uri?: string } = {}): { svc: AssocService; uri: string } {
  const config = options.configText ? parseConfig(options.configText).config : emptyConfig();
  const svc = createAssocService({ configFor: () => config, program: options.program });
  const uri = options.uri ?? URI;
  svc.open(uri, text, 1);
  return { svc, uri };
}

/** Diagnostics of one record text, checked alone. */
export function diagnose(text: string, configText?: string): Array<Diagnostic & { message: string }> {
  const { svc, uri } = serviceFor(text, { configText });
  return svc.diagnostics(uri).map((d) => ({ ...d, message: typeof d.message === 'string' ? d.message : d.message.value }));
}

/** A text with a `|` cursor marker: the text without it and the marker's position. */
export function cursor(marked: string): { text: string; position: Position } {
  const i = marked.indexOf('|');
  if (i < 0) throw new Error('no | marker');
  const before = marked.slice(0, i);
  const line = before.split('\n').length - 1;
  const character = i - (before.lastIndexOf('\n') + 1);
  return { text: marked.slice(0, i) + marked.slice(i + 1), position: { line, character } };
}

/** The text a range covers. */
export function textAt(text: string, d: { range: { start: Position; end: Position } }): string {
  const lines = text.split('\n');
  const { start, end } = d.range;
  if (start.line === end.line) return lines[start.line].slice(start.character, end.character);
  return [lines[start.line].slice(start.character), ...lines.slice(start.line + 1, end.line), lines[end.line].slice(0, end.character)].join('\n');
}

export const VALID = `version: 1
customer:
  name: Fabrikam, Inc.
  tenantId: 6b1e0d0e-2d3f-4a9c-9c1e-0f5c2a7b8e11
  segment: enterprise
agreements:
  - id: EA-48213
    kind: EA
subscriptions:
  - id: 0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b
    name: fabrikam-prod
    product: Azure
    licensing: EA
    agreement: EA-48213
associations:
  - type: DPOR
    partnerId: 1234567
    subscription: fabrikam-prod
    solutionAreas: [infrastructure, data-ai]
    since: 2024-03-01
`;
