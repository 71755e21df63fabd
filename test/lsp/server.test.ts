// The language server over a real stdio JSON-RPC connection.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  HoverRequest,
  CompletionRequest,
  CodeActionRequest,
  DocumentSymbolRequest,
  DefinitionRequest,
  ReferencesRequest,
  CodeLensRequest,
  type CodeAction,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type Hover,
  type Location,
  type MarkupContent,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { LspClient, makeWorkspace, uriOf, codes } from './client';
import { cursor, VALID } from '../helpers';

const OTHER = VALID.replace('Fabrikam, Inc.', 'Fabrikam Europe')
  .replace('6b1e0d0e-2d3f-4a9c-9c1e-0f5c2a7b8e11', '7c2f1e1f-3e4a-4b8d-8d2f-1a6d3b8c9f22')
  .replace('partnerId: 1234567', 'partnerId: 7654321')
  .replace('since: 2024-03-01', 'since: 2024-09-01');

function apply(text: string, action: CodeAction, uri: string): string {
  const edits = action.edit?.changes?.[uri] ?? [];
  return TextDocument.applyEdits(TextDocument.create(uri, 'assoc-yaml', 1, text), edits);
}

function markdown(h: Hover | null): string {
  assert.ok(h, 'no hover');
  return (h.contents as MarkupContent).value;
}

describe('cross-file diagnostics', () => {
  let dir: string;
  let client: LspClient;
  before(async () => {
    dir = makeWorkspace({ 'a.assoc.yaml': VALID, 'nested/b.assoc.yaml': OTHER, 'ignored/notes.yaml': 'x: 1' });
    client = new LspClient(dir);
    await client.start();
  });
  after(() => client.stop());

  test('a conflict is reported in both files at start, open or not', async () => {
    const a = await client.waitFor(uriOf(dir, 'a.assoc.yaml'), (ds) => ds.length > 0);
    const b = await client.waitFor(uriOf(dir, 'nested/b.assoc.yaml'), (ds) => ds.length > 0);
    assert.deepEqual(codes(a), ['dpor-one-per-subscription']);
    assert.deepEqual(codes(b), ['dpor-one-per-subscription']);
    assert.equal(a[0].relatedInformation?.[0].location.uri, uriOf(dir, 'nested/b.assoc.yaml'));
    assert.match(String(a[0].codeDescription?.href), /docs\/rules\/dpor-one-per-subscription\.md$/);
    assert.ok(client.registrations.includes('workspace/didChangeWatchedFiles'));
  });

  test('an edit in the open file resolves the conflict in the closed one', async () => {
    const a = uriOf(dir, 'a.assoc.yaml');
    await client.open(a, VALID, 1);
    // Incremental change: end the first DPOR the day before the other starts.
    const line = VALID.split('\n').findIndex((l) => l.includes('since: 2024-03-01'));
    await client.change(a, 2, [{ range: { start: { line, character: 21 }, end: { line, character: 21 } }, text: '\n    until: 2024-08-31' }]);
    await client.waitFor(uriOf(dir, 'nested/b.assoc.yaml'), (ds) => ds.length === 0);
    await client.waitFor(a, (ds) => ds.length === 0);
    // Undo it: the conflict comes back in both.
    await client.change(a, 3, [{ text: VALID }]);
    await client.waitFor(uriOf(dir, 'nested/b.assoc.yaml'), (ds) => ds.length === 1);
    const back = await client.waitFor(a, (ds) => ds.length === 1);
    assert.equal(client.diagnostics.get(a)?.version, 3);
    assert.deepEqual(codes(back), ['dpor-one-per-subscription']);
  });

  test('closing the file goes back to the text on disk', async () => {
    const a = uriOf(dir, 'a.assoc.yaml');
    await client.change(a, 4, [{ text: VALID.replace('licensing: EA', 'licensing: EAX') }]);
    await client.waitFor(a, (ds) => codes(ds).includes('schema'));
    await client.close(a);
    await client.waitFor(a, (ds) => codes(ds).join() === 'dpor-one-per-subscription');
  });

  test('a closed file changed or deleted on disk updates the others', async () => {
    const b = join(dir, 'nested/b.assoc.yaml');
    const a = uriOf(dir, 'a.assoc.yaml');
    // B's DPOR now ends before A's starts: no conflict.
    writeFileSync(b, OTHER.replace('since: 2024-09-01', 'since: 2023-01-01\n    until: 2024-02-29'));
    await client.fileChanged(uriOf(dir, 'nested/b.assoc.yaml'), 2);
    await client.waitFor(a, (ds) => ds.length === 0);
    // Back to overlapping, then deleted: the conflict comes and goes.
    writeFileSync(b, OTHER);
    await client.fileChanged(uriOf(dir, 'nested/b.assoc.yaml'), 2);
    rmSync(b);
    await client.fileChanged(uriOf(dir, 'nested/b.assoc.yaml'), 3);
    await client.waitFor(a, (ds) => ds.length === 0);
    await client.waitFor(uriOf(dir, 'nested/b.assoc.yaml'), (ds) => ds.length === 0);
    // The change event read the file before it was deleted; that late read must not bring B back.
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(client.diagnostics.get(a)?.diagnostics.length, 0);
  });

  test('a new file on disk joins the workspace; .assocrc.yaml changes re-validate', async () => {
    writeFileSync(join(dir, 'c.assoc.yaml'), OTHER.replace('partnerId: 7654321', 'partnerId: 76543'));
    await client.fileChanged(uriOf(dir, 'c.assoc.yaml'), 1);
    await client.waitFor(uriOf(dir, 'c.assoc.yaml'), (ds) => codes(ds).join() === 'dpor-one-per-subscription,partner-id-format');
    writeFileSync(join(dir, '.assocrc.yaml'), 'rules:\n  dpor-one-per-subscription: off\n  partner-id-format: error\n');
    await client.fileChanged(uriOf(dir, '.assocrc.yaml'), 1);
    const ds = await client.waitFor(uriOf(dir, 'c.assoc.yaml'), (d) => codes(d).join() === 'partner-id-format');
    assert.equal(ds[0].severity, 1);
    await client.waitFor(uriOf(dir, 'a.assoc.yaml'), (d) => d.length === 0);
    // The client is told to ask again, with params a typed handler takes (an object, never [null]).
    const told = client.others.filter((n) => n.method === 'assoc/configurationChanged');
    assert.ok(told.length > 0);
    for (const n of told) assert.deepEqual(n.params, {});
  });
});

