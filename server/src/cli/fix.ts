// `--fix` and `--fix-dry-run`: the quick fixes that decide nothing for the
// user, applied until nothing changes. A fix is applied only when it is the
// one fix the service offers for its diagnostic, the service marks it safe
// (`data: { safe: true }`), and it edits only the diagnostic's own file.
// The service has checked each fix on its own before offering it (the YAML
// still parses, comments stay, the diagnostic goes, nothing new appears);
// fixes applied together in one pass are checked again here, together.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import type { AssocService } from '../service/service';

/** Passes over the files, at most: each pass applies what the last one made possible. */
export const MAX_PASSES = 10;

export interface AppliedFix {
  uri: string;
  /** Where the diagnostic was, 1-based, in the text as it was before this fix. */
  line: number;
  column: number;
  rule: string;
  /** The fix, as the editor offers it: `Change to 'service-principal'`. */
  title: string;
}

export interface FixRun {
  applied: AppliedFix[];
  /** The fixed text of every file a fix changed, by URI. */
  texts: Map<string, string>;
  /** Passes made (the last one changed nothing, unless the limit was reached). */
  passes: number;
}

interface Candidate {
  diagnostic: Diagnostic;
  title: string;
  edits: TextEdit[];
  /** Offsets of the edits in the current text. */
  start: number;
  end: number;
}

const messageOf = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);
const keyOf = (d: Diagnostic) => `${String(d.code)}\u0000${messageOf(d)}`;

/** The one safe fix the service offers for a diagnostic that edits only its own file, or undefined. */
function unambiguousFix(service: AssocService, uri: string, doc: TextDocument, d: Diagnostic): Candidate | undefined {
  const actions: CodeAction[] = service.codeActions(uri, d.range, [d]);
  if (actions.length !== 1) return undefined;
  const [action] = actions;
  const safe = (action.data as { safe?: unknown } | undefined)?.safe === true;
  const changes = action.edit?.changes ?? {};
  const targets = Object.keys(changes);
  // A fix that edits another file is skipped: the run changes only a file through its own diagnostics.
  if (!safe || action.edit?.documentChanges || targets.length !== 1 || targets[0] !== uri) return undefined;
  const edits = changes[uri];
  if (edits.length === 0) return undefined;
  const start = Math.min(...edits.map((e) => doc.offsetAt(e.range.start)));
  const end = Math.max(...edits.map((e) => doc.offsetAt(e.range.end)));
  return { diagnostic: d, title: action.title, edits, start, end };
}

/** Whether the diagnostics after a set of fixes are those before, less what the fixes fixed, and the YAML still parses. */
function holds(before: Diagnostic[], after: Diagnostic[], fixed: Diagnostic[]): boolean {
  const left = new Map<string, number>();
  for (const d of before) left.set(keyOf(d), (left.get(keyOf(d)) ?? 0) + 1);
  for (const d of fixed) left.set(keyOf(d), (left.get(keyOf(d)) ?? 0) - 1);
  for (const d of after) {
    const n = left.get(keyOf(d)) ?? 0;
    if (n <= 0) return false;
    left.set(keyOf(d), n - 1);
  }
  return true;
}

/**
 * Applies the safe fixes to the files of a run, in the service: each pass
 * takes every file's unambiguous fixes whose edits do not touch one another,
 * until a pass changes nothing or `MAX_PASSES` have been made. Writes nothing:
 * the caller writes `texts` or prints their diff.
 */
export function applyFixes(service: AssocService, uris: readonly string[], read: (uri: string) => string | undefined): FixRun {
  /** Each file's text as fixed so far, read when it first has something to fix (undefined: it cannot be read). */
  const current = new Map<string, string | undefined>();
  const originals = new Map<string, string>();
  const versions = new Map<string, number>();
  const applied: AppliedFix[] = [];
  const texts = new Map<string, string>();
  let passes = 0;
  while (passes < MAX_PASSES) {
    passes++;
    let changed = false;
    for (const uri of uris) {
      const fixable = service.diagnostics(uri).filter((d) => d.data !== undefined);
      if (fixable.length === 0) continue;
      if (!current.has(uri)) {
        const text = read(uri);
        current.set(uri, text);
        if (text !== undefined) originals.set(uri, text);
      }
      const text = current.get(uri);
      if (text === undefined) continue;
      let version = versions.get(uri);
      if (version === undefined) {
        // Opened once, for the editor features (the fixes need the parse).
        version = 1;
        versions.set(uri, version);
        service.open(uri, text, version);
      }
      const doc = TextDocument.create(uri, 'assoc-yaml', version, text);
      const before = service.diagnostics(uri);
      const candidates = before
        .filter((d) => d.data !== undefined)
        .map((d) => unambiguousFix(service, uri, doc, d))
        .filter((c): c is Candidate => c !== undefined)
        .sort((a, b) => a.start - b.start || a.end - b.end);
      if (candidates.length === 0) continue;
      // Fixes whose edits neither overlap nor touch; the others wait for the next pass.
      const chosen: Candidate[] = [];
      for (const c of candidates) if (chosen.length === 0 || c.start > chosen[chosen.length - 1].end) chosen.push(c);
      let take = chosen;
      let next = TextDocument.applyEdits(doc, take.flatMap((c) => c.edits));
      service.open(uri, next, ++version);
      if (take.length > 1 && !holds(before, service.diagnostics(uri), take.map((c) => c.diagnostic))) {
        // Together they do not hold: the first alone, as the service checked it.
        take = chosen.slice(0, 1);
        next = TextDocument.applyEdits(doc, take[0].edits);
        service.open(uri, next, ++version);
      }
      versions.set(uri, version);
      current.set(uri, next);
      texts.set(uri, next);
      changed = true;
      for (const c of take) {
        applied.push({ uri, line: c.diagnostic.range.start.line + 1, column: c.diagnostic.range.start.character + 1, rule: String(c.diagnostic.code), title: c.title });
      }
    }
    if (!changed) break;
  }
  // A file fixed back to what it was is not changed.
  for (const [uri, text] of originals) if (texts.get(uri) === text) texts.delete(uri);
  return { applied, texts, passes };
}

/** A unified diff of one file's fix, three lines of context, with `a/` and `b/` prefixes, as `git apply` and `patch -p1` take it. */
export function fixDiff(name: string, before: string, after: string): string {
  const patch = createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY });
  // As git writes it: an unquoted name with a space ends with a tab, or `patch` takes the name to end at the first space.
  return name.includes(' ') ? patch.replace(/^(--- a\/.*)\n(\+\+\+ b\/.*)\n/, '$1\t\n$2\t\n') : patch;
}
