// Installs (once, into the ignored .e2e/ folder) and runs a real VS Code
// workbench through the code-server npm package, with our .vsix installed.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

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
  /** What code-server has printed so far: its last lines go into the error when the workbench does not come up. */
  log(): string;
  stop(): void;
}

export interface StartOptions {
  /**
   * A `.code-workspace` file in the fixture, relative to it: the workbench opens
   * that (multi-root) workspace instead of the fixture's folder.
   */
  workspaceFile?: string;
}

/** Installs the .vsix into a fresh extensions folder and starts code-server on a copy of a workspace. */
export async function startCodeServer(vsix: string, fixture: string, options: StartOptions = {}): Promise<Running> {
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
  const target = options.workspaceFile ? join(workspace, options.workspaceFile) : workspace;
  const child: ChildProcess = spawn(
    process.execPath,
    [CODE_SERVER, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', userData, '--extensions-dir', ext, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', target],
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
    url: `http://127.0.0.1:${port}/?${options.workspaceFile ? 'workspace' : 'folder'}=${encodeURIComponent(target)}`,
    workspace,
    userData,
    log: () => log,
    stop() {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    },
  };
}

/** A workbench in Chromium, with the steps the scenarios share. */
export interface Workbench {
  page: Page;
  /** Saves a screenshot as `<prefix>-NN-<name>.png` in the screenshots folder; returns the file's name. */
  shot(name: string): Promise<string>;
  /** Waits until `ok` holds, checking four times a second. */
  until(what: string, ok: () => Promise<boolean>, timeoutMs?: number): Promise<void>;
  /** Opens a file by clicking its way through the Explorer: `team/.assocrc.yaml` expands `team` first. */
  openFile(path: string): Promise<void>;
  /** Runs a command from the Command Palette, by its title. */
  command(title: string): Promise<void>;
  /** The rows of the Problems panel (opened if it is not). */
  problems(): Promise<string[]>;
  /** The lines of the active editor as they are drawn, top to bottom, with any inlay hint in them. */
  editorLines(): Promise<string[]>;
  /** The labels of the suggestion list while it is open, else an empty list. */
  suggestions(): Promise<string[]>;
  close(): Promise<void>;
}

export const BROWSER_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Launches Chromium on a running code-server and waits for the workbench, the Explorer and our extension's commands. */
export async function openWorkbench(server: Running, shots: { dir: string; prefix: string }, viewport = { width: 1400, height: 900 }): Promise<Workbench> {
  mkdirSync(shots.dir, { recursive: true });
  // The screenshots of an earlier run under this prefix would mix with this run's.
  for (const f of readdirSync(shots.dir)) if (f.startsWith(`${shots.prefix}-`) && f.endsWith('.png')) rmSync(join(shots.dir, f));
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: BROWSER_ARGS });
  const page = await browser.newPage({ viewport });
  await page.goto(server.url);
  await page.locator('.monaco-workbench').waitFor({ timeout: 120000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60000 });
  let step = 0;

  /**
   * Opens the Command Palette on a command, focused. A workbench that has just
   * started may not list an extension's commands yet (on a busy machine its
   * extension host can take a while): the palette is opened again until the
   * command is there, for two minutes at most.
   */
  const findCommand = async (title: string) => {
    const deadline = Date.now() + 120000;
    const input = page.locator('.quick-input-widget input');
    const row = page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: title });
    for (;;) {
      await page.keyboard.press('F1');
      await input.waitFor();
      await input.fill(`>${title}`);
      const found = await row.waitFor({ timeout: 15000 }).then(
        () => true,
        () => false,
      );
      if (found) return;
      await page.keyboard.press('Escape');
      if (Date.now() > deadline) {
        throw new Error(`the Command Palette never listed "${title}"; code-server said:\n${server.log().split('\n').slice(-40).join('\n')}`);
      }
      await page.waitForTimeout(1000);
    }
  };

  const until = async (what: string, ok: () => Promise<boolean>, timeoutMs = 60000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await ok())) {
      if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
      await page.waitForTimeout(250);
    }
  };

  /** The Explorer's row for a file or folder of that exact name. */
  const row = (name: string) =>
    page.locator('.explorer-folders-view .monaco-list-row').filter({ has: page.locator('.label-name').getByText(name, { exact: true }) }).first();

  const problems = async () => {
    if (!(await page.locator('.markers-panel').isVisible())) {
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel').waitFor();
    }
    return page.locator('.markers-panel .monaco-tl-contents').allInnerTexts();
  };

  // The workbench is ready for a scenario once it lists our extension's commands.
  const nls = JSON.parse(readFileSync(join(REPO, 'package.nls.json'), 'utf8')) as Record<string, string>;
  await findCommand(`${nls['command.category']}: ${nls['command.showOutput.title']}`);
  await page.keyboard.press('Escape');

  return {
    page,
    until,
    problems,
    async shot(name) {
      step++;
      const file = `${shots.prefix}-${String(step).padStart(2, '0')}-${name}.png`;
      await page.screenshot({ path: join(shots.dir, file) });
      return file;
    },
    async openFile(path) {
      const parts = path.split('/');
      for (const folder of parts.slice(0, -1)) {
        const r = row(folder);
        await r.waitFor({ timeout: 30000 });
        if ((await r.getAttribute('aria-expanded')) !== 'true') await r.click();
      }
      const name = parts[parts.length - 1];
      await row(name).click();
      await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 30000 });
      await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().waitFor();
    },
    async command(title) {
      await findCommand(title);
      await page.keyboard.press('Enter');
    },
    async editorLines() {
      return page.locator('.editor-group-container.active .monaco-editor .view-lines .view-line').evaluateAll((lines) =>
        lines
          .map((l) => ({ top: parseFloat((l as unknown as { style: { top: string } }).style.top), text: (l.textContent ?? '').replace(/\u00a0/g, ' ') }))
          .sort((a, b) => a.top - b.top)
          .map((l) => l.text),
      );
    },
    async suggestions() {
      const widget = page.locator('.editor-widget.suggest-widget.visible');
      if (!(await widget.isVisible())) return [];
      return widget.locator('.monaco-list-row .label-name').allInnerTexts();
    },
    async close() {
      await browser.close();
    },
  };
}