describe('editor features', () => {
  let dir: string;
  let client: LspClient;
  const uri = () => uriOf(dir, 'f.assoc.yaml');
  before(async () => {
    dir = makeWorkspace({});
    client = new LspClient(dir);
    await client.start();
  });
  after(() => client.stop());

  async function diagnosticsOf(text: string, version: number): Promise<Diagnostic[]> {
    await client.change(uri(), version, [{ text }]);
    return client.waitFor(uri(), () => client.diagnostics.get(uri())?.version === version);
  }

  let version = 10;
  async function fixes(text: string): Promise<{ ds: Diagnostic[]; actions: CodeAction[] }> {
    version++;
    const ds = await diagnosticsOf(text, version);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri() },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: ds },
    })) as CodeAction[];
    return { ds, actions };
  }

  async function fixAndCheck(text: string, title: RegExp, rule: string): Promise<string> {
    const { ds, actions } = await fixes(text);
    assert.ok(codes(ds).includes(rule), `expected ${rule} in ${codes(ds)}`);
    const action = actions.find((a) => title.test(a.title));
    assert.ok(action, `no action ${title} in ${actions.map((a) => a.title)}`);
    assert.equal(action.kind, 'quickfix');
    assert.equal(String(action.diagnostics?.[0].code), rule);
    const fixed = apply(text, action, uri());
    version++;
    const after = await diagnosticsOf(fixed, version);
    assert.ok(!codes(after).includes(rule), `${rule} still there after '${action.title}': ${codes(after)}`);
    return fixed;
  }

  test('hover: association type, role, area, field and subscription reference', async () => {
    const doc = `${VALID}  - type: CPOR  # the Teams claim
    partnerId: 1234567
    role: OSU
    recognition: usage
    workload: Teams
    solutionAreas: [modern-work]
`;
    await client.open(uri(), doc, 1);
    const hoverAt = async (needle: string, nth = 0, delta = 1) => {
      const lines = doc.split('\n');
      let count = 0;
      const line = lines.findIndex((l) => l.includes(needle) && count++ === nth);
      const character = lines[line].indexOf(needle) + delta;
      return client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri() }, position: { line, character } });
    };
    const dpor = markdown(await hoverAt('DPOR'));
    assert.match(dpor, /Digital Partner of Record/);
    assert.match(dpor, /Infrastructure \(Azure\)/);
    assert.match(dpor, /One DPOR per subscription/);
    assert.match(markdown(await hoverAt('CPOR')), /Claiming Partner of Record/);
    assert.match(markdown(await hoverAt('OSU')), /Online Services Usage/);
    assert.match(markdown(await hoverAt('modern-work')), /Modern Work[\s\S]*CPOR, DPOR, CSP/);
    assert.match(markdown(await hoverAt('recognition')), /Recognition/);
    const sub = markdown(await hoverAt('subscription: fabrikam-prod', 0, 16));
    assert.match(sub, /0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b/);
    assert.match(sub, /licensing: EA/);
    assert.equal(await hoverAt('# the Teams', 0, 3), null);
  });

  test('hover follows the edition: TPOR in 2026-05 counts toward nothing', async () => {
    const doc = VALID.replace('associations:\n', 'program: "2026-05"\nassociations:\n  - type: TPOR\n    channel: lsp\n    partnerId: 7654321\n    agreement: EA-48213\n');
    await client.change(uri(), 2, [{ text: doc }]);
    const line = doc.split('\n').findIndex((l) => l.includes('TPOR'));
    const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri() }, position: { line, character: 12 } });
    assert.match(markdown(h), /no\*\* solution area in the 2026-05 edition/);
  });

  test('completion: types, keys by type, declared subscriptions, enum values, areas', async () => {
    const labels = async (marked: string) => {
      version++;
      const { text, position } = cursor(marked);
      await client.change(uri(), version, [{ text }]);
      const r = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: uri() }, position })) as CompletionItem[] | CompletionList;
      return (Array.isArray(r) ? r : r.items).map((i) => i.label);
    };
    assert.deepEqual(await labels(`${VALID}  - type: |`), ['CPOR', 'DPOR', 'PAL', 'CSP', 'TPOR']);
    const cporKeys = await labels(`${VALID}  - type: CPOR\n    partnerId: 1234567\n    |`);
    for (const k of ['role', 'recognition', 'workload', 'poe', 'status', 'solutionAreas']) assert.ok(cporKeys.includes(k), k);
    assert.ok(!cporKeys.includes('partnerId') && !cporKeys.includes('type') && !cporKeys.includes('model'));
    const cspKeys = await labels(`${VALID}  - type: CSP\n    m|`);
    assert.ok(cspKeys.includes('model') && cspKeys.includes('indirectProvider') && !cspKeys.includes('role'));
    assert.deepEqual(await labels(`${VALID}  - type: DPOR\n    subscription: |`), ['fabrikam-prod']);
    assert.deepEqual(await labels(`${VALID}  - type: TPOR\n    agreement: |`), ['EA-48213']);
    assert.deepEqual(await labels(`${VALID}  - type: CPOR\n    role: |`), ['OSU', 'OSA', 'RevRec']);
    assert.deepEqual(await labels(`${VALID}  - type: CSP\n    model: |`), ['direct-bill', 'indirect-reseller']);
    const areas = await labels(`${VALID}  - type: DPOR\n    solutionAreas: [infrastructure, |`);
    assert.ok(areas.includes('data-ai') && !areas.includes('infrastructure'));
    const rootKeys = await labels(`version: 1\n|`);
    assert.ok(rootKeys.includes('customer') && rootKeys.includes('associations') && !rootKeys.includes('version'));
    assert.deepEqual(await labels(`${VALID.replace('  segment: enterprise\n', '')}`.replace('customer:\n', 'customer:\n  segment: |\n')), ['enterprise', 'smb']);
  });

  test('quick fix: a misspelt type, keeping the comment', async () => {
    const text = VALID.replace('  - type: DPOR', '  - type: DPRO   # our managed-services DPOR');
    const fixed = await fixAndCheck(text, /Change to 'DPOR'/, 'schema');
    assert.equal(fixed, VALID.replace('  - type: DPOR', '  - type: DPOR   # our managed-services DPOR'));
  });

  test('quick fix: remove an ineligible solution area, flow and block lists', async () => {
    const flow = VALID.replace('[infrastructure, data-ai]', '[infrastructure, security, data-ai] # areas');
    assert.equal(await fixAndCheck(flow, /Remove 'security'/, 'solution-area-eligibility'), VALID.replace('[infrastructure, data-ai]', '[infrastructure, data-ai] # areas'));
    const block = VALID.replace('solutionAreas: [infrastructure, data-ai]', 'solutionAreas:\n      - infrastructure # main\n      - security\n      - data-ai # analytics');
    assert.equal(await fixAndCheck(block, /Remove 'security'/, 'solution-area-eligibility'), VALID.replace('solutionAreas: [infrastructure, data-ai]', 'solutionAreas:\n      - infrastructure # main\n      - data-ai # analytics'));
  });

  test('quick fix: end the earlier of two overlapping DPORs the day before the later one starts', async () => {
    const text = `${VALID}    # handed over to Contoso Consulting
  - type: DPOR
    partnerId: 7654321
    subscription: fabrikam-prod
    solutionAreas: [infrastructure]
    since: 2025-01-15
`;
    const fixed = await fixAndCheck(text, /End this association on 2025-01-14/, 'dpor-one-per-subscription');
    assert.equal(fixed, text.replace('    since: 2024-03-01\n', '    since: 2024-03-01\n    until: 2025-01-14\n'));
  });

  test('quick fix: add a missing required field and an indirect provider', async () => {
    const noTenant = VALID.replace('  tenantId: 6b1e0d0e-2d3f-4a9c-9c1e-0f5c2a7b8e11\n', '');
    const { actions } = await fixes(noTenant);
    assert.ok(actions.some((a) => /Add 'tenantId'/.test(a.title)));
    const cpor = `${VALID}  - type: CPOR # Teams rollout
    partnerId: 1234567
    recognition: usage
    workload: Teams
    solutionAreas: [modern-work]
`;
    const fixed = await fixAndCheck(cpor, /Add 'role: OSU'/, 'schema');
    assert.equal(fixed, cpor.replace('solutionAreas: [modern-work]\n', 'solutionAreas: [modern-work]\n    role: OSU\n'));
    const csp = `${VALID}  - type: CSP
    partnerId: 1234567
    model: indirect-reseller   # through our distributor
    solutionAreas: [infrastructure]
`;
    const withProvider = await fixAndCheck(csp, /Add 'indirectProvider'/, 'csp-indirect-provider');
    assert.match(withProvider, /solutionAreas: \[infrastructure\]\n    indirectProvider: \n$/);
    assert.match(withProvider, /# through our distributor/);
  });

  test('quick fix: remove a field that does not belong', async () => {
    const text = `${VALID}  - type: CSP
    partnerId: 1234567
    model: direct-bill
    indirectProvider: 7654321 # left over
    solutionAreas: [infrastructure]
`;
    const fixed = await fixAndCheck(text, /Remove 'indirectProvider'/, 'csp-indirect-provider');
    assert.equal(fixed, text.replace('    indirectProvider: 7654321 # left over\n', ''));
  });

  test('outline, definition, references and code lens', async () => {
    const doc = `${VALID}  - type: PAL
    partnerId: 1234567
    identity: { kind: service-principal, objectId: 11111111-2222-3333-4444-555555555555 }
    subscription: 0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b
    solutionAreas: [infrastructure, modern-work]
`;
    version++;
    await client.change(uri(), version, [{ text: doc }]);
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: uri() } })) as DocumentSymbol[];
    assert.deepEqual(symbols.map((s) => s.name), ['Fabrikam, Inc.', 'EA-48213', 'fabrikam-prod', 'DPOR 1234567 → fabrikam-prod', 'PAL 1234567 → 0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b']);
    const lines = doc.split('\n');
    const refLine = lines.findIndex((l) => l.includes('subscription: fabrikam-prod'));
    const defs = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: uri() }, position: { line: refLine, character: 20 } })) as Location[];
    assert.equal(defs.length, 1);
    assert.equal(defs[0].range.start.line, lines.findIndex((l) => l.includes('name: fabrikam-prod')));
    const declLine = lines.findIndex((l) => l.includes('name: fabrikam-prod'));
    const refs = (await client.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri: uri() },
      position: { line: declLine, character: 12 },
      context: { includeDeclaration: false },
    })) as Location[];
    assert.deepEqual(refs.map((r) => r.range.start.line).sort((a, b) => a - b), [refLine, lines.findIndex((l) => l.includes('subscription: 0f1e'))]);
    const agreementRefs = (await client.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri: uri() },
      position: { line: lines.findIndex((l) => l.includes('id: EA-48213')), character: 10 },
      context: { includeDeclaration: true },
    })) as Location[];
    assert.equal(agreementRefs.length, 2);
    const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: uri() } })) ?? [];
    assert.deepEqual(lenses.map((l) => l.command?.title), [
      'Counts toward Infrastructure (Azure), Data & AI (Azure) (2023-08)',
      'Counts toward Infrastructure (Azure) (2023-08)',
    ]);
  });
});

