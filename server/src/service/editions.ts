import type { AssociationType, Edition, SolutionArea } from './types';

export interface EditionTable {
  id: Edition;
  title: string;
  source: string;
  /**
   * The solution areas each association type counts toward. `null`: the
   * edition does not say, so the eligibility rule does not check that type.
   */
  eligibility: Record<AssociationType, readonly SolutionArea[] | null>;
  /** What else this edition says about a type, shown on hover. */
  notes: Partial<Record<AssociationType, string>>;
}

const AZURE: readonly SolutionArea[] = ['data-ai', 'digital-app-innovation', 'infrastructure'];

/** The rules that change with Microsoft's program, one table per edition. */
export const EDITIONS: Record<Edition, EditionTable> = {
  '2023-08': {
    id: '2023-08',
    title: 'AI Cloud Partner Program, as described in August 2023',
    source: 'Partner association overview, revised August 2023',
    eligibility: {
      CPOR: ['modern-work', 'business-applications', 'security'],
      DPOR: [...AZURE, 'modern-work', 'business-applications'],
      PAL: ['business-applications', ...AZURE, 'security'],
      CSP: ['business-applications', ...AZURE, 'modern-work'],
      TPOR: null,
    },
    notes: {
      TPOR: 'This edition does not say which solution areas TPOR counts toward; LSPs earn it on EA transactions where they are not the DPOR.',
    },
  },
  '2026-05': {
    id: '2026-05',
    title: 'Solutions Partner designation pages on Microsoft Learn, May 2026',
    source: 'Microsoft Learn, Solutions Partner designations and partner capability score (2026-05)',
    eligibility: {
      CPOR: ['modern-work', 'business-applications', 'security'],
      DPOR: [...AZURE, 'modern-work', 'business-applications'],
      PAL: ['business-applications', ...AZURE, 'security'],
      CSP: [...AZURE, 'modern-work', 'security', 'business-applications'],
      TPOR: [],
    },
    notes: {
      DPOR: 'In this edition DPOR is for subscriptions under an Enterprise Agreement (on an Azure plan, link with PAL), and Modern Work credits it on the enterprise track only. Some 2025–26 partner sources report DPOR being retired; check Partner Center before relying on it.',
      CPOR: 'In this edition OSA and RevRec exist in Business Applications only; Modern Work and Security take OSU.',
      CSP: 'In this edition CSP counts toward all six areas, and Modern Work credits it on the SMB track only.',
      TPOR: 'TPOR is not among the associations that earn partner capability score points in this edition.',
    },
  },
};

export const SOLUTION_AREA_TITLES: Record<SolutionArea, string> = {
  'data-ai': 'Data & AI (Azure)',
  'digital-app-innovation': 'Digital & App Innovation (Azure)',
  infrastructure: 'Infrastructure (Azure)',
  'modern-work': 'Modern Work',
  security: 'Security',
  'business-applications': 'Business Applications',
};

export function isEdition(s: unknown): s is Edition {
  return typeof s === 'string' && Object.prototype.hasOwnProperty.call(EDITIONS, s);
}
