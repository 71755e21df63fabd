import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type Scalar, type YAMLMap } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import {
  ASSOCIATION_TYPES,
  type AgreementModel,
  type AssociationModel,
  type AssociationType,
  type CustomerModel,
  type IdentityModel,
  type Located,
  type RecordModel,
  type SubscriptionModel,
} from './types';
import { nodeRange, offsetRange } from './positions';
import { isIsoDate } from './dates';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DIGITS = /^[0-9]+$/;

export function isGuid(s: string): boolean {
  return GUID.test(s);
}

/** The subscription a reference names: by name first, then by id (GUIDs compare case-insensitively). */
export function findSubscription(record: RecordModel, ref: string): SubscriptionModel | undefined {
  return (
    record.subscriptions.find((s) => s.name?.value === ref) ??
    record.subscriptions.find((s) => s.id?.value.toLowerCase() === ref.toLowerCase())
  );
}

export function findAgreement(record: RecordModel, ref: string): AgreementModel | undefined {
  return record.agreements.find((a) => a.id?.value === ref);
}

interface Builder {
  doc: Document.Parsed | null;
  lines: LineCounter;
}

function deref(b: Builder, node: unknown): unknown {
  if (isAlias(node) && b.doc) return node.resolve(b.doc);
  return node;
}

function pairs(b: Builder, map: YAMLMap): Array<{ key: Scalar; value: unknown; name: string }> {
  const out: Array<{ key: Scalar; value: unknown; name: string }> = [];
  for (const pair of map.items) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    out.push({ key: pair.key, value: deref(b, pair.value), name: String(pair.key.value) });
  }
  return out;
}

function located<T>(b: Builder, key: Scalar | undefined, node: Node, value: T): Located<T> {
  const range = nodeRange(b.lines, node);
  return { value, range, keyRange: key ? nodeRange(b.lines, key) : range, node, key };
}

/** The position of a key with no value (`key:`), for fields present but empty. */
function emptyValueRange(b: Builder, key: Scalar): Range {
  const end = key.range ? key.range[1] : 0;
  return offsetRange(b.lines, end, end);
}

type FieldMap = Map<string, { key: Scalar; value: unknown }>;

function fieldMap(b: Builder, map: YAMLMap): FieldMap {
  const m: FieldMap = new Map();
  // With a key written twice, the last one counts, as in the JSON the schema sees.
  for (const p of pairs(b, map)) m.set(p.name, p);
  return m;
}

function str(b: Builder, fields: FieldMap, name: string, ok: (s: string) => boolean = (s) => s.length > 0): Located<string> | undefined {
  const f = fields.get(name);
  if (!f || !isScalar(f.value)) return undefined;
  const raw = f.value.value;
  // A date under a %YAML 1.1 directive arrives as a Date.
  const v = raw instanceof Date && !Number.isNaN(raw.getTime()) ? raw.toISOString().slice(0, 10) : raw;
  if (typeof v !== 'string') return undefined;
  return ok(v) ? located(b, f.key, f.value, v) : undefined;
}

function partnerIdOf(b: Builder, key: Scalar | undefined, node: unknown): Located<string> | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  // A number counts only as written in plain digits (not 0o…, 0x… or 1e6).
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && (typeof node.source !== 'string' || DIGITS.test(node.source))) {
    return located(b, key, node, typeof node.source === 'string' ? node.source : String(v));
  }
  if (typeof v === 'string' && DIGITS.test(v)) return located(b, key, node, v);
  return undefined;
}

function partnerField(b: Builder, fields: FieldMap, name: string): Located<string> | undefined {
  const f = fields.get(name);
  return f ? partnerIdOf(b, f.key, f.value) : undefined;
}

function anchorOf(b: Builder, map: YAMLMap, fallback: Node): Range {
  const first = map.items.find((p) => isPair(p) && isScalar(p.key));
  if (first && isScalar(first.key)) return nodeRange(b.lines, first.key);
  return nodeRange(b.lines, fallback);
}

function allKeys(b: Builder, fields: FieldMap): Map<string, Located<unknown>> {
  const out = new Map<string, Located<unknown>>();
  for (const [name, f] of fields) {
    const node = (f.value ?? f.key) as Node;
    const loc = located<unknown>(b, f.key, node, isScalar(f.value) ? f.value.value : f.value);
    if (f.value === null || f.value === undefined) loc.range = emptyValueRange(b, f.key);
    out.set(name, loc);
  }
  return out;
}

