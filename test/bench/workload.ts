// Deterministic workloads for the benchmark (and for any test that wants
// realistic records): a seeded PRNG, never Math.random, so the same seed gives
// byte-identical files on every machine.
//
// - realisticRecord(): one customer's record, ~50 associations of all five types
//   (~11-13 KB), with comments, flow and block lists, quoted strings and dates;
// - writeWorkspace(): N such records, sharing subscription GUIDs across files in
//   groups of 2 and of 14 so that the cross-file rules have work;
// - bigRecord(): one record of many associations (5,000 gives ~42,000 lines);
// - writeDporWorkspace(): many DPORs on one subscription, or each on its own;
// - aliasRecord(): a record whose solutionAreas lists are anchors and aliases,
//   or the same record written out;
// - sizedRecord(): an ordinary record of a given size in bytes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// ---------------------------------------------------------------- randomness

/** A 32-bit hash of some keys, to seed one stream per file or per group. */
function hashKeys(keys: Array<string | number>): number {
  let h = 2166136261 >>> 0;
  for (const ch of keys.join('\u0001')) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h;
}

/** mulberry32: small, fast, good enough for workloads. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** An independent stream for a purpose, e.g. Rng.for(seed, 'record', 17). */
  static for(...keys: Array<string | number>): Rng {
    return new Rng(hashKeys(keys));
  }

  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }

  /** Picks by weight: [[value, weight], ...]. */
  weighted<T>(xs: ReadonlyArray<readonly [T, number]>): T {
    const total = xs.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [v, w] of xs) {
      r -= w;
      if (r < 0) return v;
    }
    return xs[xs.length - 1][0];
  }

  guid(): string {
    const hex = (n: number) => {
      let s = '';
      for (let i = 0; i < n; i++) s += '0123456789abcdef'[this.int(0, 15)];
      return s;
    };
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[this.int(0, 3)]}${hex(3)}-${hex(12)}`;
  }
}

// ---------------------------------------------------------------- dates

const DAY = 86_400_000;
/** Days since 1970-01-01 of an ISO date. */
export function dayOf(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);
}
export function isoOf(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------- vocabulary

const COMPANIES = ['Contoso', 'Fabrikam', 'Northwind Traders', 'Tailspin Toys', 'Wide World Importers', 'Adventure Works', 'Alpine Ski House', 'Coho Winery', 'Litware', 'Proseware', 'Trey Research', 'Woodgrove Bank', 'Lamna Healthcare', 'Margie\'s Travel', 'Fourth Coffee', 'Relecloud', 'Bellows College', 'Munson\'s Pickles', 'VanArsdel', 'Datum Corporation'];
const SUFFIXES = ['Ltd.', 'Inc.', 'GmbH', 'S.A.', 'plc', 'AG', 'B.V.', 'LLC', 'K.K.', 'Pty Ltd'];
const ENVS = ['prod', 'dev', 'test', 'staging', 'dr', 'shared', 'sandbox', 'analytics', 'identity', 'hub', 'spoke', 'lab'];
const WORKLOADS_MW = ['Teams', 'Exchange Online', 'SharePoint Online', 'OneDrive', 'Teams Rooms', 'Microsoft 365 Apps', 'Windows 365', 'Viva'];
const WORKLOADS_SEC = ['Defender for Endpoint', 'Defender for Office 365', 'Entra ID P2', 'Purview', 'Intune', 'Sentinel'];
const REGIONS = ['EMEA', 'Americas', 'APAC', 'DACH', 'Nordics', 'UK', 'France', 'Iberia', 'Benelux', 'LATAM', 'ANZ', 'Japan'];
const RBAC = ['Contributor', 'Reader', 'Owner', 'Support Request Contributor', 'Cost Management Reader'];
const PEOPLE = ['Dana Whitfield', 'Ravi Kumar', 'Sofia Almeida', 'Jonas Berg', 'Mei Lin', 'Ahmed Haddad', 'Claire Dubois', 'Tomás Rivera'];
const NOTES = [
  'Renewed at the annual review',
  'Confirmed with the customer\'s cloud team',
  'Moved from the old tenant during the 2023 consolidation',
  'See ticket #4411: PAL re-linked after the SPN rotation',
  'Customer asked us to keep this: needed for the FY incentive',
  'Handover from the previous account manager',
  'Landing zone build, phase 2',
  'Set in Partner Center by the delivery lead',
];
const SECTION_COMMENTS = [
  '# --- reviewed with the customer, quarterly business review ---',
  '# Azure landing zone work',
  '# Modern Work claims (OSU); proof of execution in SharePoint',
  '# CSP: billing through our distributor',
  '# TODO: confirm the end date with finance',
  '# PAL links for the managed-services SPNs',
  '# Historical entries kept for the audit trail',
];

type Product = 'Azure' | 'Microsoft365' | 'Dynamics365' | 'PowerPlatform';
type Licensing = 'EA' | 'CASA-EES' | 'WebDirect' | 'CSP' | 'AzurePlan';

interface Sub {
  id: string;
  name?: string;
  product: Product;
  licensing: Licensing;
  agreement?: string;
  /** Not a target of this file's own DPOR chain (its DPOR is set by the workspace). */
  shared: boolean;
}

/** A subscription declared by several records, with each record's DPOR on it. */
export interface SharedSub {
  id: string;
  name: string;
  dpor: { partnerId: string; since: string; until?: string };
  /** Marks this DPOR's `until:` line under this name. */
  mark?: string;
}

export interface RecordOptions {
  /** Number of associations, or a predicate that stops the generation. */
  associations: number | ((s: { count: number; bytes: number; aliases: number }) => boolean);
  subscriptions: number;
  /** Subscriptions shared with other records; each gets one DPOR here. */
  shared?: SharedSub[];
  /** 'anchors': solutionAreas lists are anchored and reused through aliases; 'written': the same text without them. */
  aliases?: 'anchors' | 'written';
  /** Adds, as the last association, a PAL whose `until` is before its `since` (a date-range error), marked 'planted'. */
  plantDateRangeError?: boolean;
  /** Forces an edition; otherwise drawn (most records set none). */
  program?: '2023-08' | '2026-05' | null;
  /** Every solutionAreas in flow style (edit targets are found in flow lists). */
  flowOnly?: boolean;
}

export interface Generated {
  text: string;
  /** Named 0-based lines of interest. */
  marks: Map<string, number>;
  /** Each flow-style solutionAreas list: the 0-based line and column of its first item, and that item. */
  flowAreas: Array<{ line: number; character: number; item: string; type: string }>;
  /** The 0-based line and column of each association's `type` value. */
  typeValues: Array<{ line: number; character: number; type: string }>;
  associations: number;
  aliases: number;
}

const PARTNERS_DPOR = Array.from({ length: 40 }, (_, i) => String(4100000 + i * 7919));
const PARTNERS_OTHER = Array.from({ length: 40 }, (_, i) => String(5200000 + i * 6151));
const PARTNERS_TPOR = Array.from({ length: 12 }, (_, i) => String(6300000 + i * 3571));
const DIST = ['7001234', '7005678', '7009012'];

/** Writes a value as YAML, sometimes quoted, as people do. */
function maybeQuoted(rng: Rng, s: string, p = 0.15): string {
  if (!rng.chance(p)) return s;
  return rng.chance(0.5) ? `"${s}"` : `'${s}'`;
}

/**
 * Periods that follow each other per key (a subscription for DPOR, a workload
 * for CPOR, an agreement for TPOR), so that a record's own claims do not
 * overlap unless a test wants them to.
 */
class Chains {
  private cursor = new Map<string, number>();
  private closed = new Set<string>();
  private static START = dayOf('2019-01-01');
  private static END = dayOf('2031-12-31');

  constructor(private readonly rng: Rng) {}

  available(key: string): boolean {
    return !this.closed.has(key) && (this.cursor.get(key) ?? 0) < Chains.END;
  }

  /** The next period on a key: [since, until?]. */
  next(key: string, minLen = 60, maxLen = 480): [string, string | undefined] {
    const since = this.cursor.get(key) ?? Chains.START + this.rng.int(0, 700);
    if (this.rng.chance(0.12)) {
      this.closed.add(key);
      return [isoOf(since), undefined];
    }
    const until = since + this.rng.int(minLen, maxLen);
    this.cursor.set(key, until + 1 + this.rng.int(0, 45));
    return [isoOf(since), isoOf(until)];
  }
}

const AREA_FOR_PRODUCT: Record<Product, { dpor: string[][]; pal: string[][]; csp: string[][] }> = {
  Azure: {
    dpor: [['infrastructure'], ['infrastructure', 'data-ai'], ['data-ai'], ['digital-app-innovation'], ['infrastructure', 'digital-app-innovation'], ['data-ai', 'digital-app-innovation']],
    pal: [['infrastructure'], ['infrastructure', 'data-ai'], ['security'], ['infrastructure', 'security'], ['digital-app-innovation']],
    csp: [['infrastructure'], ['infrastructure', 'data-ai'], ['digital-app-innovation']],
  },
  Microsoft365: { dpor: [['modern-work']], pal: [['security']], csp: [['modern-work']] },
  Dynamics365: { dpor: [['business-applications']], pal: [['business-applications']], csp: [['business-applications']] },
  PowerPlatform: { dpor: [['business-applications']], pal: [['business-applications']], csp: [['business-applications']] },
};

/**
 * One customer's record. `index` makes names, agreement ids and the tenant
 * distinct per record; `seed` and `index` fix every random choice.
 */
export function realisticRecord(seed: number, index: number, opts: RecordOptions): Generated {
  const rng = Rng.for(seed, 'record', index);
  const chains = new Chains(rng);
  const lines: string[] = [];
  let bytes = 0;
  const push = (l: string) => {
    lines.push(l);
    bytes += l.length + 1;
  };
  const marks = new Map<string, number>();
  const flowAreas: Generated['flowAreas'] = [];
  const typeValues: Generated['typeValues'] = [];

  const company = `${rng.pick(COMPANIES)} ${String(index).padStart(4, '0')}`;
  const slug = company.toLowerCase().replace(/[^a-z0-9]+/g, '').slice(0, 12);
  const program = opts.program !== undefined ? opts.program : rng.weighted<string | null>([[null, 6], ['2023-08', 2], ['2026-05', 2]]);
  const segment = rng.chance(0.7) ? 'enterprise' : 'smb';

  push(`# ${company}: partner associations`);
  push(`# Owner: ${rng.pick(PEOPLE)} (partner operations). Keep one record per customer tenant.`);
  push('version: 1');
  if (program) push(`program: "${program}"`);
  push('customer:');
  const suffix = rng.pick(SUFFIXES);
  push(`  name: ${rng.chance(0.4) ? `"${company}, ${suffix}"` : `${company} ${suffix}`}`);
  push(`  tenantId: ${rng.guid()}`);
  if (rng.chance(0.8)) push(`  domain: ${slug}.onmicrosoft.com`);
  push(`  segment: ${segment}${rng.chance(0.2) ? '   # per the latest account plan' : ''}`);

  // Agreements: one or two EAs with ids unique to this record (TPOR is unique per agreement id across files).
  const eas: string[] = [];
  const agreements: Array<{ id: string; kind: Licensing }> = [];
  const eaCount = Math.max(1, Math.round(opts.subscriptions / 12)) + (rng.chance(0.3) ? 1 : 0);
  for (let k = 0; k < eaCount; k++) {
    const id = `EA-${(10000 + index) * 1000 + k}`;
    eas.push(id);
    agreements.push({ id, kind: 'EA' });
  }
  const cspAgreement = `CSP-${index}-${rng.int(100, 999)}`;
  agreements.push({ id: cspAgreement, kind: 'CSP' });
  if (rng.chance(0.5)) agreements.push({ id: `MCA-${index}-${rng.int(100, 999)}`, kind: 'AzurePlan' });
  push('agreements:');
  for (const a of agreements) {
    if (rng.chance(0.25)) push(`  - { id: ${a.id}, kind: ${a.kind} }`);
    else {
      push(`  - id: ${a.id}`);
      push(`    kind: ${a.kind}`);
    }
  }

  // Subscriptions.
  const subs: Sub[] = [];
  for (const s of opts.shared ?? []) subs.push({ id: s.id, name: s.name, product: 'Azure', licensing: 'EA', agreement: eas[0], shared: true });
  for (let k = subs.length; k < opts.subscriptions; k++) {
    const product = rng.weighted<Product>([['Azure', 6], ['Microsoft365', 1.5], ['Dynamics365', 1.5], ['PowerPlatform', 1]]);
    const licensing = rng.weighted<Licensing>([['EA', 5], ['CSP', 2], ['AzurePlan', 1.5], ['CASA-EES', 0.5], ['WebDirect', 1]]);
    const agreement = licensing === 'EA' ? rng.pick(eas) : licensing === 'CSP' ? cspAgreement : undefined;
    const name = rng.chance(0.92) ? `${slug}-${rng.pick(ENVS)}-${String(k).padStart(2, '0')}` : undefined;
    subs.push({ id: rng.guid(), name, product, licensing, agreement, shared: false });
  }
  push('subscriptions:');
  for (const s of subs) {
    if (rng.chance(0.15) && !s.shared) {
      const parts = [`id: ${s.id}`, ...(s.name ? [`name: ${s.name}`] : []), `product: ${s.product}`, `licensing: ${s.licensing}`, ...(s.agreement ? [`agreement: ${s.agreement}`] : [])];
      push(`  - { ${parts.join(', ')} }`);
    } else {
      push(`  - id: ${s.id}`);
      if (s.name) push(`    name: ${s.name}`);
      push(`    product: ${s.product}${s.shared ? '   # shared with a sister company' : ''}`);
      push(`    licensing: ${s.licensing}`);
      if (s.agreement) push(`    agreement: ${s.agreement}`);
    }
  }
  const ref = (s: Sub) => (s.name && rng.chance(0.9) ? s.name : s.id);

  push('associations:');
  let count = 0;
  let aliases = 0;

  // Anchors: the current anchor of each list text, and how often it has been used since.
  const anchors = new Map<string, { name: string; uses: number }>();
  let anchorSerial = 0;
  const areasValue = (areas: string[]): string => {
    const flow = `[${areas.join(', ')}]`;
    if (!opts.aliases) return flow;
    const cur = anchors.get(flow);
    if (cur && cur.uses < 100) {
      cur.uses++;
      aliases++;
      return opts.aliases === 'anchors' ? `*${cur.name}` : flow;
    }
    const name = `areas${++anchorSerial}`;
    anchors.set(flow, { name, uses: 0 });
    return opts.aliases === 'anchors' ? `&${name} ${flow}` : flow;
  };
  const emitAreas = (areas: string[], type: string) => {
    if (!opts.aliases && !opts.flowOnly && rng.chance(0.12)) {
      push('    solutionAreas:');
      for (const a of areas) push(`      - ${a}`);
      return;
    }
    const value = areasValue(areas);
    const prefix = '    solutionAreas: ';
    if (value.startsWith('[')) flowAreas.push({ line: lines.length, character: prefix.length + 1, item: areas[0], type });
    push(prefix + value);
  };
  const emitType = (type: string) => {
    typeValues.push({ line: lines.length, character: '  - type: '.length, type });
    push(`  - type: ${type}${rng.chance(0.05) ? '   # see note' : ''}`);
  };
  const emitDates = (since: string | undefined, until: string | undefined) => {
    if (since) push(`    since: ${rng.chance(0.1) ? `"${since}"` : since}`);
    if (until) push(`    until: ${until}`);
  };
  const emitNote = () => {
    if (rng.chance(0.12)) {
      const n = rng.pick(NOTES);
      push(`    note: ${/[:#]/.test(n) || rng.chance(0.3) ? `"${n.replace(/"/g, '\\"')}"` : n}`);
    }
  };
  const partnerId = (pool: string[]) => {
    const id = rng.pick(pool);
    return rng.chance(0.1) ? `"${id}"` : id;
  };

  // The DPOR of each shared subscription, with the dates the workspace chose.
  for (const s of opts.shared ?? []) {
    emitType('DPOR');
    push(`    partnerId: ${s.dpor.partnerId}`);
    push(`    subscription: ${s.name}`);
    emitAreas(['infrastructure'], 'DPOR');
    push(`    since: ${s.dpor.since}`);
    if (s.mark) marks.set(s.mark, lines.length);
    if (s.dpor.until) push(`    until: ${s.dpor.until}`);
    else push(`    # open-ended: no until yet`);
    count++;
  }

  const own = subs.filter((s) => !s.shared);
  const ba = subs.filter((s) => (s.product === 'Dynamics365' || s.product === 'PowerPlatform') && (s.licensing === 'EA' || s.licensing === 'CASA-EES'));
  const csp = subs.filter((s) => s.licensing === 'CSP');
  /** A random element whose chain is still open: a few random tries, then a scan. */
  const pickAvailable = <T>(xs: T[], key: (x: T) => string): T | undefined => {
    for (let tries = 0; tries < 8 && xs.length > 0; tries++) {
      const x = rng.pick(xs);
      if (chains.available(key(x))) return x;
    }
    const open = xs.filter((x) => chains.available(key(x)));
    return open.length > 0 ? rng.pick(open) : undefined;
  };
  const done = () => (typeof opts.associations === 'number' ? count >= opts.associations : opts.associations({ count, bytes, aliases }));
  while (!done()) {
    if (rng.chance(0.06)) push(`  ${rng.pick(SECTION_COMMENTS)}`);
    const type = rng.weighted<string>([['DPOR', 30], ['PAL', 25], ['CPOR', 25], ['CSP', 12], ['TPOR', 8]]);
    if (type === 'DPOR') {
      const s = pickAvailable(own, (x) => `dpor:${x.id}`);
      if (!s) continue;
      const [since, until] = chains.next(`dpor:${s.id}`);
      emitType('DPOR');
      push(`    partnerId: ${partnerId(PARTNERS_DPOR)}`);
      push(`    subscription: ${ref(s)}`);
      emitAreas(rng.pick(AREA_FOR_PRODUCT[s.product].dpor), 'DPOR');
      emitDates(since, until);
      emitNote();
    } else if (type === 'PAL') {
      const s = rng.pick(subs);
      emitType('PAL');
      push(`    partnerId: ${partnerId(PARTNERS_OTHER)}`);
      const kind = rng.chance(0.6) ? 'service-principal' : 'user';
      if (rng.chance(0.5)) push(`    identity: { kind: ${kind}, objectId: ${rng.guid()} }`);
      else {
        push('    identity:');
        push(`      kind: ${kind}`);
        push(`      objectId: ${rng.guid()}`);
      }
      if (s.product === 'Azure' && rng.chance(0.3)) push(`    scope: /subscriptions/${s.id}/resourceGroups/rg-${rng.pick(ENVS)}-${rng.int(1, 40)}`);
      else push(`    subscription: ${ref(s)}`);
      if (rng.chance(0.5)) push(`    role: ${maybeQuoted(rng, rng.pick(RBAC), 0.3)}`);
      emitAreas(rng.pick(AREA_FOR_PRODUCT[s.product].pal), 'PAL');
      if (rng.chance(0.4)) emitDates(isoOf(dayOf('2020-01-01') + rng.int(0, 2000)), undefined);
      emitNote();
    } else if (type === 'CPOR') {
      if (ba.length > 0 && rng.chance(0.25)) {
        // Business Applications: one CPOR per subscription at a time.
        const s = rng.pick(ba);
        const key = `cpor:${s.id}`;
        if (!chains.available(key)) continue;
        const [since, until] = chains.next(key, 30, 200);
        const osa = rng.chance(0.4);
        emitType('CPOR');
        push(`    partnerId: ${partnerId(PARTNERS_OTHER)}`);
        push(`    role: ${osa ? 'OSA' : 'OSU'}`);
        push(`    recognition: incentive`);
        push(`    subscription: ${ref(s)}`);
        emitAreas(['business-applications'], 'CPOR');
        push(`    poe: ${maybeQuoted(rng, `https://contoso.sharepoint.com/sites/poe/${slug}/${s.name ?? 'sub'}-${since}.pdf`, 0.2)}`);
        if (rng.chance(0.4)) push(`    status: ${rng.pick(['submitted', 'under-review', 'approved'])}`);
        emitDates(since, until);
      } else {
        const sec = rng.chance(0.35);
        const base = rng.pick(sec ? WORKLOADS_SEC : WORKLOADS_MW);
        // Big records run out of dates on one workload: a regional variant is another workload.
        let workload = base;
        for (let v = 1; !chains.available(`cpor:${workload}`); v++) {
          workload = `${base} (${REGIONS[(v - 1) % REGIONS.length]}${v > REGIONS.length ? ` ${Math.ceil(v / REGIONS.length)}` : ''})`;
        }
        const key = `cpor:${workload}`;
        const [since, until] = chains.next(key, 30, 200);
        const incentive = rng.chance(0.4);
        emitType('CPOR');
        push(`    partnerId: ${partnerId(PARTNERS_OTHER)}`);
        push('    role: OSU');
        push(`    recognition: ${incentive ? 'incentive' : 'usage'}`);
        push(`    workload: ${maybeQuoted(rng, workload, 0.2)}`);
        emitAreas([sec ? 'security' : 'modern-work'], 'CPOR');
        if (incentive) push(`    poe: poe/${slug}/${workload.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${since}.pdf`);
        emitDates(since, until);
      }
      emitNote();
    } else if (type === 'CSP') {
      emitType('CSP');
      const pid = rng.pick(PARTNERS_OTHER);
      push(`    partnerId: ${pid}`);
      if (rng.chance(0.5)) {
        push('    model: indirect-reseller');
        push(`    indirectProvider: ${rng.pick(DIST)}`);
      } else push('    model: direct-bill');
      const s = csp.length > 0 && rng.chance(0.8) ? rng.pick(csp) : undefined;
      if (s) push(`    subscription: ${ref(s)}`);
      emitAreas(rng.pick(AREA_FOR_PRODUCT[s?.product ?? 'Azure'].csp), 'CSP');
      if (rng.chance(0.5)) emitDates(isoOf(dayOf('2021-01-01') + rng.int(0, 1500)), undefined);
      emitNote();
    } else {
      const a = pickAvailable(eas, (x) => `tpor:${x}`);
      if (!a) continue;
      const [since, until] = chains.next(`tpor:${a}`, 365, 1095);
      emitType('TPOR');
      if (rng.chance(0.75)) {
        push('    channel: lsp');
        push(`    partnerId: ${partnerId(PARTNERS_TPOR)}`);
      } else {
        push('    channel: microsoft-direct');
        push(`    advisor: ${maybeQuoted(rng, rng.pick(PEOPLE), 0.3)}`);
      }
      push(`    agreement: ${a}`);
      emitDates(since, until);
      emitNote();
    }
    count++;
  }

  if (opts.plantDateRangeError) {
    const s = own[0] ?? subs[0];
    emitType('PAL');
    push(`    partnerId: ${PARTNERS_OTHER[0]}`);
    push(`    identity: { kind: user, objectId: ${rng.guid()} }`);
    push(`    subscription: ${s.id}`);
    push('    solutionAreas: [infrastructure]');
    push('    since: 2024-06-01');
    marks.set('planted', lines.length);
    push('    until: 2024-01-01   # planted: until before since');
    count++;
  }
  return { text: lines.join('\n') + '\n', marks, flowAreas, typeValues, associations: count, aliases };
}

