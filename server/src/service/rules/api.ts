import type { Range } from 'vscode-languageserver-types';
import type { EditionTable } from '../editions';
import type { Period } from '../dates';
import type {
  AgreementModel,
  AssociationModel,
  Edition,
  Finding,
  Located,
  RecordModel,
  RuleMeta,
  SubscriptionModel,
} from '../types';

export interface RuleContext {
  record: RecordModel;
  edition: Edition;
  table: EditionTable;
  report(finding: Omit<Finding, 'rule'>): void;
  /** The subscription a reference names, by name or by id, when declared in this file. */
  subscriptionOf(ref: Located<string> | undefined): SubscriptionModel | undefined;
  agreementOf(ref: Located<string> | undefined): AgreementModel | undefined;
}

/** A rule that looks at one record file. */
export interface FileRule extends RuleMeta {
  scope: 'file';
  check(ctx: RuleContext): void;
}

/**
 * What one record asserts that must be unique across the workspace: records
 * whose claims share a key are compared pair by pair.
 */
export interface Claim {
  uri: string;
  key: string;
  /** Where the diagnostic goes in this claim's file. */
  range: Range;
  period: Period;
  partnerId?: string;
  /** Which side of a two-sided rule this claim is (for example TPOR or DPOR). */
  side?: string;
  /** A short description, for the related information shown at the other records. */
  label: string;
  /** The day before which an earlier claim could be ended, when this one starts later. */
  since?: string;
}

export interface ClaimContext {
  record: RecordModel;
  edition: Edition;
  subscriptionOf(ref: Located<string> | undefined): SubscriptionModel | undefined;
  agreementOf(ref: Located<string> | undefined): AgreementModel | undefined;
}

/** A rule over every record file of the workspace, keyed as SPEC section 3 says. */
export interface WorkspaceRule extends RuleMeta {
  scope: 'workspace';
  claims(ctx: ClaimContext): Claim[];
  /** Whether two claims with the same key are in conflict. */
  conflicts(a: Claim, b: Claim): boolean;
  /** Whether this claim's record gets the diagnostic (all do, by default). */
  reports?(claim: Claim): boolean;
  /** Whether an earlier claim can be ended the day before a later one starts (a quick fix). */
  endable?: boolean;
  message(claim: Claim, others: Claim[]): string;
}

export type Rule = FileRule | WorkspaceRule;

/**
 * When an association holds. Undefined when a date is written but is not a
 * date: a rule cannot tell then, so it stays silent (the schema reports it).
 */
export function periodOf(a: AssociationModel): Period | undefined {
  if ((a.keys.has('since') && !a.since) || (a.keys.has('until') && !a.until)) return undefined;
  // An association that ends before it starts (date-range says so) holds at no time we can tell.
  if (a.since && a.until && a.until.value < a.since.value) return undefined;
  return { since: a.since?.value, until: a.until?.value };
}

export function describePeriod(p: Period): string {
  if (!p.since && !p.until) return 'with no dates';
  if (!p.until) return `from ${p.since}`;
  if (!p.since) return `until ${p.until}`;
  return `from ${p.since} to ${p.until}`;
}

export function partnerLabel(a: AssociationModel): string {
  return a.partnerId ? `partner ${a.partnerId.value}` : 'an unnamed partner';
}

/** The subscription's GUID, lower-cased: how records in different files meet. */
export function subscriptionKey(sub: SubscriptionModel | undefined): string | undefined {
  return sub?.id?.value.toLowerCase();
}

export function subscriptionLabel(sub: SubscriptionModel): string {
  return sub.name ? `${sub.name.value} (${sub.id?.value})` : `${sub.id?.value}`;
}

export function hasArea(a: AssociationModel, area: string): Located<string> | undefined {
  return a.solutionAreas.find((s) => s.value === area);
}

/** An OSU claim toward Business Applications: per subscription, incentive only, EA or CASA-EES. */
export function isBizAppsOsu(a: AssociationModel): boolean {
  return a.role?.value === 'OSU' && hasArea(a, 'business-applications') !== undefined;
}

/** Whether two partner IDs are the same partner (leading zeros aside). */
export function samePartner(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.replace(/^0+(?=\d)/, '') === b.replace(/^0+(?=\d)/, '');
}

/** "A RevRec claim", "An OSA claim". */
export function claimOf(role: string): string {
  return `${/^[AEIOU]/.test(role) ? 'An' : 'A'} ${role} claim`;
}