function mapItems(b: Builder, fields: FieldMap, name: string): Array<{ map: YAMLMap; index: number }> {
  const f = fields.get(name);
  if (!f || !isSeq(f.value)) return [];
  const out: Array<{ map: YAMLMap; index: number }> = [];
  f.value.items.forEach((item, index) => {
    const node = deref(b, item);
    if (isMap(node)) out.push({ map: node, index });
  });
  return out;
}

function buildCustomer(b: Builder, fields: FieldMap): CustomerModel | undefined {
  const f = fields.get('customer');
  if (!f || !isMap(f.value)) return undefined;
  const c = fieldMap(b, f.value);
  const key = nodeRange(b.lines, f.key);
  return {
    anchor: key,
    range: { start: key.start, end: nodeRange(b.lines, f.value).end },
    name: str(b, c, 'name'),
    tenantId: str(b, c, 'tenantId', isGuid),
    domain: str(b, c, 'domain'),
    segment: str(b, c, 'segment'),
  };
}

function buildIdentity(b: Builder, fields: FieldMap): IdentityModel | undefined {
  const f = fields.get('identity');
  if (!f || !isMap(f.value)) return undefined;
  const m = fieldMap(b, f.value);
  return {
    anchor: nodeRange(b.lines, f.key),
    kind: str(b, m, 'kind'),
    objectId: str(b, m, 'objectId', isGuid),
    tenantId: str(b, m, 'tenantId', isGuid),
  };
}

function buildAssociation(b: Builder, map: YAMLMap, index: number): AssociationModel {
  const f = fieldMap(b, map);
  const rawType = str(b, f, 'type');
  const type =
    rawType && (ASSOCIATION_TYPES as readonly string[]).includes(rawType.value)
      ? (rawType as Located<AssociationType>)
      : undefined;
  const areas: Located<string>[] = [];
  const areasField = f.get('solutionAreas');
  if (areasField && isSeq(areasField.value)) {
    for (const item of areasField.value.items) {
      const node = deref(b, item);
      if (isScalar(node) && typeof node.value === 'string') areas.push(located(b, undefined, node, node.value));
    }
  }
  return {
    index,
    anchor: anchorOf(b, map, map),
    range: nodeRange(b.lines, map),
    type,
    rawType,
    partnerId: partnerField(b, f, 'partnerId'),
    solutionAreas: areas,
    since: str(b, f, 'since', isIsoDate),
    until: str(b, f, 'until', isIsoDate),
    note: str(b, f, 'note'),
    role: str(b, f, 'role'),
    recognition: str(b, f, 'recognition'),
    workload: str(b, f, 'workload'),
    poe: str(b, f, 'poe'),
    status: str(b, f, 'status'),
    subscription: str(b, f, 'subscription'),
    identity: buildIdentity(b, f),
    scope: str(b, f, 'scope'),
    model: str(b, f, 'model'),
    indirectProvider: partnerField(b, f, 'indirectProvider'),
    channel: str(b, f, 'channel'),
    agreement: str(b, f, 'agreement'),
    advisor: str(b, f, 'advisor'),
    keys: allKeys(b, f),
  };
}

export function buildModel(
  uri: string,
  doc: Document.Parsed | null,
  lines: LineCounter,
): RecordModel {
  const b: Builder = { doc, lines };
  const start = offsetRange(lines, 0, 0);
  const empty: RecordModel = { uri, agreements: [], subscriptions: [], associations: [], start };
  const root = doc ? deref(b, doc.contents) : null;
  if (!isMap(root)) return empty;
  const f = fieldMap(b, root);
  const versionField = f.get('version');
  const agreements: AgreementModel[] = mapItems(b, f, 'agreements').map(({ map, index }) => {
    const m = fieldMap(b, map);
    return { index, anchor: anchorOf(b, map, map), range: nodeRange(b.lines, map), id: str(b, m, 'id'), kind: str(b, m, 'kind') };
  });
  const subscriptions: SubscriptionModel[] = mapItems(b, f, 'subscriptions').map(({ map, index }) => {
    const m = fieldMap(b, map);
    return {
      index,
      anchor: anchorOf(b, map, map),
      range: nodeRange(b.lines, map),
      id: str(b, m, 'id', isGuid),
      name: str(b, m, 'name'),
      product: str(b, m, 'product'),
      licensing: str(b, m, 'licensing'),
      agreement: str(b, m, 'agreement'),
    };
  });
  return {
    uri,
    version:
      versionField && isScalar(versionField.value)
        ? located<unknown>(b, versionField.key, versionField.value, versionField.value.value)
        : undefined,
    program: str(b, f, 'program'),
    customer: buildCustomer(b, f),
    agreements,
    subscriptions,
    associations: mapItems(b, f, 'associations').map(({ map, index }) => buildAssociation(b, map, index)),
    start: anchorOf(b, root, root),
  };
}
