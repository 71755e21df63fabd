// The rule pages of docs/rules, by rule id (build.mjs writes the .js next to this file).
declare const docs: Record<string, string>;
export = docs;
