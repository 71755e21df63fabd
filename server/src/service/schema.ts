import type { ErrorObject } from 'ajv';
import { isMap, isPair, isScalar, type LineCounter } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import schemaJson from '../../../schemas/assoc.schema.json';
import validate from './generated/assoc-schema-validate';
import type { AssociationType, Finding, RecordModel } from './types';
import type { ParsedRecord, PointerEntry } from './parse';
import { nodeRange, offsetRange } from './positions';
import { closestMatches } from './suggest';

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

export const DEFINITIONS = (SCHEMA as { definitions: Record<string, SchemaNode> }).definitions;

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
  return pointer.slice(i + 1).replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Where a "missing field" is shown: the parent's key, or the first key of a list item. */
function anchorRange(lines: LineCounter, entry: PointerEntry | undefined): Range {
  if (!entry) return nodeRange(lines, undefined);
  if (entry.key) return nodeRange(lines, entry.key);
  const node = entry.node;
  if (isMap(node)) {
    const first = node.items.find((p) => isPair(p) && isScalar(p.key));
    if (first && isScalar(first.key)) return nodeRange(lines, first.key);
  }
  return nodeRange(lines, node);
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

/** Validates the record's JSON value and puts each error on the node it is about. */
export function validateSchema(parsed: ParsedRecord): Finding[] {
  if (validate(parsed.json)) return [];
  const errors = validate.errors ?? [];
  const lines = parsed.lines;
  const out: Finding[] = [];
  const seen = new Set<string>();
  const push = (range: Range, message: string, fix?: Finding['fix']) => {
    const key = `${range.start.line}:${range.start.character}:${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ rule: 'schema', range, message, fix });
  };

  // A value of the wrong type is one problem: its enum, pattern or format errors say it again.
  const wrongType = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  for (const err of errors) {
    const pointer = err.instancePath;
    if (wrongType.has(pointer) && ['enum', 'const', 'pattern', 'format', 'minLength', 'minimum'].includes(err.keyword)) continue;
    const entry = parsed.pointers.get(pointer);
    // The whole file is never the range: for the root, its first line.
    const valueRange = pointer === '' ? firstLine(parsed) : entry ? nodeRange(lines, entry.node) : nodeRange(lines, undefined);
    const field = pointer === '' ? 'the record' : `\`${fieldName(pointer)}\``;
    switch (err.keyword) {
      case 'if':
        break; // the `then` branch reports what is wrong
      case 'required': {
        if (err.schemaPath.includes('/anyOf/')) break;
        const prop = (err.params as { missingProperty: string }).missingProperty;
        const owner = describe(err, pointer === '' ? 'record' : lastSegment(pointer));
        push(anchorRange(lines, entry), `${capital(a(owner))} needs \`${prop}\`.`, {
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
        push(anchorRange(lines, entry), `${capital(a(owner))} needs ${branches.map((b) => `\`${b}\``).join(' or ')}.`);
        break;
      }
      case 'additionalProperties': {
        const prop = (err.params as { additionalProperty: string }).additionalProperty;
        if (prop === '<<') break; // yaml-syntax says merge keys are not read
        const child = parsed.pointers.get(`${pointer}/${prop.replace(/~/g, '~0').replace(/\//g, '~1')}`);
        const range = child?.key ? nodeRange(lines, child.key) : valueRange;
        const owner = describe(err, pointer === '' ? 'record' : lastSegment(pointer));
        const present = err.data && typeof err.data === 'object' ? Object.keys(err.data) : [];
        const known = Object.keys((err.parentSchema as { properties?: object }).properties ?? {}).filter((k) => !present.includes(k));
        const near = closestMatches(prop, known);
        const hint = near.length > 0 ? ` Did you mean \`${near[0]}\`?` : '';
        push(range, `\`${prop}\` is not a field of ${a(owner)}.${hint}`, near.length > 0 ? { kind: 'replace', candidates: near } : { kind: 'remove-field' });
        break;
      }
      case 'enum': {
        const allowed = (err.params as { allowedValues: unknown[] }).allowedValues.map(String);
        const near = closestMatches(String(err.data), allowed);
        const hint = near.length > 0 ? ` Did you mean ${near.map((n) => `\`${n}\``).join(' or ')}?` : '';
        push(
          valueRange,
          `${show(err.data)} is not a valid value for ${field}; expected one of ${allowed.join(', ')}.${hint}`,
          near.length > 0 ? { kind: 'replace', candidates: near } : undefined,
        );
        break;
      }
      case 'const':
        push(valueRange, `${field} must be ${show((err.params as { allowedValue: unknown }).allowedValue)}, not ${show(err.data)}.`);
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
        push(valueRange, `${what}, not ${show(err.data)}.`);
        break;
      }
      case 'pattern': {
        let want = 'match the expected pattern';
        if (err.schemaPath.includes('guid')) want = 'be a GUID such as 6b1e0d0e-2d3f-4a9c-9c1e-0f5c2a7b8e11';
        else if (err.schemaPath.includes('partnerId')) want = 'be all digits (a PartnerID)';
        else if (lastSegment(pointer) === 'scope')
          want = 'be an Azure RBAC scope starting /subscriptions/<guid> or /providers/Microsoft.Management/managementGroups/';
        push(valueRange, `${capital(field)} must ${want}, not ${show(err.data)}.`);
        break;
      }
      case 'format':
        push(valueRange, `${capital(field)} must be a real date written YYYY-MM-DD, not ${show(err.data)}.`);
        break;
      case 'minLength':
        push(valueRange, `${capital(field)} must not be empty.`);
        break;
      case 'minItems':
        push(valueRange, `${capital(field)} needs at least one entry.`);
        break;
      case 'uniqueItems':
        push(valueRange, `${capital(field)} names the same value twice.`);
        break;
      case 'minimum':
        push(valueRange, `${capital(field)} must not be negative.`);
        break;
      default:
        push(valueRange, `${capital(field)} ${err.message ?? 'is not valid'}.`);
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

function firstLine(parsed: ParsedRecord): Range {
  const text = parsed.text;
  const start = text.search(/\S/);
  if (start < 0) return offsetRange(parsed.lines, 0, 0);
  const nl = text.indexOf('\n', start);
  return offsetRange(parsed.lines, start, (nl < 0 ? text.length : nl) - (text[nl - 1] === '\r' ? 1 : 0));
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
