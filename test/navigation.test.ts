// Definition and references, at the service level: a `|` marks the cursor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Location, Position } from 'vscode-languageserver-types';
import { cursor, serviceFor, VALID } from './helpers';

function at(marked: string): { parsed: { uri: string; position: Position }; offset: Position } {
  const { text, position } = cursor(marked);
  const { svc, uri } = serviceFor(text);
  services.set(uri, svc);
  return { parsed: { uri, position }, offset: position };
}

const services = new Map<string, ReturnType<typeof serviceFor>['svc']>();
const definition = (p: { uri: string }, position: Position): Location[] => services.get(p.uri)!.definition(p.uri, position);
const references = (p: { uri: string }, position: Position, includeDeclaration: boolean): Location[] => services.get(p.uri)!.references(p.uri, position, includeDeclaration);

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
