// Formatting: two spaces a level, lists under their key, one space after a
// dash and a colon, no trailing white space, keys in one order if asked;
// comments kept, values never changed, and formatting twice is formatting once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createAssocService } from '../server/src/service/service';
import { parseRecord } from '../server/src/service/parse';
import { toJson } from '../server/src/service/schema';
import { CORPUS } from './fuzz/cases';

function format(text: string, sortKeys = false, range?: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  const svc = createAssocService();
  svc.open('file:///f.assoc.yaml', text, 1);
  const edits = svc.format('file:///f.assoc.yaml', { sortKeys }, range);
  return TextDocument.applyEdits(TextDocument.create('file:///f.assoc.yaml', 'assoc-yaml', 1, text), edits);
}

const MESSY = `version:   1
customer:
    name: Fabrikam   # the customer
    tenantId: 6b1e0d0e-2d3f-4a9c-9c1e-0f5c2a7b8e11
subscriptions:
- id: 0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b
  name: fabrikam-prod
  product: Azure
  licensing: EA
associations:
-    partnerId: 1234567
     # where it runs
     subscription: fabrikam-prod
     type: DPOR   
     solutionAreas:
        - infrastructure
        -   data-ai
`;

test('a messy record, formatted', () => {
  assert.equal(
    format(MESSY),
    `version: 1
customer:
  name: Fabrikam   # the customer
  tenantId: 6b1e0d0e-2d3f-4a9c-9c1e-0f5c2a7b8e11
subscriptions:
  - id: 0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b
    name: fabrikam-prod
    product: Azure
    licensing: EA
associations:
  - partnerId: 1234567
    # where it runs
    subscription: fabrikam-prod
    type: DPOR
    solutionAreas:
      - infrastructure
      - data-ai
`,
  );
});

test('keys in the canonical order, type first, each comment with its key', () => {
  assert.match(format(MESSY, true), /associations:\n  - type: DPOR\n    partnerId: 1234567\n    # where it runs\n    subscription: fabrikam-prod\n    solutionAreas:\n      - infrastructure\n      - data-ai\n$/);
});

test('CRLF stays CRLF; a range formats only its lines', () => {
  const crlf = MESSY.replace(/\n/g, '\r\n');
  assert.equal(format(crlf), format(MESSY).replace(/\n/g, '\r\n'));
  const partial = format(MESSY, false, { start: { line: 1, character: 0 }, end: { line: 3, character: 0 } });
  assert.match(partial, /^version: {3}1\ncustomer:\n  name: Fabrikam {3}# the customer\n  tenantId/);
  assert.match(partial, /\n- id: 0f1e/, 'lines outside the range are left');
});

test('every fixture and example: formatting twice is formatting once, with every value and comment kept', () => {
  let formatted = 0;
  for (const text of CORPUS) {
    for (const sortKeys of [false, true]) {
      const once = format(text, sortKeys);
      assert.equal(format(once, sortKeys), once, 'idempotent');
      const a = parseRecord('file:///a', text);
      const b = parseRecord('file:///b', once);
      assert.deepEqual(toJson(b.root), toJson(a.root), 'the same values');
      assert.deepEqual(b.comments.map((c) => c.text).sort(), a.comments.map((c) => c.text).sort(), 'the same comments');
      if (once !== text) formatted++;
    }
  }
  assert.ok(formatted > 0);
});

test('a record the simple reading cannot take (anchors, errors) is left as it is', () => {
  assert.equal(format('version:   1\ncustomer: &c {name: x}\nother: *c\n'), 'version:   1\ncustomer: &c {name: x}\nother: *c\n');
  assert.equal(format('version:   1\ncustomer: [unclosed\n'), 'version:   1\ncustomer: [unclosed\n');
});