// ---------------------------------------------------------------- workspaces

export const DEFAULT_SEED = 20240301;

/** Records in a workspace share GUIDs by group: two records per pair, fourteen per hub. */
export const PAIR = 2;
export const HUB = 14;

export interface WorkspaceInfo {
  dir: string;
  /** Record files, relative to dir, in generation order. */
  files: string[];
  bytes: number;
  associations: number;
  /**
   * A DPOR whose dates decide a cross-file conflict: `open` is the file to edit,
   * `line` the 0-based line of its `until:` value; with `resolved` there the
   * closed file `closed` has no conflict on that subscription, with
   * `conflicting` it has one.
   */
  edit: { open: string; closed: string; line: number; character: number; resolved: string; conflicting: string };
}

function workspaceRecord(seed: number, i: number, n: number): Generated {
  const rng = Rng.for(seed, 'shared', i);
  const shared: SharedSub[] = [];
  // Pairs: records 2g and 2g+1 declare the same subscription; about a third of the pairs overlap.
  const g = Math.floor(i / PAIR);
  if (g * PAIR + 1 < n) {
    const gr = Rng.for(seed, 'pair', g);
    const id = gr.guid();
    const overlap = g !== 0 && gr.chance(0.3);
    const first = i % PAIR === 0;
    const dpor = first
      ? { partnerId: PARTNERS_DPOR[g % PARTNERS_DPOR.length], since: '2022-01-01', until: '2024-05-31' }
      : { partnerId: PARTNERS_DPOR[(g + 1) % PARTNERS_DPOR.length], since: overlap ? '2024-03-01' : '2024-06-01' };
    shared.push({ id, name: `pair-${g}-${first ? 'a' : 'b'}`, dpor, mark: g === 0 && first ? 'edit' : undefined });
  }
  // Hubs: fourteen records declare one subscription, DPORs in sequence; every fifth hub has one DPOR that overlaps eight others.
  const h = Math.floor(i / HUB);
  const m = i % HUB;
  if (h * HUB + HUB <= n) {
    const hr = Rng.for(seed, 'hub', h);
    const id = hr.guid();
    const start = dayOf('2020-01-01') + hr.int(0, 300);
    const rogue = h % 5 === 0 && m === HUB - 1;
    const since = rogue ? isoOf(start + 5 * 120) : isoOf(start + m * 120);
    const until = rogue ? undefined : isoOf(start + m * 120 + 119);
    shared.push({ id, name: `hub-${h}`, dpor: { partnerId: PARTNERS_DPOR[(h + m) % PARTNERS_DPOR.length], since, until } });
  }
  return realisticRecord(seed, i, { associations: 50, subscriptions: rng.int(10, 12), shared });
}

