// The typed model of a record, read from its tree. Every value keeps its
// offsets (the tree's nodes are the spans); only values of the right shape
// are filled in, so a rule can trust that the schema speaks of the rest.
import type { YMap, YNode, YPair, YScalar } from './yaml/tree';
import {
  isAssociationType,
  type AgreementModel,
  type AssociationModel,
  type AssociationType,
  type CustomerModel,
  type IdentityModel,
  type Located,
  type RecordModel,
  type Span,
  type SubscriptionModel,
} from './types';
import { isIsoDate } from './dates';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DIGITS = /^[0-9]+$/;

export function isGuid(s: string): boolean {
  return GUID.test(s);
}

const SUBSCRIPTION_SCOPE = /^\/subscriptions\/([0-9a-f-]{36})(?:\/|$)/i;

/** The subscription GUID an RBAC scope lies in (`/subscriptions/<guid>` or below it), as written. */
export function scopeSubscription(scope: string): string | undefined {
  return SUBSCRIPTION_SCOPE.exec(scope)?.[1];
}

/** What an association is on, as written: its subscription, workload, agreement or scope. */
export function associationTarget(a: AssociationModel): string | undefined {
  return a.subscription?.value ?? a.workload?.value ?? a.agreement?.value ?? a.scope?.value;
}

/** The subscription a reference names: by name first, then by id (GUIDs compare case-insensitively). */
export function findSubscription(record: RecordModel, ref: string): SubscriptionModel | undefined {
  return record.subscriptionIndex.get(`name:${ref}`) ?? record.subscriptionIndex.get(`id:${ref.toLowerCase()}`);
}

export function findAgreement(record: RecordModel, ref: string): AgreementModel | undefined {
  return record.agreementIndex.get(ref);
}

type FieldMap = Map<string, YPair>;

/** The fields of a mapping; with a key written twice, the last one counts, as in the JSON the schema sees. */
function fieldMap(map: YMap): FieldMap {
  const m: FieldMap = new Map();
  for (const p of map.items) if (typeof p.key.value === 'string') m.set(p.key.value, p);
  return m;
}

function located<T>(key: YScalar | undefined, node: YNode, value: T): Located<T> {
  return { value, span: node, keySpan: key ?? node };
}

function str(fields: FieldMap, name: string, ok: (s: string) => boolean = (s) => s.length > 0): Located<string> | undefined {
  const f = fields.get(name);
  if (!f || f.value.kind !== 'scalar' || typeof f.value.value !== 'string') return undefined;
  return ok(f.value.value) ? located(f.key, f.value, f.value.value) : undefined;
}

function partnerIdOf(key: YScalar | undefined, node: YNode): Located<string> | undefined {
  if (node.kind !== 'scalar') return undefined;
  const v = node.value;
  // A number counts only as written in plain digits (not 0o…, 0x… or 1e6, which stay strings).
  if (typeof v === 'number' && node.raw !== undefined && DIGITS.test(node.raw)) return located(key, node, node.raw);
  if (typeof v === 'string' && DIGITS.test(v)) return located(key, node, v);
  return undefined;
}

function partnerField(fields: FieldMap, name: string): Located<string> | undefined {
  const f = fields.get(name);
  return f ? partnerIdOf(f.key, f.value) : undefined;
}

function anchorOf(map: YMap): Span {
  return map.items[0]?.key ?? map;
}

function allKeys(fields: FieldMap): Map<string, Located<unknown>> {
  const out = new Map<string, Located<unknown>>();
  for (const [name, f] of fields) out.set(name, located<unknown>(f.key, f.value, f.value.kind === 'scalar' ? f.value.value : f.value));
  return out;
}

function mapItems(fields: FieldMap, name: string): Array<{ map: YMap; index: number }> {
  const f = fields.get(name);
  if (!f || f.value.kind !== 'seq') return [];
  const out: Array<{ map: YMap; index: number }> = [];
  f.value.items.forEach((node, index) => {
    if (node.kind === 'map') out.push({ map: node, index });
  });
  return out;
}

function buildCustomer(fields: FieldMap): CustomerModel | undefined {
  const f = fields.get('customer');
  if (!f || f.value.kind !== 'map') return undefined;
  const c = fieldMap(f.value);
  return {
    anchor: f.key,
    span: { start: f.key.start, end: f.value.end },
    name: str(c, 'name'),
    tenantId: str(c, 'tenantId', isGuid),
    domain: str(c, 'domain'),
    segment: str(c, 'segment'),
  };
}

