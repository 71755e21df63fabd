import type { Rule } from './api';
import type { RuleMeta } from '../types';
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

/** The two checks that are not rule modules: they come before every rule. */
export const BUILTIN_META: RuleMeta[] = [
  { id: 'yaml-syntax', defaultSeverity: 'error', description: 'The file must be well-formed YAML, one document, without duplicate keys.' },
  { id: 'schema', defaultSeverity: 'error', description: 'The record must match the JSON Schema: required fields, types, allowed values, GUID and date formats, no unknown keys.' },
];

/** Every rule, in the order of SPEC section 3. */
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

export type { Rule, FileRule, WorkspaceRule, Claim, RuleContext, ClaimContext } from './api';
