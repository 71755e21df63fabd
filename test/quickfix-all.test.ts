// Every quick fix offered on every golden fixture, applied and held to the
// bar of test/oracle.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAssocService } from '../server/src/service/service';
import { fixFails } from './oracle';

const ROOT = join(__dirname, 'fixtures', 'rules');

function workspaces(): string[][] {
  const out: string[][] = [];
  for (const rule of readdirSync(ROOT)) {
    for (const entry of readdirSync(join(ROOT, rule))) {
      const full = join(ROOT, rule, entry);
      if (statSync(full).isDirectory()) out.push(readdirSync(full).filter((f) => f.endsWith('.assoc.yaml')).map((f) => join(full, f)));
      else if (entry.endsWith('.assoc.yaml')) out.push([full]);
    }
  }
  return out;
}

test('every quick fix on every fixture clears the bar', () => {
  let applied = 0;
  const kinds = new Set<string>();
  for (const files of workspaces()) {
    const texts = new Map(files.map((f) => [pathToFileURL(f).href, readFileSync(f, 'utf8')]));
    const svc = createAssocService();
    for (const [uri, text] of texts) svc.open(uri, text, 1);
    for (const uri of texts.keys()) {
      for (const d of svc.diagnostics(uri)) {
        for (const action of svc.codeActions(uri, d.range, [d])) {
          const where = `${uri.slice(uri.indexOf('/rules/'))}: '${action.title}' for ${d.code} at line ${d.range.start.line + 1}`;
          const why = fixFails(texts, uri, d, action);
          assert.equal(why, undefined, `${where}: ${why}`);
          applied++;
          kinds.add((d.data as { kind: string }).kind);
        }
      }
    }
  }
  assert.ok(applied > 40, `applied ${applied} fixes`);
  console.log(`applied ${applied} quick fixes`);
  assert.deepEqual([...kinds].sort(), ['add-field', 'end-before', 'end-other', 'remove-field', 'remove-item', 'replace']);
});
