// Completion, at the service level: a `|` marks the cursor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import type { Edition } from '../server/src/service/types';
import { cursor, diagnose, serviceFor, VALID } from './helpers';

function items(marked: string, edition: Edition = '2023-08'): CompletionItem[] {
  const { text, position } = cursor(marked);
  const { svc, uri } = serviceFor(text, { program: edition });
  return svc.completion(uri, position);
}

/** The labels offered, snippets aside (they have tests of their own). */
function labels(marked: string, edition: Edition = '2023-08'): string[] {
  return items(marked, edition)
    .filter((i) => i.kind !== CompletionItemKind.Snippet)
    .map((i) => i.label);
}

test('solution areas in a block list, eligible ones first', () => {
  const sorted = [...items(`${VALID}  - type: PAL\n    solutionAreas:\n      - |`)].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? '')).map((i) => i.label);
  assert.equal(sorted.length, 6);
  assert.equal(sorted[sorted.length - 1], 'modern-work', 'PAL does not count toward Modern Work: last');
});

test('keys of a PAL identity, and of the customer', () => {
  assert.deepEqual(labels(`${VALID}  - type: PAL\n    identity:\n      kind: user\n      |`).sort(), ['objectId', 'tenantId']);
  assert.deepEqual(labels(VALID.replace('  segment: enterprise', '  segment: enterprise\n  |')), ['domain']);
});

test('enum values of subscriptions and agreements', () => {
  assert.deepEqual(labels(VALID.replace('    licensing: EA', '    licensing: |')), ['EA', 'CASA-EES', 'WebDirect', 'CSP', 'AzurePlan']);
  assert.deepEqual(labels(VALID.replace('    kind: EA', '    kind: |')), ['EA', 'CASA-EES', 'WebDirect', 'CSP', 'AzurePlan']);
  assert.ok(labels(VALID.replace('    product: Azure', '    product: |')).includes('Dynamics365'));
});

test('keys of an association whose type is not written yet: type first', () => {
  assert.deepEqual(labels(`${VALID}  - |`), ['type']);
});

test('a TPOR item is read from its own type, not the one above', () => {
  const keys = labels(`${VALID}  - type: TPOR\n    |`);
  assert.ok(keys.includes('channel') && keys.includes('advisor'));
  assert.ok(!keys.includes('subscription'));
});

test('lists written at their key\'s own indentation', () => {
  const flat = VALID.replace(/\n  - /g, '\n- ').replace(/\n    /g, '\n  ').replace(/\n  (name|tenantId|segment): /g, '\n  $1: ');
  const keys = labels(`${flat}- type: CPOR\n  |`);
  assert.ok(keys.includes('role') && keys.includes('recognition'), keys.join(', '));
  assert.deepEqual(labels(`${flat}- type: DPOR\n  subscription: |`), ['fabrikam-prod']);
  assert.deepEqual(labels(`${flat}- |`), ['type']);
});

test('inside flow mappings: keys by type, values, solution areas', () => {
  const keys = labels(`${VALID}  - {type: CSP, partnerId: 1234567, |}`);
  assert.ok(keys.includes('model') && keys.includes('indirectProvider') && !keys.includes('partnerId') && !keys.includes('role'), keys.join(', '));
  assert.deepEqual(labels(`${VALID}  - {type: CSP, model: |}`), ['direct-bill', 'indirect-reseller']);
  assert.deepEqual(labels(`${VALID}  - {type: DPOR, subscription: |}`), ['fabrikam-prod']);
  const areas = labels(`${VALID}  - {type: DPOR, solutionAreas: [infrastructure, |]}`);
  assert.ok(areas.includes('data-ai') && !areas.includes('infrastructure'));
  assert.deepEqual(labels(`${VALID}  - type: PAL\n    identity: {kind: |}`), ['user', 'service-principal']);
  assert.deepEqual(labels(VALID.replace('customer:\n  name: Fabrikam, Inc.\n  tenantId: 6b1e0d0e-2d3f-4a9c-9c1e-0f5c2a7b8e11\n  segment: enterprise', 'customer: {name: Fabrikam, segment: |}')), ['enterprise', 'smb']);
});

