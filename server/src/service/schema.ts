import type { ErrorObject } from 'ajv';
import schemaJson from '../../../schemas/assoc.schema.json';
import validate from './generated/assoc-schema-validate';
import type { AssociationType, FixHint, RecordModel, Span } from './types';
import { get, keyName, type YNode, type YScalar } from './yaml/tree';
import { closestMatches } from './suggest';
import { lineEnd } from './yaml/lines';

export const SCHEMA: Record<string, unknown> = schemaJson;

/** A node of the schema, as the editor features read it. */
export type SchemaNode = {
  title?: string;
  description?: string;
  $ref?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  enum?: string[];
  required?: string[];
};

const DEFINITIONS = (SCHEMA as { definitions: Record<string, SchemaNode> }).definitions;

/** Follows `$ref`s, keeping the title and description of the referring node. */
export function deref(node: SchemaNode | undefined): SchemaNode | undefined {
  let n = node;
  for (let i = 0; n?.$ref && i < 5; i++) {
    const target: SchemaNode | undefined = DEFINITIONS[n.$ref.split('/').pop() ?? ''];
    n = target ? { ...target, title: n.title ?? target.title, description: n.description ?? target.description } : undefined;
  }
  return n;
}

const DEFINITION_BY_TYPE: Record<AssociationType, string> = { CPOR: 'cpor', DPOR: 'dpor', PAL: 'pal', CSP: 'csp', TPOR: 'tpor' };

/** The schema of an association of a type; without a known type, only `type` is known. */
export function associationSchema(type: AssociationType | undefined): SchemaNode {
  return type ? DEFINITIONS[DEFINITION_BY_TYPE[type]] : { properties: { type: { $ref: '#/definitions/associationType' } } };
}

/** The schema of the value at a path of a record, following each association's type. */
export function schemaAt(path: Array<string | number>, record: RecordModel | undefined): SchemaNode | undefined {
  let node: SchemaNode | undefined = SCHEMA as SchemaNode;
  for (let i = 0; i < path.length && node; i++) {
    const seg = path[i];
    if (typeof seg === 'number') {
      node = deref(node.items);
      if (i === 1 && path[0] === 'associations') {
        node = associationSchema(record?.associations.find((a) => a.index === seg)?.type?.value);
      }
    } else {
      node = deref(node.properties?.[seg]);
    }
  }
  return deref(node);
}


function lastSegment(pointer: string): string {
  const i = pointer.lastIndexOf('/');
  return unescapePointer(pointer.slice(i + 1));
}

function unescapePointer(seg: string): string {
  return seg.replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * The record as the schema sees it: plain JSON, with `__proto__` as an
 * ordinary key. Mappings are ordinary objects (an object without a prototype
 * is a dictionary to V8, slow to fill and to read); the schema names no
 * property that an object inherits, so none is seen that the record does not
 * have.
 */
export function toJson(node: YNode | null): unknown {
  if (!node) return null;
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(toJson);
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const p of node.items) {
        const key = keyName(p);
        if (key === '__proto__') Object.defineProperty(out, key, { value: toJson(p.value), enumerable: true, writable: true, configurable: true });
        else out[key] = toJson(p.value);
      }
      return out;
    }
  }
}

/** What a JSON pointer of the record names: the node, and its key when it is a mapping's value. */
interface Entry {
  node: YNode;
  key?: YScalar;
}

function resolvePointer(root: YNode | null, pointer: string): Entry | undefined {
  if (!root) return undefined;
  let entry: Entry = { node: root };
  if (pointer === '') return entry;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = unescapePointer(raw);
    const n = entry.node;
    if (n.kind === 'map') {
      const pair = get(n, seg);
      if (!pair) return undefined;
      entry = { node: pair.value, key: pair.key };
    } else if (n.kind === 'seq') {
      const item = n.items[Number(seg)];
      if (!item) return undefined;
      entry = { node: item };
    } else return undefined;
  }
  return entry;
}

/** Where a "missing field" is shown: the parent's key, or the first key of a list item. */
function anchorSpan(entry: Entry | undefined, fallback: Span): Span {
  if (!entry) return fallback;
  if (entry.key) return entry.key;
  const node = entry.node;
  if (node.kind === 'map' && node.items.length > 0) return node.items[0].key;
  return node;
}

function describe(err: ErrorObject, fallback: string): string {
  const title = (err.parentSchema as { title?: string } | undefined)?.title;
  return title ?? fallback;
}

function a(title: string): string {
  return /^[AEIOU]/i.test(title) && !/^(OSU|OSA)/.test(title) ? `an ${title}` : `a ${title}`;
}

function show(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (typeof v === 'string') return `"${v}"`;
  if (typeof v === 'object') return Array.isArray(v) ? 'a list' : 'a mapping';
  return String(v);
}

const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  integer: 'an integer',
  'integer,string': 'a number or a string of digits',
};

export interface SchemaFinding {
  span: Span;
  message: string;
  fix?: FixHint;
}

