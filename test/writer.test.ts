// The server's message writer: diagnostics made into JSON once (shared
// related information written once) read back as the diagnostics they were.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { StreamMessageReader, type Message, type NotificationMessage } from 'vscode-languageserver/node';
import type { Diagnostic, DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import { BatchingMessageWriter, diagnosticsBytes, madeJson } from '../server/src/lsp/writer';

const position = fc.record({ line: fc.nat(100_000), character: fc.nat(500) });
const range = fc.record({ start: position, end: position });
const text = fc.string({ unit: 'grapheme', maxLength: 40 });
const related: fc.Arbitrary<DiagnosticRelatedInformation> = fc.record({ location: fc.record({ uri: text.map((s) => `file:///ws/${encodeURIComponent(s)}.assoc.yaml`), range }), message: text });

/** Diagnostics whose related information is drawn from a small pool, so that the same object is named again and again. */
const diagnostics = fc.array(related, { minLength: 1, maxLength: 8 }).chain((pool) =>
  fc.array(
    fc.record(
      {
        range,
        severity: fc.constantFrom(1 as const, 2 as const, 3 as const),
        code: fc.constantFrom('dpor-one-per-subscription', 'yaml-syntax'),
        source: fc.constant('assoc'),
        message: text,
        relatedInformation: fc.array(fc.constantFrom(...pool), { maxLength: 20 }),
        data: fc.option(fc.record({ kind: fc.constant('end-before'), until: fc.constant('2024-01-31') }), { nil: undefined }),
      },
      { requiredKeys: ['range', 'message'] },
    ),
    { maxLength: 12 },
  ),
);

/** What a client reads: JSON, where a key whose value is undefined is not there. */
const asRead = (v: unknown) => JSON.parse(JSON.stringify(v));

test('diagnosticsBytes reads back as the diagnostics, with each piece of related information shared or not', () => {
  fc.assert(
    fc.property(diagnostics, (ds: Diagnostic[]) => {
      assert.deepEqual(JSON.parse(diagnosticsBytes(ds).toString('utf8')), asRead(ds));
    }),
    { numRuns: 300 },
  );
});

test('a message holding JSON made beforehand goes out whole and reads back the same', async () => {
  await fc.assert(
    fc.asyncProperty(diagnostics, fc.nat(1000), fc.boolean(), async (ds: Diagnostic[], version, asBytes) => {
      const wire = new PassThrough();
      const writer = new BatchingMessageWriter(wire);
      const reader = new StreamMessageReader(wire);
      const got: Message[] = [];
      reader.listen((m) => got.push(m));
      // Made as the UTF-8 bytes the server hashes and sends, or as a string.
      const bytes = diagnosticsBytes(ds);
      const params = { uri: 'file:///ws/a.assoc.yaml', version, diagnostics: madeJson(ds, asBytes ? bytes : bytes.toString('utf8')) };
      const msg: NotificationMessage = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params };
      await writer.write(msg);
      await writer.write({ jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'after' } } as NotificationMessage);
      for (let i = 0; i < 50 && got.length < 2; i++) await new Promise((r) => setImmediate(r));
      reader.dispose();
      assert.equal(got.length, 2);
      assert.deepEqual(got[0], asRead(msg));
      assert.deepEqual((got[1] as NotificationMessage).params, { type: 3, message: 'after' });
    }),
    { numRuns: 100 },
  );
});