describe('quick fixes across files', () => {
  test('from the later DPOR, end the earlier one in the other file', async () => {
    const dir = makeWorkspace({ 'a.assoc.yaml': VALID, 'b.assoc.yaml': OTHER });
    const client = new LspClient(dir);
    try {
      await client.start();
      const b = uriOf(dir, 'b.assoc.yaml');
      await client.open(b, OTHER, 1);
      const ds = await client.waitFor(b, (d) => d.length === 1);
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: b }, range: ds[0].range, context: { diagnostics: ds } })) as CodeAction[];
      assert.equal(actions.length, 1);
      assert.match(actions[0].title, /^End the earlier one on 2024-08-31, the day before this one starts: DPOR of partner 1234567/);
      const a = uriOf(dir, 'a.assoc.yaml');
      assert.deepEqual(Object.keys(actions[0].edit?.changes ?? {}), [a]);
      const fixed = apply(VALID, actions[0], a);
      assert.equal(fixed, VALID.replace('    since: 2024-03-01\n', '    since: 2024-03-01\n    until: 2024-08-31\n'));
    } finally {
      await client.stop();
    }
  });
});

describe('file names and folders', () => {
  test('a file the client spells with percent-encoding is the same file as on disk', async () => {
    const dir = makeWorkspace({ 'R&D;1.assoc.yaml': VALID, 'other.assoc.yaml': OTHER });
    const client = new LspClient(dir);
    try {
      await client.start();
      const nodeSpelling = uriOf(dir, 'R&D;1.assoc.yaml');
      await client.waitFor(nodeSpelling, (d) => codes(d).join() === 'dpor-one-per-subscription');
      const clientSpelling = nodeSpelling.replace('R&D;1', 'R%26D%3B1');
      assert.notEqual(clientSpelling, nodeSpelling);
      await client.open(clientSpelling, VALID, 1);
      const ds = await client.waitFor(clientSpelling, (d) => d.length > 0);
      assert.deepEqual(codes(ds), ['dpor-one-per-subscription'], 'not a duplicate of itself');
      // Deleted under the client's spelling (after closing): the other file is clear.
      await client.close(clientSpelling);
      rmSync(join(dir, 'R&D;1.assoc.yaml'));
      await client.fileChanged(clientSpelling, 3);
      await client.waitFor(uriOf(dir, 'other.assoc.yaml'), (d) => d.length === 0);
    } finally {
      await client.stop();
    }
  });

  test('records under a deleted folder leave the index', async () => {
    const dir = makeWorkspace({ 'a.assoc.yaml': VALID, 'eu/sub/b.assoc.yaml': OTHER });
    const client = new LspClient(dir);
    try {
      await client.start();
      await client.waitFor(uriOf(dir, 'a.assoc.yaml'), (d) => d.length === 1);
      rmSync(join(dir, 'eu'), { recursive: true });
      await client.fileChanged(uriOf(dir, 'eu'), 3);
      await client.waitFor(uriOf(dir, 'a.assoc.yaml'), (d) => d.length === 0);
      await client.waitFor(uriOf(dir, 'eu/sub/b.assoc.yaml'), (d) => d.length === 0);
    } finally {
      await client.stop();
    }
  });
});

