import type { Range } from 'vscode-languageserver-types';
import type { Node, Scalar } from 'yaml';

export type Edition = '2023-08' | '2026-05';
export const DEFAULT_EDITION: Edition = '2023-08';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

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

/** A value read from the YAML, with where it stands in the source. */
export interface Located<T> {
  value: T;
  /** The value node's range. */
  range: Range;
  /** The key's range (equal to `range` for sequence items). */
  keyRange: Range;
  node: Node;
  key?: Scalar;
}

export interface CustomerModel {
  anchor: Range;
  /** From the `customer` key to the end of its mapping. */
  range: Range;
  name?: Located<string>;
  tenantId?: Located<string>;
  domain?: Located<string>;
  segment?: Located<string>;
}

export interface AgreementModel {
  index: number;
  anchor: Range;
  range: Range;
  id?: Located<string>;
  kind?: Located<string>;
}

export interface SubscriptionModel {
  index: number;
  anchor: Range;
  range: Range;
  id?: Located<string>;
  name?: Located<string>;
  product?: Located<string>;
  licensing?: Located<string>;
  agreement?: Located<string>;
}

export interface IdentityModel {
  anchor: Range;
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
  anchor: Range;
  /** The whole mapping. */
  range: Range;
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
  start: Range;
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

export interface Finding {
  rule: string;
  range: Range;
  message: string;
  related?: RelatedInfo[];
  fix?: FixHint;
}

export interface RuleMeta {
  id: string;
  defaultSeverity: Severity;
  /** The editions the rule runs in; all when absent. */
  editions?: readonly Edition[];
  /** One line, in our words, of what the rule checks. */
  description: string;
}
