// Installs (once, into the ignored .e2e/ folder) and runs a real VS Code
// workbench through the code-server npm package, with our .vsix installed.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO = join(__dirname, '..', '..');
const E2E = join(REPO, '.e2e');
const CODE_SERVER_VERSION = '4.100.3';
const CODE_SERVER_DIR = join(E2E, 'code-server');
const CODE_SERVER = join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function which(cmd: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

const LOCKED = join(__dirname, 'code-server');

/**
 * code-server from npm, installed into .e2e/code-server from the package.json
 * and lockfile in test/e2e/code-server, unless that very install is there.
 */
export function ensureCodeServer(): void {
  const wanted = readFileSync(join(LOCKED, 'package-lock.json'), 'utf8');
  const installed = join(CODE_SERVER_DIR, 'package-lock.json');
  if (existsSync(CODE_SERVER) && existsSync(installed) && readFileSync(installed, 'utf8') === wanted) return;
  const rg = which('rg');
  if (!rg) throw new Error('ripgrep is needed to install code-server offline: apt-get install ripgrep');
  // @vscode/ripgrep downloads rg from the internet unless its cache holds the archive: give it the system's rg.
  // (The archive name is the x86_64 one, the kind of machine this suite runs on.)
  const cache = join(tmpdir(), 'vscode-ripgrep-cache-1.15.11');
  const archive = join(cache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz');
  if (!existsSync(archive)) {
    const d = mkdtempSync(join(tmpdir(), 'rg-'));
    copyFileSync(rg, join(d, 'rg'));
    mkdirSync(cache, { recursive: true });
    execFileSync('tar', ['czf', archive, '-C', d, 'rg']);
  }
  rmSync(CODE_SERVER_DIR, { recursive: true, force: true });
  mkdirSync(CODE_SERVER_DIR, { recursive: true });
  copyFileSync(join(LOCKED, 'package.json'), join(CODE_SERVER_DIR, 'package.json'));
  copyFileSync(join(LOCKED, 'package-lock.json'), installed);
  console.log(`installing code-server ${CODE_SERVER_VERSION} into .e2e/ from its lockfile (a minute or two, once)`);
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], {
    cwd: CODE_SERVER_DIR,
    stdio: 'inherit',
    // code-server builds native modules in nested installs: let their scripts run, as root too.
    env: { ...process.env, npm_config_yes: 'true', npm_config_unsafe_perm: 'true', npm_config_dangerously_allow_all_scripts: 'true' },
  });
  if (!existsSync(CODE_SERVER)) throw new Error('code-server did not install');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export interface Running {
  url: string;
  workspace: string;
  userData: string;
  stop(): void;
}

/** Installs the .vsix into a fresh extensions folder and starts code-server on a copy of a workspace. */
export async function startCodeServer(vsix: string, fixture: string): Promise<Running> {
  const base = mkdtempSync(join(tmpdir(), 'assoc-e2e-'));
  const ext = join(base, 'extensions');
  const userData = join(base, 'data');
  const workspace = join(base, 'workspace');
  cpSync(fixture, workspace, { recursive: true });
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(
    join(userData, 'User', 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'security.workspace.trust.enabled': false,
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'editor.hover.delay': 200,
      'files.autoSave': 'off',
      'window.restoreWindows': 'none',
      'chat.commandCenter.enabled': false,
    }),
  );
  execFileSync(process.execPath, [CODE_SERVER, '--extensions-dir', ext, '--user-data-dir', userData, '--install-extension', vsix], { stdio: 'inherit' });

  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [CODE_SERVER, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', userData, '--extensions-dir', ext, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', workspace],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const deadline = Date.now() + 60000;
  while (!/HTTP server listening/.test(log)) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`code-server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`,
    workspace,
    userData,
    stop() {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    },
  };
}