describe('workspace folders', () => {
  test('a folder added later is indexed, a folder removed is dropped', async () => {
    const first = makeWorkspace({ 'a.assoc.yaml': VALID });
    const second = makeWorkspace({ 'b.assoc.yaml': OTHER });
    const client = new LspClient(first);
    try {
      await client.start();
      await client.waitFor(uriOf(first, 'a.assoc.yaml'), (d) => d.length === 0);
      await client.foldersChanged([second], []);
      await client.waitFor(uriOf(first, 'a.assoc.yaml'), (d) => codes(d).join() === 'dpor-one-per-subscription');
      await client.waitFor(uriOf(second, 'b.assoc.yaml'), (d) => codes(d).join() === 'dpor-one-per-subscription');
      await client.foldersChanged([], [second]);
      await client.waitFor(uriOf(first, 'a.assoc.yaml'), (d) => d.length === 0);
    } finally {
      await client.stop();
    }
  });
});

describe('settings', () => {
  test('assoc.program and assoc.rules from the editor apply, to files opened at once too, and .assocrc.yaml wins over them', async () => {
    const doc = VALID.replace('licensing: EA', 'licensing: AzurePlan').replace('partnerId: 1234567', 'partnerId: 12345');
    const dir = makeWorkspace({ 'a.assoc.yaml': doc, 'b.assoc.yaml': doc.replace('6b1e0d0e', '7b1e0d0e').replace('0f1e2d3c', '1f1e2d3c'), 'strict/.assocrc.yaml': 'rules:\n  partner-id-format: error\n', 'strict/c.assoc.yaml': doc.replace('6b1e0d0e', '8b1e0d0e').replace('0f1e2d3c', '2f1e2d3c') });
    const client = new LspClient(dir);
    client.settings = { program: '2026-05', rules: { 'dpor-enterprise-agreement': 'error', 'partner-id-format': 'off' } };
    try {
      await client.start();
      // Opened before the server has asked for the settings: it must still check with them.
      await client.open(uriOf(dir, 'a.assoc.yaml'), doc, 1);
      const open = await client.waitFor(uriOf(dir, 'a.assoc.yaml'), (d) => d.length > 0 && client.diagnostics.get(uriOf(dir, 'a.assoc.yaml'))?.version === 1);
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual(codes(client.diagnostics.get(uriOf(dir, 'a.assoc.yaml'))!.diagnostics), ['dpor-enterprise-agreement']);
      assert.equal(open[0].severity, 1);
      const closed = await client.waitFor(uriOf(dir, 'b.assoc.yaml'), (d) => d.length > 0);
      assert.deepEqual(codes(closed), ['dpor-enterprise-agreement']);
      const strict = await client.waitFor(uriOf(dir, 'strict/c.assoc.yaml'), (d) => d.length > 1);
      assert.deepEqual(codes(strict), ['dpor-enterprise-agreement', 'partner-id-format']);
      assert.equal(strict.find((d) => d.code === 'partner-id-format')?.severity, 1);
    } finally {
      await client.stop();
    }
  });

  test('a record opened from outside the workspace leaves the index when closed', async () => {
    const dir = makeWorkspace({ 'a.assoc.yaml': VALID });
    const elsewhere = makeWorkspace({ 'copy.assoc.yaml': VALID });
    const client = new LspClient(dir);
    try {
      await client.start();
      await client.waitFor(uriOf(dir, 'a.assoc.yaml'), (d) => d.length === 0);
      await client.open(uriOf(elsewhere, 'copy.assoc.yaml'), VALID, 1);
      await client.waitFor(uriOf(dir, 'a.assoc.yaml'), (d) => codes(d).includes('customer-duplicate'));
      await client.close(uriOf(elsewhere, 'copy.assoc.yaml'));
      await client.waitFor(uriOf(dir, 'a.assoc.yaml'), (d) => d.length === 0);
      await client.waitFor(uriOf(elsewhere, 'copy.assoc.yaml'), (d) => d.length === 0);
    } finally {
      await client.stop();
    }
  });

  test('clients that do not send diagnostic data back still get quick fixes', async () => {
    const dir = makeWorkspace({});
    const client = new LspClient(dir);
    try {
      await client.start();
      const uri = uriOf(dir, 'f.assoc.yaml');
      const text = VALID.replace('type: DPOR', 'type: DPRO');
      await client.open(uri, text, 1);
      const ds = await client.waitFor(uri, (d) => d.length > 0);
      const stripped = ds.map(({ data: _data, ...rest }) => rest);
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: ds[0].range,
        context: { diagnostics: stripped },
      })) as CodeAction[];
      assert.deepEqual(actions.map((a) => a.title), ["Change to 'DPOR'"]);
    } finally {
      await client.stop();
    }
  });
});

