import type { AssociationType, Edition, SolutionArea } from './types';
import { SOLUTION_AREA_TITLES, editionTable } from './editions';

/** What each association type is, in our words; the areas come from the edition tables. */
export const TYPE_DOCS: Record<AssociationType, { name: string; what: string; unique: string; how: string }> = {
  CPOR: {
    name: 'Claiming Partner of Record',
    what: 'A claim, made in Partner Center, that your organisation is the partner of record for one workload or product of the customer. The role (OSU, OSA or RevRec) says what you did; the recognition says whether it earns usage credit, an incentive or revenue recognition.',
    unique: 'One CPOR at a time per tenant and workload (Modern Work, Security) or per subscription (Business Applications). Competing claims are settled on proof of execution.',
    how: 'Submit the claim in Partner Center with the customer\'s tenant ID and domain; incentive claims need a customer-signed proof of execution.',
  },
  DPOR: {
    name: 'Digital Partner of Record',
    what: 'The partner the customer names on a subscription as the one who designs, builds, deploys or manages what runs there, as opposed to the one who sold it.',
    unique: 'One DPOR per subscription at a time. Ending one and starting another on the same subscription is history, not a conflict.',
    how: 'The subscription owner enters your PartnerID under Partner information on the subscription in the Azure portal.',
  },
  PAL: {
    name: 'Partner Admin Link',
    what: 'Your PartnerID attached to a user or service principal you use to work in the customer\'s environment. Credit follows what that identity can reach through its RBAC role assignments.',
    unique: 'No uniqueness: several partners can link to the same subscription or resource and each is recognised, except in Power Platform and Customer Insights, where only the latest qualifying partner gets the credit. Linking the same identity and scope twice is only a duplicate record.',
    how: 'Signed in as the identity, run `az managementpartner create --partner-id <id>` or `New-AzManagementPartner`, or use the Azure portal.',
  },
  CSP: {
    name: 'Cloud Solution Provider',
    what: 'The partner that transacts the customer\'s cloud subscriptions, either billing them directly (direct-bill) or buying through an indirect provider (indirect-reseller). The association follows from the transaction; nothing is claimed.',
    unique: 'No uniqueness rule: a customer can work with several CSP partners.',
    how: 'Created by the transaction in Partner Center; every partner in the transaction path is recognised.',
  },
  TPOR: {
    name: 'Transacting Partner of Record',
    what: 'The partner of record of an Enterprise Agreement transaction: the Licensing Solution Provider that sold it, or, for an agreement bought from Microsoft directly, Microsoft\'s Enterprise Direct Advisor.',
    unique: 'One TPOR per agreement at a time; a partner earns as TPOR only where it is not also the DPOR on a subscription under that agreement.',
    how: 'Set by the licensing transaction; any subscription activity under the agreement activates the TPOR association.',
  },
};

const VALUE_DOCS: Record<string, Record<string, string>> = {
  role: {
    OSU: '**Online Services Usage.** You drive the customer\'s adoption and use of a workload. In Modern Work and Security it is claimed per workload and any licensing will do; in Business Applications it is claimed per subscription, on EA or CASA-EES licensing.',
    OSA: '**Online Services Advisor** (OSA Sell, now *Build intent – Advisor*). You influenced which product the customer chose. Per subscription, earns incentive or revenue recognition, on EA, CASA-EES or WebDirect licensing.',
    RevRec: '**Revenue recognition** (*Influenced Revenue recognition*). You influenced the purchase as a business influencer. Per subscription, revenue recognition only (no incentive), on EA, CASA-EES or WebDirect licensing.',
  },
  recognition: {
    usage: '**Usage recognition.** Counts the customer\'s usage of the workload toward your score. Allowed with OSU.',
    incentive: '**Incentive.** The claim can be paid an incentive, so it needs a customer-signed proof of execution (`poe`). Allowed with OSU and OSA.',
    revenue: '**Revenue recognition.** Shows the revenue you influenced without paying an incentive; no proof of execution needed. Allowed with OSA and RevRec.',
  },
  model: {
    'direct-bill': '**Direct bill** (Tier 1). You buy from Microsoft and own billing, provisioning and support end to end. No indirect provider.',
    'indirect-reseller': '**Indirect reseller** (Tier 2). You sell through an indirect provider, who handles the relationship with Microsoft; name it in `indirectProvider`.',
  },
  channel: {
    lsp: '**Licensing Solution Provider.** The agreement was bought through an LSP, which is the TPOR: give its `partnerId`.',
    'microsoft-direct': '**Bought from Microsoft directly.** The Enterprise Direct Advisor assigned at the transaction is the TPOR; it is Microsoft\'s, so no partner ID belongs here. Name the advisor in `advisor`.',
  },
  segment: {
    enterprise: '**Enterprise customer.**',
    smb: '**Small and medium business customer.**',
  },
};

const AREA_DOCS: Record<SolutionArea, string> = {
  'data-ai': 'Azure analytics, databases and AI workloads.',
  'digital-app-innovation': 'Building and modernising applications on Azure.',
  infrastructure: 'Azure infrastructure: compute, networking, storage, migration.',
  'modern-work': 'Microsoft 365: Teams, Exchange, SharePoint and the rest of the productivity suite.',
  security: 'Microsoft security across Microsoft 365 and Azure.',
  'business-applications': 'Dynamics 365, Power Platform and Customer Insights.',
};

/** What a field's value means, in an edition: the edition's own words where it has them. */
export function valueDoc(field: string, value: string, edition: Edition): string | undefined {
  return editionTable(edition).hover.values?.[field]?.[value] ?? VALUE_DOCS[field]?.[value];
}

/** The types that count toward an area in an edition. */
function typesForArea(area: SolutionArea, edition: Edition): AssociationType[] {
  const table = editionTable(edition).eligibility;
  return (Object.keys(table) as AssociationType[]).filter((t) => table[t]?.includes(area));
}

export function typeHover(type: AssociationType, edition: Edition): string {
  const d = TYPE_DOCS[type];
  const areas = editionTable(edition).eligibility[type];
  const counts =
    areas === null
      ? `The ${edition} edition does not say which solution areas it counts toward, so none are checked.`
      : areas.length === 0
        ? `Counts toward **no** solution area in the ${edition} edition: it earns no partner capability score points.`
        : `Counts toward, in the ${edition} edition: ${areas.map((a) => SOLUTION_AREA_TITLES[a]).join(', ')}.`;
  const note = editionTable(edition).hover.types?.[type];
  return [`### ${type}: ${d.name}`, d.what, counts, note ? `**${edition}:** ${note}` : '', `**Uniqueness:** ${d.unique}`, `**How it is made:** ${d.how}`]
    .filter(Boolean)
    .join('\n\n');
}

export function areaHover(area: SolutionArea, edition: Edition): string {
  const types = typesForArea(area, edition);
  return [
    `### ${SOLUTION_AREA_TITLES[area]} (\`${area}\`)`,
    AREA_DOCS[area],
    `Associations that count toward it in the ${edition} edition: ${types.length > 0 ? types.join(', ') : 'none'}.`,
  ].join('\n\n');
}
