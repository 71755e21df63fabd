// The rules that change with Microsoft's program are data: one table per
// edition, in editions/<id>.yaml, checked against schemas/edition.schema.json
// and bundled at build time. Everything that depends on an edition reads it
// from here; nothing else names an edition.
import EDITION_DATA = require('./generated/editions');
import { isSolutionArea, type AssociationType, type Edition, type SolutionArea } from './types';

/** One edition as written in its data file. */
export interface EditionData {
  id: Edition;
  default?: boolean;
  title: string;
  source: string;
  /** The solution areas each type counts toward; null: the edition does not say (not checked). */
  eligibility: Record<AssociationType, readonly SolutionArea[] | null>;
  /** The licensing a DPOR's subscription must have; null: any. */
  dporLicensing: readonly string[] | null;
  /** The types Modern Work credits, by customer segment; null: no track rule. */
  modernWorkTrack: { enterprise: readonly AssociationType[]; smb: readonly AssociationType[] } | null;
  /** The CPOR roles each area takes; null: any role anywhere. */
  cporRolesByArea: Partial<Record<SolutionArea, readonly string[]>> | null;
  /** Types that earn no partner capability score points. */
  noCredit: readonly AssociationType[];
  hover: {
    types?: Partial<Record<AssociationType, string>>;
    values?: Record<string, Record<string, string>>;
  };
}

export type EditionTable = Readonly<EditionData>;

const tables = [...EDITION_DATA].sort((a, b) => a.id.localeCompare(b.id));

/** Every edition, oldest first. */
export const EDITION_IDS: readonly Edition[] = tables.map((t) => t.id);
const BY_ID: ReadonlyMap<Edition, EditionTable> = new Map(tables.map((t) => [t.id, t]));

/** The edition in force when nothing names one. */
export const DEFAULT_EDITION: Edition = (tables.find((t) => t.default) ?? tables[0]).id;

export function isEdition(s: unknown): s is Edition {
  return typeof s === 'string' && BY_ID.has(s);
}

export function editionTable(id: Edition): EditionTable {
  return BY_ID.get(id) ?? BY_ID.get(DEFAULT_EDITION)!;
}

/**
 * Where an edition lets an association of a type earn credit: every area it
 * counts toward, and those of them among the areas the association names (as
 * written; unknown slugs left out). Null: the edition does not say.
 */
export function eligibleAreas(type: AssociationType, named: readonly string[], edition: Edition): { eligible: readonly SolutionArea[]; areas: SolutionArea[] } | null {
  const eligible = editionTable(edition).eligibility[type];
  if (eligible === null) return null;
  return { eligible, areas: named.filter((s): s is SolutionArea => isSolutionArea(s) && eligible.includes(s)) };
}

/** What an edition is, for hover and completion: its title and its source. */
export function editionDoc(id: Edition): string {
  const e = editionTable(id);
  return `${e.title}.\n\nSource: ${e.source}.`;
}

/** The editions as a list for messages: "A, B or C". */
export function editionList(conjunction = 'or'): string {
  return EDITION_IDS.length <= 1 ? EDITION_IDS.join('') : `${EDITION_IDS.slice(0, -1).join(', ')} ${conjunction} ${EDITION_IDS[EDITION_IDS.length - 1]}`;
}

export const SOLUTION_AREA_TITLES: Record<SolutionArea, string> = {
  'data-ai': 'Data & AI (Azure)',
  'digital-app-innovation': 'Digital & App Innovation (Azure)',
  infrastructure: 'Infrastructure (Azure)',
  'modern-work': 'Modern Work',
  security: 'Security',
  'business-applications': 'Business Applications',
};
