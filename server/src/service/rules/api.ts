import type { EditionTable } from '../editions';
import type { Period } from '../dates';
import type {
  AgreementModel,
  AssociationModel,
  Edition,
  FixHint,
  Located,
  RecordModel,
  RuleMeta,
  SolutionArea,
  Span,
  SubscriptionModel,
} from '../types';

/** What a rule reports, placed by offsets in the record it checks. */
export interface RuleFinding {
  span: Span;
  message: string;
  /** Other places in the same record. */
  related?: Array<{ span: Span; message: string }>;
  fix?: FixHint;
  /** The association it is about, if any. */
  association?: AssociationModel;
  /** The credit it takes from that association: every area, or some. */
  withdraws?: 'all' | SolutionArea[];
}

export interface RuleContext {
  record: RecordModel;
  edition: Edition;
  table: EditionTable;
  report(finding: RuleFinding): void;
  /** The subscription a reference names, by name or by id, when declared in this file. */
  subscriptionOf(ref: Located<string> | undefined): SubscriptionModel | undefined;
  agreementOf(ref: Located<string> | undefined): AgreementModel | undefined;
}

/** A rule that looks at one record file. */
export interface FileRule extends RuleMeta {
  scope: 'file';
  check(ctx: RuleContext): void;
}

/** What must be unique across the workspace, and where records meet: two claims meet when every field is the same. */
export type ClaimKey =
  | { on: 'subscription'; subscription: string }
  | { on: 'workload'; tenant: string; workload: string }
  | { on: 'agreement'; agreement: string }
  | { on: 'tenant'; tenant: string }
  | { on: 'agreement-partner'; agreement: string; partner: string }
  | { on: 'subscription-partner'; subscription: string; partner: string };

/**
 * A key as a string: a letter for what it is on, then its fields, split by
 * NUL. Short, as it is hashed and compared for each of a workspace's claims.
 */
export function claimKeyString(key: ClaimKey): string {
  switch (key.on) {
    case 'subscription':
      return `s${key.subscription}`;
    case 'workload':
      return `w${key.tenant}\u0000${key.workload}`;
    case 'agreement':
      return `a${key.agreement}`;
    case 'tenant':
      return `t${key.tenant}`;
    case 'agreement-partner':
      return `A${key.agreement}\u0000${key.partner}`;
    case 'subscription-partner':
      return `S${key.subscription}\u0000${key.partner}`;
  }
}

/** The key a claimKeyString was made from. (A value that itself holds the separator can be split at the wrong place; only a message's wording depends on it.) */
export function parseClaimKey(s: string): ClaimKey {
  const rest = s.slice(1);
  const cut = rest.indexOf('\u0000');
  const first = cut < 0 ? rest : rest.slice(0, cut);
  const second = cut < 0 ? '' : rest.slice(cut + 1);
  switch (s[0]) {
    case 'w':
      return { on: 'workload', tenant: first, workload: second };
    case 'A':
      return { on: 'agreement-partner', agreement: first, partner: second };
    case 'S':
      return { on: 'subscription-partner', subscription: first, partner: second };
    case 'a':
      return { on: 'agreement', agreement: rest };
    case 't':
      return { on: 'tenant', tenant: rest };
    default:
      return { on: 'subscription', subscription: rest };
  }
}

/**
 * What one record asserts that must be unique across the workspace: claims
 * with the same key whose periods overlap are in conflict (of different
 * sides, for a two-sided rule).
 */
export interface Claim {
  key: ClaimKey;
  /** Where the diagnostic goes in this claim's file. */
  span: Span;
  period: Period;
  partnerId?: string;
  /** Which side of a two-sided rule this claim is (for example TPOR or DPOR). */
  side?: string;
  /** What else the rule's label needs of the record (a customer's name, a channel). */
  note?: string;
  /** The association it comes from. */
  association: number;
}

/**
 * What a claim keeps once stored: its rule words its message and its label
 * from these. Labels are made only for the few claims in conflict, not for
 * every claim of every record.
 */
export interface ClaimFacts {
  key: ClaimKey;
  side?: string;
  partnerId?: string;
  since?: string;
  until?: string;
  note?: string;
}

export interface ClaimContext {
  record: RecordModel;
  edition: Edition;
  table: EditionTable;
  subscriptionOf(ref: Located<string> | undefined): SubscriptionModel | undefined;
  agreementOf(ref: Located<string> | undefined): AgreementModel | undefined;
}

/** A rule over every record file of the workspace: claims meet by subscription GUID, tenant, workload or agreement. */
export interface WorkspaceRule extends RuleMeta {
  scope: 'workspace';
  claims(ctx: ClaimContext): Claim[];
  /** Claims conflict only with claims of another side. */
  twoSided?: boolean;
  /** Whether this claim's record gets the diagnostic (all do, by default). */
  reports?(claim: Pick<Claim, 'side'>): boolean;
  /** Whether an earlier claim can be ended the day before a later one starts (a quick fix). */
  endable?: boolean;
  /** The message of a claim in conflict with `count` others. */
  message(claim: ClaimFacts, count: number): string;
  /** A short description of a claim, for the related information shown at the other records. */
  label(claim: ClaimFacts): string;
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

export function partnerLabel(partnerId: string | undefined): string {
  return partnerId !== undefined ? `partner ${partnerId}` : 'an unnamed partner';
}

/** The subscription's GUID, lower-cased: how records in different files meet. */
export function subscriptionKey(sub: SubscriptionModel | undefined): string | undefined {
  return sub?.id?.value.toLowerCase();
}

export function hasArea(a: AssociationModel, area: string): Located<string> | undefined {
  return a.solutionAreas.find((s) => s.value === area);
}

/** An OSU claim toward Business Applications: per subscription, incentive only, EA or CASA-EES. */
export function isBizAppsOsu(a: AssociationModel): boolean {
  return a.role?.value === 'OSU' && hasArea(a, 'business-applications') !== undefined;
}

/** A partner ID without leading zeros: how two IDs of the same partner compare. */
export function partnerKey(id: string): string {
  return id.replace(/^0+(?=\d)/, '');
}

/** Whether two partner IDs are the same partner (leading zeros aside). */
export function samePartner(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && partnerKey(a) === partnerKey(b);
}

/** "A RevRec claim", "An OSA claim". */
export function claimOf(role: string): string {
  return `${/^[AEIOU]/.test(role) ? 'An' : 'A'} ${role} claim`;
}

/** "1 other DPOR", "1,999 other DPORs". */
export function countOthers(count: number, one: string, many: string): string {
  return count === 1 ? `another ${one}` : `${thousands(count)} other ${many}`;
}

/** A count with commas between thousands, as en-US writes it (1,999): made here, not through the locale machinery, for each of thousands of conflicts. */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
