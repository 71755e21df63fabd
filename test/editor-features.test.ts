// Rename, links to proofs of execution, inlay hints, and .assocrc.yaml's
// completion and hover, at the service level: a `|` marks the cursor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createAssocService } from '../server/src/service/service';
import { cursor, serviceFor, VALID } from './helpers';

const TWO = VALID.replace('    agreement: EA-48213\n', '    agreement: EA-48213\n') + `  - type: CPOR\n    partnerId: 1234567\n    role: OSA\n    recognition: revenue\n    subscription: fabrikam-prod\n    solutionAreas: [business-applications]\n    poe: proofs/fabrikam osa.pdf\n  - type: PAL\n    partnerId: 1234567\n    identity: {kind: user, objectId: 11111111-2222-4333-8444-555555555555}\n    subscription: 0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b\n    scope: /subscriptions/0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b/resourceGroups/rg\n    solutionAreas: [infrastructure]\n    poe: https://contoso.sharepoint.com/poe/123\n  - type: TPOR\n    channel: lsp\n    partnerId: 7654321\n    agreement: EA-48213\n`;

function renamed(marked: string, newName: string): string {
  const { text, position } = cursor(marked);
  const { svc, uri } = serviceFor(text);
  const edit = svc.rename(uri, position, newName);
  return TextDocument.applyEdits(TextDocument.create(uri, 'assoc-yaml', 1, text), edit.changes![uri]);
}

test('rename a subscription name: its declaration and every reference by name, not those by GUID', () => {
  const out = renamed(TWO.replace('    name: fabrikam-prod', '    name: fabrikam-p|rod'), 'fabrikam-production');
  assert.equal((out.match(/fabrikam-production/g) ?? []).length, 3);
  assert.ok(!out.includes('fabrikam-prod\n'));
  assert.ok(out.includes('subscription: 0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b'), 'the GUID reference stays');
  const fromRef = renamed(TWO.replace('    subscription: fabrikam-prod\n    solutionAreas: [infrastructure, data-ai]', '    subscription: fab|rikam-prod\n    solutionAreas: [infrastructure, data-ai]'), 'prod');
  assert.equal((fromRef.match(/: prod\n/g) ?? []).length, 3);
});

test('rename an agreement id: the declaration, subscriptions under it and TPORs on it', () => {
  const out = renamed(TWO.replace('  - id: EA-48213', '  - id: EA-48|213'), 'EA-99');
  assert.equal((out.match(/EA-99/g) ?? []).length, 3);
  assert.ok(!out.includes('EA-48213'));
});

test('rename refuses anything else, and names that clash', () => {
  const { text, position } = cursor(TWO.replace('partnerId: 1234567', 'partnerId: 12|34567'));
  const { svc, uri } = serviceFor(text);
  assert.equal(svc.prepareRename(uri, position), null);
  assert.throws(() => svc.rename(uri, position, 'x'), /Only a subscription name or an agreement id/);
  const guid = cursor(TWO.replace('  - id: 0f1e2d3c', '  - id: 0f1e|2d3c'));
  const g = serviceFor(guid.text);
  assert.equal(g.svc.prepareRename(g.uri, guid.position), null, 'a GUID is not renamed');
  const named = cursor(TWO.replace('    name: fabrikam-prod', '    name: fabrikam-p|rod'));
  const n = serviceFor(named.text);
  assert.deepEqual(n.svc.prepareRename(n.uri, named.position)?.placeholder, 'fabrikam-prod');
  assert.throws(() => n.svc.rename(n.uri, named.position, '  '), /cannot be empty/);
});

test('links: a poe URL, and a poe path beside the record', () => {
  const { svc, uri } = serviceFor(TWO, { uri: 'file:///work/records/fabrikam.assoc.yaml' });
  assert.deepEqual(svc.documentLinks(uri).map((l) => l.target), ['file:///work/records/proofs/fabrikam%20osa.pdf', 'https://contoso.sharepoint.com/poe/123']);
});

test('inlay hints: the name of a subscription written as its GUID, in a reference and in a PAL scope', () => {
  const { svc, uri } = serviceFor(TWO);
  const hints = svc.inlayHints(uri);
  assert.deepEqual(hints.map((h) => h.label), ['fabrikam-prod', 'fabrikam-prod']);
  const lines = TWO.split('\n');
  assert.deepEqual(hints.map((h) => lines[h.position.line].slice(0, h.position.character).trim().split(':')[0]), ['subscription', 'scope']);
  assert.equal(hints[0].position.character, lines[hints[0].position.line].length, 'after the value');
});

test('.assocrc.yaml: completion of keys, editions, rule ids and severities; hover on each', () => {
  const svc = createAssocService();
  const complete = (marked: string) => {
    const { text, position } = cursor(marked);
    return svc.configCompletion(text, position).map((i) => i.label);
  };
  assert.deepEqual(complete('|'), ['program', 'rules']);
  assert.deepEqual(complete('program: 2026-05\n|'), ['rules']);
  assert.deepEqual(complete('program: |'), ['2023-08', '2026-05']);
  const ids = complete('rules:\n  cpor-poe: off\n  |');
  assert.ok(ids.includes('dpor-one-per-subscription') && !ids.includes('cpor-poe'), ids.join(', '));
  assert.deepEqual(complete('rules:\n  cpor-poe: |'), ['error', 'warning', 'info', 'off']);
  const hover = (marked: string) => {
    const { text, position } = cursor(marked);
    return (svc.configHover(text, position)?.contents as { value: string } | undefined)?.value;
  };
  assert.match(hover('rules:\n  cpor-p|oe: off\n')!, /incentive CPOR claim needs a customer-signed proof of execution/);
  assert.match(hover('program: 2026-|05\n')!, /Solutions Partner designation pages on Microsoft Learn/);
  assert.match(hover('rules:\n  cpor-poe: o|ff\n')!, /not run/);
});
