// Definition and references, at the service level: a `|` marks the cursor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRecord } from '../server/src/service/parse';
import { definition, references } from '../server/src/service/navigation';
import { offsetAt } from '../server/src/service/positions';
import { cursor, VALID } from './helpers';

function at(marked: string) {
  const { text, position } = cursor(marked);
  return { parsed: parseRecord('file:///n.assoc.yaml', text), offset: offsetAt(text, position) };
}

test('a reference to a subscription declared without a name, by GUID', () => {
  const text = VALID.replace('    name: fabrikam-prod\n', '').replace('subscription: fabrikam-prod', 'subscription: 0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b');
  const { parsed, offset } = at(text.replace('subscription: 0f1e', 'subscription: 0f|1e'));
  assert.deepEqual(definition(parsed, offset).map((l) => l.range.start.line), [9]);
});

test('a reference to nothing declared goes nowhere and finds nothing', () => {
  const text = VALID.replace('    name: fabrikam-prod\n', '').replace('subscription: fabrikam-prod', 'subscription: 0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b');
  const marked = `${text}  - type: CSP\n    partnerId: 1234567\n    model: direct-bill\n    subscription: no|pe\n    solutionAreas: [infrastructure]\n`;
  const { parsed, offset } = at(marked);
  assert.deepEqual(definition(parsed, offset), []);
  assert.deepEqual(references(parsed, offset, true), []);
});