/** Path of record i inside a workspace: 100 records per folder, like a real repository's layout. */
function recordPath(i: number): string {
  return `customers/${String(Math.floor(i / 100)).padStart(3, '0')}/c${String(i).padStart(5, '0')}.assoc.yaml`;
}

/** Writes n realistic records under dir. */
export function writeWorkspace(dir: string, n: number, seed = DEFAULT_SEED): WorkspaceInfo {
  if (n < 2) throw new Error('a workspace needs at least two records');
  const files: string[] = [];
  let bytes = 0;
  let associations = 0;
  let editLine = -1;
  for (let i = 0; i < n; i++) {
    const rec = workspaceRecord(seed, i, n);
    const rel = recordPath(i);
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), rec.text);
    files.push(rel);
    bytes += Buffer.byteLength(rec.text);
    associations += rec.associations;
    if (i === 0) editLine = rec.marks.get('edit')!;
  }
  return {
    dir,
    files,
    bytes,
    associations,
    edit: { open: recordPath(0), closed: recordPath(1), line: editLine, character: '    until: '.length, resolved: '2024-05-31', conflicting: '2024-12-31' },
  };
}

/** The text of record i of a workspace of n (the same as writeWorkspace writes). */
export function workspaceRecordText(n: number, i: number, seed = DEFAULT_SEED): string {
  return workspaceRecord(seed, i, n).text;
}

