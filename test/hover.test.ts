// Hover, at the service level: a `|` marks the cursor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Edition } from '../server/src/service/types';
import { cursor, serviceFor, VALID } from './helpers';

function hoverAt(marked: string, edition: Edition = '2023-08'): string | undefined {
  const { text, position } = cursor(marked);
  const { svc, uri } = serviceFor(text, { program: edition });
  const h = svc.hover(uri, position);
  return h ? (h.contents as { value: string }).value : undefined;
}

test('each association type, with the edition\'s areas and notes', () => {
  const dpor23 = hoverAt(VALID.replace('type: DPOR', 'type: DP|OR'))!;
  assert.match(dpor23, /Counts toward, in the 2023-08 edition: Data & AI \(Azure\), Digital & App Innovation \(Azure\), Infrastructure \(Azure\), Modern Work, Business Applications\./);
  assert.doesNotMatch(dpor23, /Enterprise Agreement \(on an Azure plan/);
  const dpor26 = hoverAt(VALID.replace('type: DPOR', 'type: DP|OR'), '2026-05')!;
  assert.match(dpor26, /\*\*2026-05:\*\* In this edition DPOR is for subscriptions under an Enterprise Agreement/);
  for (const [type, name] of [['CPOR', 'Claiming Partner of Record'], ['PAL', 'Partner Admin Link'], ['CSP', 'Cloud Solution Provider'], ['TPOR', 'Transacting Partner of Record']]) {
    assert.match(hoverAt(VALID.replace('type: DPOR', `type: ${type.slice(0, 1)}|${type.slice(1)}`))!, new RegExp(name));
  }
  assert.match(hoverAt(VALID.replace('type: DPOR', 'type: C|SP'), '2026-05')!, /Security, Business Applications\./);
});

test('values: roles, recognition, models, channels, segments and areas', () => {
  const cpor = `${VALID}  - type: CPOR\n    role: R|evRec\n    recognition: revenue\n`;
  assert.match(hoverAt(cpor)!, /Revenue recognition/);
  assert.match(hoverAt(cpor.replace('R|evRec', 'RevRec').replace('recognition: revenue', 'recognition: reve|nue'))!, /Shows the revenue you influenced/);
  assert.match(hoverAt(`${VALID}  - type: CSP\n    model: indirect-re|seller\n`)!, /Indirect reseller/);
  assert.match(hoverAt(`${VALID}  - type: TPOR\n    channel: microsoft-d|irect\n`)!, /Enterprise Direct Advisor/);
  assert.match(hoverAt(VALID.replace('segment: enterprise', 'segment: ent|erprise'))!, /Enterprise customer/);
  assert.match(hoverAt(VALID.replace('[infrastructure, data-ai]', '[infrastructure, data|-ai]'))!, /Data & AI \(Azure\)[\s\S]*count toward it in the 2023-08 edition: DPOR, PAL, CSP\./);
});

test('a PAL role is an RBAC role, not a CPOR role', () => {
  const pal = `${VALID}  - type: PAL\n    role: Own|er\n`;
  assert.match(hoverAt(pal)!, /RBAC role/);
});

test('keys get their field documentation; references show their target', () => {
  assert.match(hoverAt(VALID.replace('partnerId:', 'partn|erId:'))!, /PartnerID/);
  assert.match(hoverAt(VALID.replace('    since:', '    si|nce:'))!, /first day of the association/);
  const sub = hoverAt(VALID.replace('subscription: fabrikam-prod', 'subscription: fabrikam-p|rod'))!;
  assert.match(sub, /product: Azure/);
  const agreement = hoverAt(VALID.replace('    agreement: EA-48213', '    agreement: EA-4|8213'))!;
  assert.match(agreement, /Agreement EA-48213\*\* \(EA\)[\s\S]*Subscriptions under it: fabrikam-prod/);
  assert.equal(hoverAt(VALID.replace('subscription: fabrikam-prod', 'subscription: nowh|ere')), 'No subscription `nowhere` is declared in this file.');
});

test('nothing on white space and comments', () => {
  assert.equal(hoverAt(`${VALID}  # a com|ment\n`), undefined);
  assert.equal(hoverAt(`${VALID.replace('version: 1\n', 'version: 1\n   |\n')}`), undefined);
});

test('what the sources say, edition by edition: usage recognition, OSU in Business Applications, TPOR, PAL', () => {
  const cpor = `${VALID}  - type: CPOR\n    role: OSU\n    recognition: us|age\n`;
  assert.match(hoverAt(cpor, '2023-08')!, /usage associations may earn incentives/);
  assert.doesNotMatch(hoverAt(cpor, '2023-08')!, /not paid as an incentive/);
  assert.match(hoverAt(cpor, '2026-05')!, /In\s+Business Applications it is non-incentivized in this edition/);
  const osu = `${VALID}  - type: CPOR\n    role: O|SU\n`;
  assert.match(hoverAt(osu, '2023-08')!, /for incentive recognition\s+only/);
  assert.match(hoverAt(osu, '2026-05')!, /Usage recognition –\s+Non-Incentivized/);
  const tpor = hoverAt(VALID.replace('type: DPOR', 'type: TP|OR'))!;
  assert.match(tpor, /any subscription activity under the agreement activates the TPOR association/);
  assert.doesNotMatch(tpor, /keeps it active/);
  const pal = hoverAt(VALID.replace('type: DPOR', 'type: P|AL'))!;
  assert.match(pal, /Power Platform and Customer Insights, where only the latest qualifying partner gets the credit/);
  const identity = hoverAt(`${VALID}  - type: PAL\n    ident|ity: {kind: user, objectId: 11111111-2222-4333-8444-555555555555}\n`)!;
  assert.match(identity, /Azure Lighthouse/);
});