describe('formatting, rename, links, inlay hints, .assocrc.yaml over LSP', () => {
  let dir: string;
  let client: LspClient;
  before(async () => {
    dir = makeWorkspace({ 'a.assoc.yaml': VALID, '.assocrc.yaml': 'rules:\n  cpor-poe: warning\n' });
    client = new LspClient(dir);
    client.settings = { format: { sortKeys: true }, inlayHints: { subscriptionNames: true } };
    await client.start();
    // The settings are read once the client is initialized: wait for the first publish.
    await client.waitFor(uriOf(dir, 'a.assoc.yaml'), () => true);
  });
  after(() => client.stop());

  test('format document and range, keys sorted as the setting asks', async () => {
    const uri = uriOf(dir, 'a.assoc.yaml');
    const messy = VALID.replace('  - type: DPOR\n    partnerId: 1234567', '  -   partnerId: 1234567\n      type: DPOR').replace('    subscription: fabrikam-prod\n    solutionAreas', '      subscription: fabrikam-prod\n      solutionAreas').replace('    since: 2024-03-01', '      since: 2024-03-01');
    await client.open(uri, messy, 1);
    const edits = (await client.connection.sendRequest('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } })) as TextEdit[];
    const formatted = TextDocument.applyEdits(TextDocument.create(uri, 'assoc-yaml', 1, messy), edits);
    assert.match(formatted, /associations:\n  - type: DPOR\n    partnerId: 1234567\n    subscription: fabrikam-prod\n/);
    const ranged = (await client.connection.sendRequest('textDocument/rangeFormatting', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } }, options: { tabSize: 2, insertSpaces: true } })) as TextEdit[];
    assert.deepEqual(ranged, []);
    await client.close(uri);
  });

  test('rename, document links and inlay hints', async () => {
    const uri = uriOf(dir, 'a.assoc.yaml');
    const text = `${VALID}  - type: CPOR\n    partnerId: 1234567\n    role: OSA\n    recognition: revenue\n    subscription: 0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b\n    solutionAreas: [business-applications]\n    poe: https://example.com/poe.pdf\n`;
    await client.open(uri, text, 1);
    const nameLine = text.split('\n').findIndex((l) => l.includes('name: fabrikam-prod'));
    const prepared = (await client.connection.sendRequest('textDocument/prepareRename', { textDocument: { uri }, position: { line: nameLine, character: 12 } })) as { placeholder: string };
    assert.equal(prepared.placeholder, 'fabrikam-prod');
    const edit = (await client.connection.sendRequest('textDocument/rename', { textDocument: { uri }, position: { line: nameLine, character: 12 }, newName: 'prod' })) as { changes: Record<string, TextEdit[]> };
    assert.equal(edit.changes[uri].length, 2);
    await assert.rejects(client.connection.sendRequest('textDocument/rename', { textDocument: { uri }, position: { line: 0, character: 1 }, newName: 'x' }), /Only a subscription name or an agreement id/);
    const links = (await client.connection.sendRequest('textDocument/documentLink', { textDocument: { uri } })) as Array<{ target: string }>;
    assert.deepEqual(links.map((l) => l.target), ['https://example.com/poe.pdf']);
    const hints = (await client.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } } })) as Array<{ label: string }>;
    assert.deepEqual(hints.map((h) => h.label), ['fabrikam-prod']);
    await client.close(uri);
  });

  test('.assocrc.yaml: completion and hover', async () => {
    const uri = uriOf(dir, '.assocrc.yaml');
    await client.open(uri, 'rules:\n  cpor-poe: warning\n  \n', 1);
    const items = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 2, character: 2 } })) as CompletionItem[];
    assert.ok(items.some((i) => i.label === 'dpor-one-per-subscription'));
    const h = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 4 } })) as Hover;
    assert.match(markdown(h), /proof of execution/);
  });
});