// ---------------------------------------------------------------- single large records

/** One record of `associations` associations, all solutionAreas in flow style. */
export function bigRecord(associations: number, seed = DEFAULT_SEED): Generated {
  return realisticRecord(seed, 900001, { associations, subscriptions: Math.max(10, Math.round(associations / 3.0)), program: null, flowOnly: true });
}

/**
 * A record with `aliases` aliases: every solutionAreas list is an anchor
 * (`&areasN [...]`) or an alias of the latest anchor of the same list; an
 * anchor serves 100 aliases before a new one is set. With 'written', the same
 * record with the lists written out.
 */
export function aliasRecord(aliases: number, mode: 'anchors' | 'written', seed = DEFAULT_SEED): Generated {
  return realisticRecord(seed, 900002, {
    associations: (s) => s.aliases >= aliases,
    subscriptions: Math.max(10, Math.round(aliases / 10)),
    aliases: mode,
    program: null,
  });
}

/** An ordinary record of about `bytes` bytes (a little over), optionally with a date-range error at its end. */
export function sizedRecord(bytes: number, plantDateRangeError: boolean, seed = DEFAULT_SEED): Generated {
  const tail = plantDateRangeError ? 260 : 0;
  return realisticRecord(seed, 900003, {
    associations: (s) => s.bytes + 300 >= bytes - tail,
    subscriptions: Math.max(10, Math.round(bytes / 2400)),
    program: null,
    plantDateRangeError,
  });
}

