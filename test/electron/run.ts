// The editor scenarios as an @vscode/test-electron suite, for machines that
// can download VS Code (it fetches a VS Code build from the internet). It
// shares test/fixtures/editor with the code-server end-to-end tests.
//   npm run test:electron
import { runTests } from '@vscode/test-electron';
import { build } from 'esbuild';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REPO = join(__dirname, '..', '..');

async function main() {
  const out = mkdtempSync(join(tmpdir(), 'assoc-electron-'));
  // The suite runs inside VS Code's extension host, which loads plain CommonJS.
  await build({ entryPoints: [join(__dirname, 'suite', 'index.ts')], outfile: join(out, 'suite', 'index.js'), bundle: true, platform: 'node', format: 'cjs', external: ['vscode'] });
  const workspace = join(out, 'workspace');
  cpSync(join(REPO, 'test', 'fixtures', 'editor'), workspace, { recursive: true });
  await runTests({
    extensionDevelopmentPath: REPO,
    extensionTestsPath: join(out, 'suite', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
