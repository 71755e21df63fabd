// The coverage request over a real stdio JSON-RPC connection: the report of
// the records the server holds, with an open document's text over the disk's.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { ResponseError } from 'vscode-languageserver-protocol/node';
import { CoverageRequest } from '../../server/src/protocol';
import { EDITION_IDS } from '../../server/src/service/editions';
import { LspClient, makeWorkspace, uriOf } from './client';
import { VALID } from '../helpers';

const NEWEST = EDITION_IDS[EDITION_IDS.length - 1];

// A second customer with a DPOR on a subscription bought on the web: it counts, except under the newest edition.
const WEB = VALID.replace('Fabrikam, Inc.', 'Litware, Inc.')
  .replace('6b1e0d0e-2d3f-4a9c-9c1e-0f5c2a7b8e11', '2c8e4f70-1a9d-4b36-9f05-e7d3a6b2c418')
  .replace('0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b', 'fb93ed19-2391-4a3d-8e6c-d507c9da64ba')
  .replace('licensing: EA\n    agreement: EA-48213', 'licensing: WebDirect');

describe('CoverageRequest', () => {
  let dir: string;
  let client: LspClient;

  before(async () => {
    dir = makeWorkspace({ 'fabrikam.assoc.yaml': VALID, 'litware.assoc.yaml': WEB, 'notes/readme.txt': 'not a record' });
    client = new LspClient(dir);
    await client.start();
    await client.waitFor(uriOf(dir, 'litware.assoc.yaml'), () => true);
  });

  after(() => client.stop());

  test('the records of the workspace, credited as the rules judge them, with the gaps', async () => {
    const r = await client.connection.sendRequest(CoverageRequest, { asOf: '2026-01-15' });
    assert.equal(r.asOf, '2026-01-15');
    assert.deepEqual(r.customers.map((c) => [c.name, c.uri]), [
      ['Fabrikam, Inc.', uriOf(dir, 'fabrikam.assoc.yaml')],
      ['Litware, Inc.', uriOf(dir, 'litware.assoc.yaml')],
    ]);
    assert.deepEqual(r.customers[0].cells.infrastructure, [{ type: 'DPOR', partnerId: '1234567', line: 16, index: 0, on: 'fabrikam-prod' }]);
    assert.deepEqual(r.gaps.map((g) => [g.kind, g.customer, g.line]), [['no-credit-next-edition', 'Litware, Inc.', 15]]);
    assert.equal(r.compare, undefined);
  });

  test('an open document counts as the editor holds it, saved or not; closed, the disk counts again', async () => {
    const uri = uriOf(dir, 'fabrikam.assoc.yaml');
    await client.open(uri, VALID.replace('since: 2024-03-01', 'since: 2024-03-01\n    until: 2025-12-31'));
    const open = await client.connection.sendRequest(CoverageRequest, { asOf: '2026-01-15' });
    const fabrikam = open.customers.find((c) => c.uri === uri)!;
    assert.deepEqual(fabrikam.cells.infrastructure, []);
    assert.deepEqual(fabrikam.notCounting.map((n) => [n.type, n.reasons, n.period]), [['DPOR', ['It ended on 2025-12-31.'], 'ended']]);
    assert.ok(open.gaps.some((g) => g.kind === 'ea-azure-unlinked' && g.uri === uri));
    await client.close(uri);
    const closed = await client.connection.sendRequest(CoverageRequest, { asOf: '2026-01-15' });
    assert.equal(closed.customers.find((c) => c.uri === uri)!.cells.infrastructure.length, 1);
  });

  test('asked at once, before the server has read the workspace, the report still holds every record', async () => {
    const fresh = new LspClient(dir);
    try {
      await fresh.start();
      const r = await fresh.connection.sendRequest(CoverageRequest, { asOf: '2026-01-15' });
      assert.deepEqual(r.customers.map((c) => c.name), ['Fabrikam, Inc.', 'Litware, Inc.']);
    } finally {
      await fresh.stop();
    }
  });

  test('compare with an edition; a date or an edition it does not know is an invalid request', async () => {
    const r = await client.connection.sendRequest(CoverageRequest, { asOf: '2026-01-15', compare: NEWEST });
    assert.equal(r.compare?.edition, NEWEST);
    assert.deepEqual(r.compare!.changes.map((c) => [c.customer, c.area, c.lost.map((x) => x.type)]), [
      ['Litware, Inc.', 'data-ai', ['DPOR']],
      ['Litware, Inc.', 'infrastructure', ['DPOR']],
    ]);
    for (const params of [{ asOf: '15/01/2026' }, { compare: '1999-01' }]) {
      await assert.rejects(client.connection.sendRequest(CoverageRequest, params), (e: unknown) => e instanceof ResponseError && e.code === -32602 && /must be/.test(e.message));
    }
  });
});