/** Validates the record's JSON value and puts each error on the node it is about. */
export function validateSchema(root: YNode | null, text: string): SchemaFinding[] {
  const json = toJson(root);
  if (validate(json)) return [];
  const errors = validate.errors ?? [];
  const out: SchemaFinding[] = [];
  const seen = new Set<string>();
  const first = firstLine(text);
  const push = (span: Span, message: string, fix?: FixHint) => {
    const key = `${span.start}:${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ span, message, fix });
  };

  // A value of the wrong type is one problem: its enum, pattern or format errors say it again.
  const wrongType = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  for (const err of errors) {
    const pointer = err.instancePath;
    if (wrongType.has(pointer) && ['enum', 'const', 'pattern', 'format', 'minLength', 'minimum'].includes(err.keyword)) continue;
    const entry = resolvePointer(root, pointer);
    // A mapping that holds a merge key gets no diagnostic but the merge key's own, not even on the key it is the value of.
    if (entry?.node.kind === 'map' && entry.node.merge) continue;
    // The whole file is never the range: for the root, its first line.
    const valueSpan: Span = pointer === '' ? first : (entry?.node ?? first);
    const field = pointer === '' ? 'the record' : `\`${fieldName(pointer)}\``;
    switch (err.keyword) {
      case 'if':
        break; // the `then` branch reports what is wrong
      case 'required': {
        if (err.schemaPath.includes('/anyOf/')) break;
        const prop = (err.params as { missingProperty: string }).missingProperty;
        const owner = describe(err, pointer === '' ? 'record' : lastSegment(pointer));
        push(anchorSpan(entry, first), `${capital(a(owner))} needs \`${prop}\`.`, {
          kind: 'add-field',
          field: prop,
          value: '',
          into: entry?.key ? 'value' : 'map',
        });
        break;
      }
      case 'anyOf': {
        const branches = (err.schema as Array<{ required?: string[] }>).flatMap((s) => s.required ?? []);
        const owner = describe(err, lastSegment(pointer));
        push(anchorSpan(entry, first), `${capital(a(owner))} needs ${branches.map((b) => `\`${b}\``).join(' or ')}.`);
        break;
      }
      case 'additionalProperties': {
        const prop = (err.params as { additionalProperty: string }).additionalProperty;
        const child = entry?.node.kind === 'map' ? get(entry.node, prop) : undefined;
        const span = child?.key ?? valueSpan;
        const owner = describe(err, pointer === '' ? 'record' : lastSegment(pointer));
        const present = err.data && typeof err.data === 'object' ? Object.keys(err.data) : [];
        const known = Object.keys((err.parentSchema as { properties?: object }).properties ?? {}).filter((k) => !present.includes(k));
        const near = closestMatches(prop, known);
        const hint = near.length > 0 ? ` Did you mean \`${near[0]}\`?` : '';
        push(span, `\`${prop}\` is not a field of ${a(owner)}.${hint}`, near.length > 0 ? { kind: 'replace', candidates: near } : { kind: 'remove-field' });
        break;
      }
      case 'enum': {
        const allowed = (err.params as { allowedValues: unknown[] }).allowedValues.map(String);
        const near = closestMatches(String(err.data), allowed);
        const hint = near.length > 0 ? ` Did you mean ${near.map((n) => `\`${n}\``).join(' or ')}?` : '';
        push(
          valueSpan,
          `${show(err.data)} is not a valid value for ${field}; expected one of ${allowed.join(', ')}.${hint}`,
          near.length > 0 ? { kind: 'replace', candidates: near } : undefined,
        );
        break;
      }
      case 'const':
        push(valueSpan, `${field} must be ${show((err.params as { allowedValue: unknown }).allowedValue)}, not ${show(err.data)}.`);
        break;
      case 'type': {
        const t = (err.params as { type: string | string[] }).type;
        const isDate = (err.parentSchema as { format?: string } | undefined)?.format === 'date';
        const want = isDate ? 'a date written YYYY-MM-DD' : (TYPE_WORDS[String(t)] ?? String(t));
        const item = /\/\d+$/.test(pointer);
        const what =
          pointer === ''
            ? 'A record file must be a mapping with `version`, `customer` and `associations`'
            : item
              ? `Each item of ${field} must be ${want}`
              : `${capital(field)} must be ${want}`;
        push(valueSpan, `${what}, not ${show(err.data)}.`);
        break;
      }
      case 'pattern': {
        let want = 'match the expected pattern';
        if (err.schemaPath.includes('guid')) want = 'be a GUID such as 6b1e0d0e-2d3f-4a9c-9c1e-0f5c2a7b8e11';
        else if (err.schemaPath.includes('partnerId')) want = 'be all digits (a PartnerID)';
        else if (lastSegment(pointer) === 'scope')
          want = 'be an Azure RBAC scope starting /subscriptions/<guid> or /providers/Microsoft.Management/managementGroups/';
        push(valueSpan, `${capital(field)} must ${want}, not ${show(err.data)}.`);
        break;
      }
      case 'format':
        push(valueSpan, `${capital(field)} must be a real date written YYYY-MM-DD, not ${show(err.data)}.`);
        break;
      case 'minLength':
        push(valueSpan, `${capital(field)} must not be empty.`);
        break;
      case 'minItems':
        push(valueSpan, `${capital(field)} needs at least one entry.`);
        break;
      case 'uniqueItems':
        push(valueSpan, `${capital(field)} names the same value twice.`);
        break;
      case 'minimum':
        push(valueSpan, `${capital(field)} must not be negative.`);
        break;
      default:
        push(valueSpan, `${capital(field)} ${err.message ?? 'is not valid'}.`);
    }
  }
  return out;
}

/** A list item is named by its list: `solutionAreas`, not `1`. */
function fieldName(pointer: string): string {
  const parts = pointer.split('/').slice(1);
  while (parts.length > 1 && /^\d+$/.test(parts[parts.length - 1])) parts.pop();
  return lastSegment(`/${parts[parts.length - 1] ?? ''}`);
}

/** The first line with content, without its line break. */
function firstLine(text: string): Span {
  const start = text.search(/\S/);
  if (start < 0) return { start: 0, end: 0 };
  return { start, end: lineEnd(text, start) };
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
