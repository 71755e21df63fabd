// Code lenses say what an association counts toward, as the rules of the edition judge it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Edition } from '../server/src/service/types';
import { serviceFor, VALID } from './helpers';

const lens = (text: string, edition: Edition) => {
  const { svc, uri } = serviceFor(text, { program: edition });
  return svc.codeLenses(uri).map((l) => l.command?.title);
};

test('the edition table, and what 2026-05 takes away', () => {
  const smb = VALID.replace('segment: enterprise', 'segment: smb').replace('[infrastructure, data-ai]', '[infrastructure, modern-work]');
  assert.deepEqual(lens(smb, '2023-08'), ['Counts toward Infrastructure (Azure), Modern Work (2023-08)']);
  assert.deepEqual(lens(smb, '2026-05'), ['Counts toward Infrastructure (Azure) (2026-05)']);
  assert.deepEqual(lens(VALID.replace('licensing: EA', 'licensing: AzurePlan'), '2026-05'), ['Counts toward no solution area (2026-05)']);
  const osa = `${VALID}  - type: CPOR\n    partnerId: 1234567\n    role: OSA\n    recognition: revenue\n    subscription: fabrikam-prod\n    solutionAreas: [modern-work, business-applications]\n`;
  assert.equal(lens(osa, '2026-05')[1], 'Counts toward Business Applications (2026-05)');
  assert.equal(lens(osa, '2023-08')[1], 'Counts toward Modern Work, Business Applications (2023-08)');
  const tpor = `${VALID}  - type: TPOR\n    channel: lsp\n    partnerId: 7654321\n    agreement: EA-48213\n`;
  assert.equal(lens(tpor, '2023-08')[1], 'The 2023-08 edition does not say which areas TPOR counts toward');
  assert.equal(lens(tpor, '2026-05')[1], 'Counts toward no solution area (2026-05)');
});

test('the lens judges credit as the coverage report does: a silenced finding takes nothing, any other error takes everything', () => {
  const silenced = VALID.replace('licensing: EA', 'licensing: AzurePlan').replace('    subscription: fabrikam-prod\n    solutionAreas', '    # assoc-disable-next-line dpor-enterprise-agreement\n    subscription: fabrikam-prod\n    solutionAreas');
  assert.deepEqual(lens(silenced, '2026-05'), ['Counts toward Infrastructure (Azure), Data & AI (Azure) (2026-05)']);
  const off = serviceFor(VALID.replace('licensing: EA', 'licensing: AzurePlan'), { program: '2026-05', configText: 'rules:\n  dpor-enterprise-agreement: off\n' });
  assert.deepEqual(off.svc.codeLenses(off.uri).map((l) => l.command?.title), ['Counts toward Infrastructure (Azure), Data & AI (Azure) (2026-05)']);
  const broken = VALID.replace('    since: 2024-03-01', '    since: 2024-03-01\n    bogus: 1');
  assert.deepEqual(lens(broken, '2023-08'), ['Counts toward no solution area (2023-08)']);
});
