import type { Range } from 'vscode-languageserver-types';
import type { Span } from './yaml/lines';
import type { EditionTable } from './editions';

export type { Span };

/** A rules edition's id, `YYYY-MM`: the editions themselves are data (`editions/`). */
export type Edition = string;

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';
export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['error', 'warning', 'info', 'off'];

export type AssociationType = 'CPOR' | 'DPOR' | 'PAL' | 'CSP' | 'TPOR';
export const ASSOCIATION_TYPES: readonly AssociationType[] = ['CPOR', 'DPOR', 'PAL', 'CSP', 'TPOR'];

export type SolutionArea =
  | 'data-ai'
  | 'digital-app-innovation'
  | 'infrastructure'
  | 'modern-work'
  | 'security'
  | 'business-applications';
export const SOLUTION_AREAS: readonly SolutionArea[] = [
  'data-ai',
  'digital-app-innovation',
  'infrastructure',
  'modern-work',
  'security',
  'business-applications',
];

export function isSolutionArea(s: unknown): s is SolutionArea {
  return typeof s === 'string' && (SOLUTION_AREAS as readonly string[]).includes(s);
}

export function isAssociationType(s: unknown): s is AssociationType {
  return typeof s === 'string' && (ASSOCIATION_TYPES as readonly string[]).includes(s);
}

/** A value read from the record, with where it and its key stand in the text. */
export interface Located<T> {
  value: T;
  /** The value's offsets (a value written as an alias: the alias's). */
  span: Span;
  /** The key's offsets (equal to `span` for list items). */
  keySpan: Span;
}

export interface CustomerModel {
  anchor: Span;
  /** From the `customer` key to the end of its mapping. */
  span: Span;
  name?: Located<string>;
  tenantId?: Located<string>;
  domain?: Located<string>;
  segment?: Located<string>;
}

export interface AgreementModel {
  index: number;
  anchor: Span;
  span: Span;
  id?: Located<string>;
  kind?: Located<string>;
}

export interface SubscriptionModel {
  index: number;
  anchor: Span;
  span: Span;
  id?: Located<string>;
  name?: Located<string>;
  product?: Located<string>;
  licensing?: Located<string>;
  agreement?: Located<string>;
}

export interface IdentityModel {
  anchor: Span;
  kind?: Located<string>;
  objectId?: Located<string>;
  tenantId?: Located<string>;
}

/**
 * One association. Only values of the right shape are filled in, so a rule
 * that finds a field missing here can trust that the schema has spoken of it.
 */
export interface AssociationModel {
  index: number;
  /** The first key of the association's mapping: where "missing" is reported. */
  anchor: Span;
  /** The whole mapping. */
  span: Span;
  type?: Located<AssociationType>;
  /** The raw `type` value, even when it is not a known type. */
  rawType?: Located<string>;
  partnerId?: Located<string>;
  solutionAreas: Located<string>[];
  since?: Located<string>;
  until?: Located<string>;
  note?: Located<string>;
  // CPOR (and PAL, where it is the RBAC role)
  role?: Located<string>;
  recognition?: Located<string>;
  workload?: Located<string>;
  poe?: Located<string>;
  status?: Located<string>;
  // CPOR, DPOR, PAL, CSP
  subscription?: Located<string>;
  // PAL
  identity?: IdentityModel;
  scope?: Located<string>;
  // CSP
  model?: Located<string>;
  indirectProvider?: Located<string>;
  // TPOR
  channel?: Located<string>;
  agreement?: Located<string>;
  advisor?: Located<string>;
  /** Every key present, by name, to tell "absent" from "present but malformed". */
  keys: Map<string, Located<unknown>>;
}

export interface RecordModel {
  uri: string;
  version?: Located<unknown>;
  program?: Located<string>;
  customer?: CustomerModel;
  agreements: AgreementModel[];
  subscriptions: SubscriptionModel[];
  associations: AssociationModel[];
  /** Where the document starts: for problems of the file as a whole. */
  start: Span;
  /** Subscriptions by name, then by lower-cased id, the first declared of each. */
  subscriptionIndex: Map<string, SubscriptionModel>;
  agreementIndex: Map<string, AgreementModel>;
}

export interface RelatedInfo {
  uri: string;
  range: Range;
  message: string;
}

/** What a quick fix needs to know, carried on the diagnostic. */
export type FixHint =
  | { kind: 'replace'; candidates: string[] }
  | { kind: 'remove-item' }
  | { kind: 'end-before'; until: string }
  /** End another, earlier association (maybe in another file), whose `type` is at `range`. */
  | { kind: 'end-other'; until: string; uri: string; range: Range; label: string }
  | { kind: 'add-field'; field: string; value: string; into: 'value' | 'map' }
  | { kind: 'remove-field' };

/** A problem found, placed in its file (LSP positions). */
export interface Finding {
  rule: string;
  range: Range;
  message: string;
  related?: RelatedInfo[];
  fix?: FixHint;
  /** The association it is about, when it is about one (by index in `associations`). */
  association?: number;
  /** The credit it takes away from that association: every area, or some. */
  withdraws?: 'all' | SolutionArea[];
  /** A severity of its own, where the rule's does not fit (a check that failed is always an error). */
  severity?: Severity;
}

/** What every check carries as data beside its code. */
export interface RuleMeta {
  id: string;
  defaultSeverity: Severity;
  /** One line, in our words, of what the rule checks. */
  description: string;
  /** Whether the check runs in an edition; every edition when absent. Decided by the edition's data, never by its id. */
  appliesTo?(table: EditionTable): boolean;
}
