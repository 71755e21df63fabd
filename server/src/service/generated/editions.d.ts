// The edition tables of editions/*.yaml, validated against schemas/edition.schema.json
// (build.mjs writes the .js next to this file).
import type { EditionData } from '../editions';

declare const editions: EditionData[];
export = editions;