function buildIdentity(fields: FieldMap): IdentityModel | undefined {
  const f = fields.get('identity');
  if (!f || f.value.kind !== 'map') return undefined;
  const m = fieldMap(f.value);
  return { anchor: f.key, kind: str(m, 'kind'), objectId: str(m, 'objectId', isGuid), tenantId: str(m, 'tenantId', isGuid) };
}

function buildAssociation(map: YMap, index: number): AssociationModel {
  const f = fieldMap(map);
  const rawType = str(f, 'type');
  const type = rawType && isAssociationType(rawType.value) ? (rawType as Located<AssociationType>) : undefined;
  const areas: Located<string>[] = [];
  const areasField = f.get('solutionAreas');
  if (areasField && areasField.value.kind === 'seq') {
    for (const node of areasField.value.items) if (node.kind === 'scalar' && typeof node.value === 'string') areas.push(located(undefined, node, node.value));
  }
  return {
    index,
    anchor: anchorOf(map),
    span: map,
    type,
    rawType,
    partnerId: partnerField(f, 'partnerId'),
    solutionAreas: areas,
    since: str(f, 'since', isIsoDate),
    until: str(f, 'until', isIsoDate),
    note: str(f, 'note'),
    role: str(f, 'role'),
    recognition: str(f, 'recognition'),
    workload: str(f, 'workload'),
    poe: str(f, 'poe'),
    status: str(f, 'status'),
    subscription: str(f, 'subscription'),
    identity: buildIdentity(f),
    scope: str(f, 'scope'),
    model: str(f, 'model'),
    indirectProvider: partnerField(f, 'indirectProvider'),
    channel: str(f, 'channel'),
    agreement: str(f, 'agreement'),
    advisor: str(f, 'advisor'),
    keys: allKeys(f),
  };
}

export function buildModel(uri: string, root: YNode | null): RecordModel {
  const empty: RecordModel = {
    uri,
    agreements: [],
    subscriptions: [],
    associations: [],
    start: { start: 0, end: 0 },
    subscriptionIndex: new Map(),
    agreementIndex: new Map(),
  };
  if (!root || root.kind !== 'map') return empty;
  const f = fieldMap(root);
  const versionField = f.get('version');
  const agreements: AgreementModel[] = mapItems(f, 'agreements').map(({ map, index }) => {
    const m = fieldMap(map);
    return { index, anchor: anchorOf(map), span: map, id: str(m, 'id'), kind: str(m, 'kind') };
  });
  const subscriptions: SubscriptionModel[] = mapItems(f, 'subscriptions').map(({ map, index }) => {
    const m = fieldMap(map);
    return {
      index,
      anchor: anchorOf(map),
      span: map,
      id: str(m, 'id', isGuid),
      name: str(m, 'name'),
      product: str(m, 'product'),
      licensing: str(m, 'licensing'),
      agreement: str(m, 'agreement'),
    };
  });
  // References resolve by name first, then by id; the first declared of each wins (duplicate-id reports the rest).
  const subscriptionIndex = new Map<string, SubscriptionModel>();
  for (const s of subscriptions) if (s.name && !subscriptionIndex.has(`name:${s.name.value}`)) subscriptionIndex.set(`name:${s.name.value}`, s);
  for (const s of subscriptions) if (s.id && !subscriptionIndex.has(`id:${s.id.value.toLowerCase()}`)) subscriptionIndex.set(`id:${s.id.value.toLowerCase()}`, s);
  const agreementIndex = new Map<string, AgreementModel>();
  for (const a of agreements) if (a.id && !agreementIndex.has(a.id.value)) agreementIndex.set(a.id.value, a);
  return {
    uri,
    version: versionField && versionField.value.kind === 'scalar' ? located<unknown>(versionField.key, versionField.value, versionField.value.value) : undefined,
    program: str(f, 'program'),
    customer: buildCustomer(f),
    agreements,
    subscriptions,
    associations: mapItems(f, 'associations').map(({ map, index }) => buildAssociation(map, index)),
    start: anchorOf(root),
    subscriptionIndex,
    agreementIndex,
  };
}
