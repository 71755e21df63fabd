// The outline: in the order written, each symbol spanning its whole item.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serviceFor, VALID } from './helpers';

function documentSymbols(text: string) {
  const { svc, uri } = serviceFor(text);
  return svc.documentSymbols(uri);
}

test('symbols follow the file and cover their items', () => {
  const moved = VALID.replace('agreements:\n  - id: EA-48213\n    kind: EA\n', '').replace('associations:\n', 'agreements:\n  - id: EA-48213\n    kind: EA\nassociations:\n');
  const symbols = documentSymbols((moved));
  assert.deepEqual(symbols.map((s) => s.name), ['Fabrikam, Inc.', 'fabrikam-prod', 'EA-48213', 'DPOR 1234567 → fabrikam-prod']);
  const lines = moved.split('\n');
  const sub = symbols[1];
  assert.ok(sub.range.end.line >= lines.findIndex((l) => l.includes('agreement: EA-48213')), 'the subscription symbol reaches its last key');
  const customer = symbols[0];
  assert.ok(customer.range.end.line >= lines.findIndex((l) => l.includes('segment:')));
});

test('a block-scalar name shows its first line', () => {
  const text = VALID.replace('  name: Fabrikam, Inc.', '  name: |\n    Fabrikam, Inc.\n    (Europe)');
  assert.equal(documentSymbols((text))[0].name, 'Fabrikam, Inc.');
});
