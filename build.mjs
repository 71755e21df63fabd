// Bundles the CLI (and, when present, the language server and the VS Code client) with esbuild.
import { build } from 'esbuild';
import { chmodSync, existsSync } from 'node:fs';

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };
const jobs = [
  { entryPoints: ['server/src/cli/assoc-lint.ts'], outfile: 'dist/assoc-lint.js', banner: { js: '#!/usr/bin/env node' } },
];
if (existsSync('server/src/server.ts')) {
  jobs.push({ entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } });
}
if (existsSync('client/src/extension.ts')) {
  jobs.push({ entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] });
}
await Promise.all(jobs.map((j) => build({ ...common, ...j })));
chmodSync('dist/assoc-lint.js', 0o755);
if (existsSync('dist/server.js')) chmodSync('dist/server.js', 0o755);
