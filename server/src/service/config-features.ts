// `.assocrc.yaml` as a first-class file: completion of its keys, editions,
// rule ids and severities, and hover with what each one means.
import { CompletionItemKind, type CompletionItem, type Hover, type Position } from 'vscode-languageserver-types';
import { EDITION_IDS, editionDoc, editionTable, isEdition } from './editions';
import { ALL_RULE_META, RULES_BY_ID, editionsOf } from './rules';
import { SEVERITY_SETTINGS, type RuleMeta } from './types';
import { parseRecord } from './parse';
import { nodeAt } from './yaml/tree';

const SEVERITY_DOCS: Record<string, string> = {
  error: 'Reported as an error: `assoc-lint` exits 1.',
  warning: 'Reported as a warning: it fails a run only past `--max-warnings`.',
  info: 'Reported as information: it never fails a run.',
  off: 'The rule is not run.',
};

function ruleDoc(r: RuleMeta, docsBase?: string): string {
  const runs = editionsOf(r);
  const where = runs.length === EDITION_IDS.length ? 'every edition' : `the ${runs.join(', ')} edition${runs.length === 1 ? '' : 's'}`;
  const link = docsBase ? `\n\n[The rule's page](${docsBase}${r.id}.md)` : '';
  return `**${r.id}** (default: ${r.defaultSeverity}; runs in ${where})\n\n${r.description}${link}`;
}

const TOP: Record<string, string> = {
  program: 'The rules edition for records that set no `program:` of their own.',
  rules: 'The severity of each rule: error, warning, info or off.',
};

/** Completion in `.assocrc.yaml`: read from the line, since the line being typed rarely parses. */
export function configCompletion(text: string, pos: Position, docsBase?: string): CompletionItem[] {
  const lines = text.split(/\r\n|\r|\n/);
  const before = (lines[pos.line] ?? '').slice(0, pos.character);
  const present = (re: RegExp) => new Set(lines.flatMap((l, i) => (i === pos.line ? [] : [...(re.exec(l) ?? [])].slice(1, 2))));
  const value = /^(\s*)([\w-]+):\s*([\w-]*)$/.exec(before);
  if (value) {
    const [, indent, key] = value;
    if (indent === '' && key === 'program') {
      return EDITION_IDS.map((e) => ({ label: e, kind: CompletionItemKind.EnumMember, detail: editionTable(e).title, documentation: { kind: 'markdown', value: editionDoc(e) } }));
    }
    if (indent !== '' && RULES_BY_ID.has(key)) {
      return SEVERITY_SETTINGS.map((s, i) => ({ label: s, kind: CompletionItemKind.EnumMember, documentation: SEVERITY_DOCS[s], sortText: String(i) }));
    }
    return [];
  }
  const key = /^(\s*)([\w-]*)$/.exec(before);
  if (!key) return [];
  if (key[1] === '') {
    const have = present(/^([\w-]+):/);
    return Object.keys(TOP)
      .filter((k) => !have.has(k))
      .map((k) => ({ label: k, kind: CompletionItemKind.Property, documentation: TOP[k], insertText: k === 'rules' ? 'rules:\n  ' : `${k}: ` }));
  }
  // A key under `rules:`: the rule ids not set yet.
  const have = present(/^\s+([\w-]+):/);
  return ALL_RULE_META.filter((r) => !have.has(r.id)).map((r) => ({
    label: r.id,
    kind: CompletionItemKind.Property,
    detail: `default: ${r.defaultSeverity}`,
    documentation: { kind: 'markdown', value: ruleDoc(r, docsBase) },
    insertText: `${r.id}: `,
  }));
}

/** Hover in `.assocrc.yaml`: a rule id, an edition, a severity. */
export function configHover(text: string, pos: Position, docsBase?: string): Hover | null {
  const parsed = parseRecord('', text, 0, { model: false });
  const at = nodeAt(parsed.root, parsed.lines.offset(pos));
  if (!at || at.node.kind !== 'scalar') return null;
  const range = parsed.lines.range(at.node.start, at.node.end);
  const value = String(at.node.value ?? '');
  const md = (v: string): Hover => ({ contents: { kind: 'markdown', value: v }, range });
  const [top, rule] = at.path;
  if (at.isKey && at.path.length === 1 && TOP[value]) return md(`**${value}**: ${TOP[value]}`);
  if (top === 'rules' && typeof rule === 'string' && RULES_BY_ID.has(rule)) {
    if (at.isKey) return md(ruleDoc(RULES_BY_ID.get(rule)!, docsBase));
    if (SEVERITY_DOCS[value]) return md(`**${value}**: ${SEVERITY_DOCS[value]}`);
  }
  if (top === 'program' && !at.isKey && isEdition(value)) return md(`**Rules edition ${value}**: ${editionDoc(value)}`);
  return null;
}
