// The JSON Schema's validator, compiled by ajv at build time (build.mjs writes the .js next to this file).
import type { ValidateFunction } from 'ajv';

declare const validate: ValidateFunction;
export default validate;
