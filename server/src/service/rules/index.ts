import type { Rule } from './api';
import type { Edition, RuleMeta } from '../types';
import { EDITION_IDS, editionTable } from '../editions';
import { rule as unknownReference } from './unknown-reference';
import { rule as duplicateId } from './duplicate-id';
import { rule as partnerIdFormat } from './partner-id-format';
import { rule as dateRange } from './date-range';
import { rule as customerDuplicate } from './customer-duplicate';
import { rule as solutionAreaEligibility } from './solution-area-eligibility';
import { rule as dporOnePerSubscription } from './dpor-one-per-subscription';
import { rule as cporOnePerWorkload } from './cpor-one-per-workload';
import { rule as cporRoleRecognition } from './cpor-role-recognition';
import { rule as cporLicensing } from './cpor-licensing';
import { rule as cporScope } from './cpor-scope';
import { rule as cporPoe } from './cpor-poe';
import { rule as cspIndirectProvider } from './csp-indirect-provider';
import { rule as tporEnterpriseAgreement } from './tpor-enterprise-agreement';
import { rule as tporChannel } from './tpor-channel';
import { rule as tporOnePerAgreement } from './tpor-one-per-agreement';
import { rule as tporNotDpor } from './tpor-not-dpor';
import { rule as palDuplicate } from './pal-duplicate';
import { rule as dporEnterpriseAgreement } from './dpor-enterprise-agreement';
import { rule as cporRoleArea } from './cpor-role-area';
import { rule as segmentTrack } from './segment-track';
import { rule as tporNoCredit } from './tpor-no-credit';

/** The checks that are not rule modules: they come before every rule. */
const BUILTIN_META: RuleMeta[] = [
  { id: 'yaml-syntax', defaultSeverity: 'error', description: 'The file must be well-formed YAML, one document, without duplicate keys, within the size and alias limits.' },
  { id: 'schema', defaultSeverity: 'error', description: 'The record must match the JSON Schema: required fields, types, allowed values, GUID and date formats, no unknown keys.' },
  { id: 'config', defaultSeverity: 'error', description: 'The configuration (`.assocrc.yaml` and `# assoc-disable-next-line` comments) names only known editions, rules and severities.' },
];

/** Every rule, in the order of the rules table (docs/rules/README.md). */
export const RULES: readonly Rule[] = [
  unknownReference,
  duplicateId,
  partnerIdFormat,
  dateRange,
  customerDuplicate,
  solutionAreaEligibility,
  dporOnePerSubscription,
  cporOnePerWorkload,
  cporRoleRecognition,
  cporLicensing,
  cporScope,
  cporPoe,
  cspIndirectProvider,
  tporEnterpriseAgreement,
  tporChannel,
  tporOnePerAgreement,
  tporNotDpor,
  palDuplicate,
  dporEnterpriseAgreement,
  cporRoleArea,
  segmentTrack,
  tporNoCredit,
];

export const ALL_RULE_META: readonly RuleMeta[] = [...BUILTIN_META, ...RULES];
export const RULES_BY_ID: ReadonlyMap<string, RuleMeta> = new Map(ALL_RULE_META.map((r) => [r.id, r]));
export const RULE_IDS: readonly string[] = ALL_RULE_META.map((r) => r.id);

/** Whether a check runs in an edition: as the edition's data decides. */
export function runsIn(meta: RuleMeta, edition: Edition): boolean {
  return !meta.appliesTo || meta.appliesTo(editionTable(edition));
}

/** The editions a check runs in. */
export function editionsOf(meta: RuleMeta): Edition[] {
  return EDITION_IDS.filter((e) => runsIn(meta, e));
}

/** A PascalCase name for tools that want a name beside the id (SARIF): `DporOnePerSubscription`. */
export function ruleName(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}

export type { Rule, FileRule, WorkspaceRule, Claim, ClaimKey, RuleContext, ClaimContext, RuleFinding } from './api';

/**
 * Makes one rule throw on every file, to show that a failing rule is
 * contained (fault tests set ASSOC_TEST_FAIL_RULE; the hosts call this).
 */
export function injectRuleFault(id: string | undefined): void {
  const rule = RULES.find((r) => r.id === id);
  if (!rule) return;
  const fault = () => {
    throw new Error(`injected fault in ${rule.id}`);
  };
  if (rule.scope === 'file') rule.check = fault;
  else rule.claims = fault;
}
