// Every quick fix offered on every golden fixture, applied: the YAML stays
// well formed, the diagnostic it was offered for is gone, and every comment
// outside the lines the fix removes is kept, as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Project } from '../server/src/service/workspace';
import { codeActions } from '../server/src/service/actions';
import { emptyConfig } from '../server/src/service/config';

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

function comments(text: string): string[] {
  return text.split('\n').flatMap((l) => {
    const m = /(^|\s)(#.*)$/.exec(l);
    return m ? [m[2]] : [];
  });
}

test('every quick fix on every fixture', () => {
  let applied = 0;
  const kinds = new Set<string>();
  for (const files of workspaces()) {
    const project = new Project({ configFor: () => emptyConfig() });
    const texts = new Map(files.map((f) => [pathToFileURL(f).href, readFileSync(f, 'utf8')]));
    for (const [uri, text] of texts) project.set(uri, text);
    for (const [uri, text] of texts) {
      const analysis = project.get(uri)!;
      const diagnostics = project.diagnostics(uri);
      for (const d of diagnostics) {
        for (const action of codeActions(analysis.parsed, [d], analysis.edition, (u) => project.get(u)?.parsed)) {
          const changes = Object.entries(action.edit?.changes ?? {});
          assert.ok(changes.length === 1 && changes[0][1].length > 0, `${action.title} has edits in one file`);
          const [target, edits] = changes[0];
          const where = `${uri.slice(uri.indexOf('/rules/'))}: '${action.title}' for ${d.code} at line ${d.range.start.line + 1}`;
          const original = texts.get(target)!;
          const fixedTarget = TextDocument.applyEdits(TextDocument.create(target, 'assoc-yaml', 1, original), edits);
          const fixed = target === uri ? fixedTarget : text;
          const after = new Project({ configFor: () => emptyConfig() });
          for (const [u, t] of texts) after.set(u, u === target ? fixedTarget : t);
          const now = after.diagnostics(uri);
          assert.ok(!after.diagnostics(target).some((x) => x.code === 'yaml-syntax') || diagnostics.some((y) => y.code === 'yaml-syntax'), `${where}: broke the YAML\n${fixedTarget}`);
          const sameLine = (x: { range: { start: { line: number } } }) => x.range.start.line === d.range.start.line;
          const before = diagnostics.filter((x) => x.code === d.code && sameLine(x)).length;
          const remaining = now.filter((x) => x.code === d.code && sameLine(x) && x.message === d.message).length;
          assert.ok(remaining < before || before === 0, `${where}: the diagnostic is still there\n${fixed}`);
          // A fix may leave a value to fill in (a field added without one), lead to advice (a
          // warning such as 'incentive needs a poe') or to a next field that has its own fix
          // ('indirect-reseller needs indirectProvider'), and no other new error.
          const key = (x: { code?: unknown; message: unknown }) => `${x.code} ${x.message}`;
          const old = new Set(diagnostics.map(key));
          const inserted = edits.filter((e) => e.newText.includes('\n') || e.newText.startsWith(',')).map((e) => e.range.start.line);
          const nextStep = (n: { data?: unknown }) => (n.data as { kind?: string } | undefined)?.kind === 'add-field';
          for (const x of now.filter((n) => !old.has(key(n)) && n.severity === 1 && !nextStep(n))) {
            const onNewLine = inserted.some((l) => x.range.start.line >= l && x.range.start.line <= l + 3);
            assert.ok(onNewLine && /not nothing|must not be empty/.test(String(x.message)), `${where}: brought a new diagnostic: ${key(x)}\n${fixed}`);
          }
          // Comments: those on lines the fix did not remove are all still there.
          const removedLines = new Set<number>();
          for (const e of edits) {
            if (e.newText === '' && e.range.end.line > e.range.start.line) for (let l = e.range.start.line; l < e.range.end.line; l++) removedLines.add(l);
          }
          const kept = comments(original.split('\n').filter((_, i) => !removedLines.has(i)).join('\n'));
          const got = comments(fixedTarget);
          for (const c of kept) assert.ok(got.includes(c), `${where}: lost the comment ${c}\n${fixed}`);
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