// ---------------------------------------------------------------- many DPORs

export interface DporWorkspaceInfo {
  dir: string;
  files: string[];
  dpors: number;
}

/**
 * `files` records with `perFile` DPORs each. 'one-subscription': every DPOR is
 * on the same subscription GUID, all open-ended, so each overlaps every other.
 * 'distinct': each DPOR on a subscription of its own; otherwise the same text.
 */
export function writeDporWorkspace(dir: string, files: number, perFile: number, mode: 'one-subscription' | 'distinct', seed = DEFAULT_SEED): DporWorkspaceInfo {
  const shared = Rng.for(seed, 'dpor-shared').guid();
  const out: string[] = [];
  for (let i = 0; i < files; i++) {
    const rng = Rng.for(seed, 'dpor', i);
    const lines: string[] = [];
    lines.push(`# DPOR load record ${i}`);
    lines.push('version: 1');
    lines.push('customer:');
    lines.push(`  name: DPOR Load ${i}`);
    lines.push(`  tenantId: ${rng.guid()}`);
    lines.push('  segment: enterprise');
    lines.push('agreements:');
    lines.push(`  - { id: EA-${700000 + i}, kind: EA }`);
    lines.push('subscriptions:');
    const ids: string[] = [];
    for (let k = 0; k < perFile; k++) {
      const id = mode === 'one-subscription' ? shared : rng.guid();
      if (mode === 'one-subscription') rng.guid(); // the same draws in both modes
      ids.push(id);
      if (mode === 'distinct' || k === 0) {
        lines.push(`  - id: ${id}`);
        lines.push(`    name: load-${i}-${k}`);
        lines.push('    product: Azure');
        lines.push('    licensing: EA');
        lines.push(`    agreement: EA-${700000 + i}`);
      }
    }
    lines.push('associations:');
    for (let k = 0; k < perFile; k++) {
      lines.push('  - type: DPOR');
      lines.push(`    partnerId: ${PARTNERS_DPOR[(i * perFile + k) % PARTNERS_DPOR.length]}`);
      lines.push(`    subscription: ${mode === 'one-subscription' ? `load-${i}-0` : `load-${i}-${k}`}`);
      lines.push(`    solutionAreas: [${rng.pick(AREA_FOR_PRODUCT.Azure.dpor).join(', ')}]`);
      lines.push(`    since: ${isoOf(dayOf('2023-01-01') + rng.int(0, 600))}`);
    }
    const rel = `load/${String(Math.floor(i / 100)).padStart(3, '0')}/d${String(i).padStart(5, '0')}.assoc.yaml`;
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), lines.join('\n') + '\n');
    out.push(rel);
  }
  return { dir, files: out, dpors: files * perFile };
}