test('asked for right after `key:` or `-`, items bring the space YAML needs', () => {
  assert.deepEqual(items(`${VALID}  - type: DPOR\n    subscription:|`).map((i) => i.insertText), [' fabrikam-prod']);
  const first = items(`${VALID}  -|`)[0];
  assert.equal(first.label, 'type');
  assert.match(String(first.insertText), /^ type: /);
});

test('solution areas: without a list yet, and in a block list leaving out those listed', () => {
  assert.ok(items(`${VALID}  - type: DPOR\n    solutionAreas: |`).some((i) => i.label === 'infrastructure' && i.insertText === '[infrastructure]'));
  const listed = labels(`${VALID}  - type: DPOR\n    solutionAreas:\n      - infrastructure\n      - |\n      - data-ai\n`);
  assert.ok(!listed.includes('infrastructure') && !listed.includes('data-ai') && listed.includes('modern-work'), listed.join(', '));
});

test('snippets: a new association of each type where a list item starts, a whole record in an empty file', () => {
  const at = items(`${VALID}  - |`);
  const snippets = at.filter((i) => i.kind === CompletionItemKind.Snippet);
  assert.deepEqual(snippets.map((i) => i.label), ['CPOR association', 'DPOR association', 'PAL association', 'CSP association', 'TPOR association']);
  const dpor = snippets[1].insertText!;
  assert.match(dpor, /^type: DPOR\n    partnerId: \$\{1:1234567\}\n    subscription: \$\{2\}\n/);
  assert.deepEqual(items(`${VALID}  - type: DPOR\n    |`).filter((i) => i.kind === CompletionItemKind.Snippet), [], 'not inside an association already begun');
  const empty = items('|').filter((i) => i.kind === CompletionItemKind.Snippet);
  assert.deepEqual(empty.map((i) => i.label), ['Partner association record']);
  assert.match(empty[0].insertText!, /^version: 1\ncustomer:\n  name: /);
});

/** A snippet as a user who tabs through it takes it: each place's default, its first choice, mirrors the same. */
function expand(snippet: string, fill: Record<string, string> = {}): string {
  const chosen = new Map<string, string>();
  snippet.replace(/\$\{(\d+):([^}]*)\}|\$\{(\d+)\|([^|]*)\|\}/g, (_m, n1: string, d: string, n2: string, choices: string) => {
    chosen.set(n1 ?? n2, fill[n1 ?? n2] ?? d ?? choices.split(',')[0]);
    return '';
  });
  return snippet.replace(/\$\{(\d+)(?::[^}]*|\|[^|]*\|)?\}|\$(\d+)/g, (_m, n: string, bare: string) => chosen.get(n ?? bare) ?? '');
}

test('the record snippet, filled in with its defaults and a date, is a valid record', () => {
  const record = items('|').find((i) => i.label === 'Partner association record')!.insertText!;
  const since = /\$\{(\d+):YYYY-MM-DD\}/.exec(record);
  assert.ok(since, 'the snippet asks for a start date');
  const text = expand(record, { [since[1]]: '2026-01-01' });
  assert.match(text, /subscription: production\n/, 'the association names the subscription declared above');
  assert.deepEqual(diagnose(text).map((d) => `${d.code}: ${d.message}`), []);
});

test('after a key whose value can be chosen, the list opens again (for clients that can)', () => {
  const { text, position } = cursor(`${VALID}  - type: DPOR\n    |`);
  const { svc, uri } = serviceFor(text);
  const withRetrigger = svc.completion(uri, position, { retrigger: true });
  assert.equal(withRetrigger.find((i) => i.label === 'subscription')?.command?.command, 'editor.action.triggerSuggest');
  assert.equal(withRetrigger.find((i) => i.label === 'note')?.command, undefined, 'nothing to choose after note');
  assert.equal(svc.completion(uri, position).find((i) => i.label === 'subscription')?.command, undefined);
});
