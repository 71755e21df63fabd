// The TextMate grammar: its own patterns (tried before YAML's) mark association
// types, enum values and rule-relevant keys. Its regular expressions are plain
// enough to run as JavaScript ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Rule = { match: string; captures: Record<string, { name: string }> };
const grammar = JSON.parse(readFileSync(join(__dirname, '..', 'syntaxes', 'assoc-yaml.tmLanguage.json'), 'utf8')) as {
  patterns: Array<{ include: string }>;
  repository: Record<string, Rule>;
};

/** The scopes a line gets from the first of our patterns that matches it. */
function scopes(line: string): Record<string, string> {
  for (const { include } of grammar.patterns) {
    const rule = grammar.repository[include.slice(1)];
    if (!rule) continue;
    const m = new RegExp(rule.match).exec(line);
    if (!m) continue;
    const out: Record<string, string> = {};
    for (const [i, c] of Object.entries(rule.captures)) if (m[Number(i)]) out[m[Number(i)]] = c.name;
    return out;
  }
  return {};
}

test('association types are marked, in list items and plain', () => {
  assert.equal(scopes('  - type: DPOR')['DPOR'], 'support.type.association.assoc');
  assert.equal(scopes('    type: TPOR   # EA')['TPOR'], 'support.type.association.assoc');
  assert.deepEqual(scopes('  - type: DPRO'), {});
});

test('enum values and rule-relevant keys are marked', () => {
  assert.equal(scopes('    role: OSU')['OSU'], 'constant.language.enum.assoc');
  assert.equal(scopes('    model: indirect-reseller # T2')['indirect-reseller'], 'constant.language.enum.assoc');
  assert.match(scopes('    partnerId: 1234567')['partnerId'], /keyword\.other\.association-key\.assoc/);
  assert.match(scopes('    solutionAreas: [infrastructure]')['solutionAreas'], /association-key/);
  assert.deepEqual(scopes('    note: role: OSU'), {});
});

test('disable comments are marked, and everything else falls back to YAML', () => {
  assert.equal(scopes('  # assoc-disable-next-line dpor-one-per-subscription')['assoc-disable-next-line'], 'keyword.control.directive.assoc');
  assert.equal(grammar.patterns[grammar.patterns.length - 1].include, 'source.yaml');
});
