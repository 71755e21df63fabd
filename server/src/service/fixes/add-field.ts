// Adds a missing field. Every value that could fit is a candidate (the
// schema's values, declared subscriptions and agreements, the edition's
// solution areas); the service offers only those that bring no new problem.
import type { FixProvider } from './api';
import { nodeAt, type YMap } from '../yaml/tree';
import { schemaAt } from '../schema';
import { editionTable } from '../editions';
import { ASSOCIATION_TYPES, SOLUTION_AREAS, type AssociationType, type FixHint } from '../types';
import { addKey, scalarText } from './edit';

export const addField: FixProvider<Extract<FixHint, { kind: 'add-field' }>> = ({ parsed, diagnostic, hint, edition }) => {
  const at = nodeAt(parsed.root, parsed.lines.offset(diagnostic.range.start));
  if (!at) return [];
  let map: YMap | undefined;
  let mapPath = at.path.slice(0, -1);
  if (hint.into === 'value' && at.isKey && at.pair?.value.kind === 'map') {
    map = at.pair.value;
    mapPath = at.path;
  } else if (at.map) {
    map = at.map;
  } else if (at.node.kind === 'map') {
    map = at.node;
    mapPath = at.path;
  }
  if (!map || map.alias) return [];
  const target = map;
  const field = hint.field;
  const record = parsed.model;
  const assoc = mapPath[0] === 'associations' && typeof mapPath[1] === 'number' ? record?.associations.find((a) => a.index === mapPath[1]) : undefined;
  const offer = (title: string, value: string, nested?: Array<[string, string]>) => {
    // `version` opens a record.
    const added = addKey(parsed, target, field, value, nested, field === 'version' && mapPath.length === 0);
    return added ? [{ title, uri: parsed.uri, edits: [added] }] : [];
  };
  const schema = schemaAt([...mapPath, field], record);
  if (field === 'type' && mapPath.length === 2) return ASSOCIATION_TYPES.flatMap((t) => offer(`Add 'type: ${t}'`, t));
  if (schema?.enum) return schema.enum.flatMap((v) => offer(`Add '${field}: ${v}'`, v));
  if (field === 'solutionAreas') {
    const type = assoc?.type?.value as AssociationType | undefined;
    const areas = type ? (editionTable(edition).eligibility[type] ?? SOLUTION_AREAS) : SOLUTION_AREAS;
    return areas.flatMap((a) => offer(`Add 'solutionAreas: [${a}]'`, `[${a}]`));
  }
  if (field === 'subscription' && record && record.subscriptions.length > 0) {
    return record.subscriptions.flatMap((s) => {
      const ref = s.name?.value ?? s.id?.value;
      return ref ? offer(`Add 'subscription: ${ref}'`, scalarText(ref)) : [];
    });
  }
  if (field === 'agreement' && record && record.agreements.length > 0) {
    return record.agreements.flatMap((a) => (a.id ? offer(`Add 'agreement: ${a.id.value}'`, scalarText(a.id.value)) : []));
  }
  if (field === 'identity') return offer(`Add 'identity'`, '', [['kind', 'user'], ['objectId', '']]);
  if (field === 'version') return offer(`Add 'version: 1'`, '1').map((f) => ({ ...f, safe: true }));
  if (field === 'associations') return offer(`Add 'associations: []'`, '[]');
  if (field === 'customer') return offer(`Add 'customer'`, '', [['name', ''], ['tenantId', '']]);
  return offer(`Add '${field}'`, hint.value);
};
