// The README's recipes for other editors, run exactly as the README writes
// them: each test takes the code block that follows `<!-- recipe: NAME -->` in
// README.md, writes it byte for byte as the editor's init file, puts a shim
// `assoc-language-server` on the PATH (the command the recipes name), and opens
// a record by a relative path from a workspace with two records that claim
// overlapping DPORs on one subscription. The editor must then show the
// cross-file diagnostic and the hover on `DPOR`, with the server started in the
// workspace's absolute root.
//
// Debian 12 ships Neovim 0.7.2 and Emacs 28.2 (with yaml-mode and Eglot from
// elpa-yaml-mode and elpa-eglot), so those recipes always run. The others run
// when the editor found can run them, and are skipped (saying why) otherwise:
// Neovim 0.10 and 0.11, Emacs 29+ with a YAML tree-sitter grammar, and Helix
// (only `hx --health`: it has no headless mode to ask for a hover).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from './codeserver';

const DRIVERS = join(__dirname, 'recipes');

/** The code block right after `<!-- recipe: NAME -->` in README.md, exactly as written there. */
export function recipe(name: string): string {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const marker = `<!-- recipe: ${name} -->`;
  const at = readme.indexOf(marker);
  assert.ok(at >= 0, `README.md has no ${marker}`);
  assert.equal(readme.indexOf(marker, at + 1), -1, `README.md has ${marker} twice`);
  const rest = readme.slice(at + marker.length);
  const block = /^\s*\n(`{3,})[^\n]*\n([\s\S]*?\n)\1[ \t]*(?:\n|$)/.exec(rest);
  assert.ok(block, `${marker} in README.md is not followed by a fenced code block`);
  return block[2];
}

function which(cmd: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

interface Workspace {
  base: string;
  /** The folder the server must get as its root: absolute, with `.git` in it. */
  root: string;
  /** The record the editor opens, relative to `root` (the editor's working directory). */
  open: string;
  /** The record that conflicts with it and is never opened, absolute. */
  other: string;
  /** PATH with the shim `assoc-language-server` first. */
  path: string;
}

/** A Git working tree with the two conflicting records in `records/`, and the shim. */
function workspace(editor: string): Workspace {
  const base = realpathSync(mkdtempSync(join(tmpdir(), `assoc-recipe-${editor}-`)));
  const root = join(base, 'workspace');
  cpSync(join(REPO, 'test', 'fixtures', 'editor'), join(root, 'records'), { recursive: true });
  // A repository root found by searching upward from records/: the recipes must
  // give the server this folder, not `.` and not the file's own folder.
  if (spawnSync('git', ['init', '-q'], { cwd: root }).status !== 0) mkdirSync(join(root, '.git'));
  const bin = join(base, 'bin');
  mkdirSync(bin);
  const shim = join(bin, 'assoc-language-server');
  writeFileSync(shim, `#!/bin/sh\nexec '${process.execPath}' '${join(REPO, 'dist', 'server.js')}' "$@"\n`);
  chmodSync(shim, 0o755);
  return {
    base,
    root,
    open: join('records', 'fabrikam.assoc.yaml'),
    other: join(root, 'records', 'fabrikam-europe.assoc.yaml'),
    path: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
  };
}

/** Runs a command in its own process group; after `timeoutMs` the whole group is killed. */
function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const kill = () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      output += `\n[killed after ${timeoutMs / 1000} s]`;
      kill();
    }, timeoutMs);
    child.on('error', (e) => (output += `\n[${e.message}]`));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      kill();
      resolve(`${output}\n[exit ${code ?? signal}]`);
    });
  });
}

/** What the driver wrote, or a failure that shows what the editor said. */
function result(file: string, output: string): Record<string, any> {
  // Terminal control sequences from `emacs -nw` are noise in a report.
  const said = output.replace(/\x1b\[[0-9;?=>]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]|\r/g, '').slice(-3000);
  assert.ok(existsSync(file), `the editor wrote no result; it said:\n${said}`);
  const seen = JSON.parse(readFileSync(file, 'utf8'));
  seen.editor_output = said;
  return seen;
}

function report(seen: Record<string, any>): string {
  return `\nwhat the editor saw:\n${JSON.stringify(seen, null, 2)}`;
}

// ---------------------------------------------------------------- Neovim

const NVIM = which('nvim');

function nvimVersion(): [number, number] {
  if (!NVIM) return [0, 0];
  const m = /NVIM v(\d+)\.(\d+)/.exec(spawnSync(NVIM, ['--version'], { encoding: 'utf8' }).stdout);
  return m ? [Number(m[1]), Number(m[2])] : [0, 0];
}
const [major, minor] = nvimVersion();

async function neovim(name: string, t: { diagnostic(message: string): void }): Promise<void> {
  assert.ok(NVIM, 'Neovim is needed for this test (apt-get install neovim)');
  const ws = workspace('nvim');
  // The recipe is the whole init.lua, found where Neovim looks for it.
  const config = join(ws.base, 'config', 'nvim');
  mkdirSync(config, { recursive: true });
  writeFileSync(join(config, 'init.lua'), recipe(name));
  const out = join(ws.base, 'out.json');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: ws.path,
    XDG_CONFIG_HOME: join(ws.base, 'config'),
    XDG_DATA_HOME: join(ws.base, 'data'),
    XDG_STATE_HOME: join(ws.base, 'state'),
    XDG_CACHE_HOME: join(ws.base, 'cache'),
    ASSOC_OUT: out,
    ASSOC_OTHER: ws.other,
  };
  // Each of these would make Neovim read another init file, or none.
  for (const name of ['VIMINIT', 'EXINIT', 'NVIM_APPNAME', 'NVIM', 'NVIM_LISTEN_ADDRESS']) delete env[name];
  const output = await run(NVIM, ['--headless', '-c', `luafile ${join(DRIVERS, 'neovim.lua')}`, ws.open], ws.root, env, 150000);
  const seen = result(out, output);
  t.diagnostic(`Neovim ${seen.version}, root ${seen.root_dir}`);
  assert.equal(seen.error, undefined, `the check failed: ${seen.error}${report(seen)}`);
  assert.equal(seen.filetype, 'yaml.assoc', report(seen));
  assert.equal(seen.client, 'assoc', report(seen));
  assert.equal(seen.root_dir, ws.root, `the server's root is not the workspace's absolute path${report(seen)}`);
  assert.deepEqual(seen.workspace_folders, [ws.root], report(seen));
  assert.ok(seen.diagnostics.open.includes('dpor-one-per-subscription'), `no cross-file diagnostic in the open record${report(seen)}`);
  assert.ok(seen.diagnostics.other.includes('dpor-one-per-subscription'), `no diagnostic for the record never opened${report(seen)}`);
  assert.match(seen.hover ?? '', /Digital Partner of Record/, `no hover on DPOR${report(seen)}`);
  // The README says that Neovim 0.11 and later warn about the 0.7 recipe's start_client.
  if (!(name === 'neovim-0.7' && (major > 0 || minor >= 11))) {
    assert.doesNotMatch(seen.messages ?? '', /deprecated/, `Neovim warned${report(seen)}`);
  }
}

test('README recipe neovim-0.7 runs as written in Neovim (Debian 12: 0.7.2)', async (t) => {
  await neovim('neovim-0.7', t);
});

test('README recipe neovim-0.10 runs as written in Neovim 0.10 or later', { skip: !(major > 0 || minor >= 10) && `nvim is ${major}.${minor}` }, async (t) => {
  await neovim('neovim-0.10', t);
});

test('README recipe neovim-0.11 runs as written in Neovim 0.11 or later', { skip: !(major > 0 || minor >= 11) && `nvim is ${major}.${minor}` }, async (t) => {
  await neovim('neovim-0.11', t);
});

// ---------------------------------------------------------------- Emacs

const EMACS = which('emacs');

/** Emacs's major version, and whether it has a YAML tree-sitter grammar where it looks for one without a user's own. */
function emacsInfo(): { major: number; yamlGrammar: boolean } {
  if (!EMACS) return { major: 0, yamlGrammar: false };
  const r = spawnSync(
    EMACS,
    ['--batch', '-Q', '--eval', "(princ (format \"%d %s\" emacs-major-version (and (fboundp 'treesit-language-available-p) (treesit-language-available-p 'yaml))))"],
    { encoding: 'utf8', env: { ...process.env, HOME: tmpdir() }, timeout: 60000 },
  );
  const [version, grammar] = (r.stdout ?? '').trim().split(' ');
  return { major: Number(version) || 0, yamlGrammar: grammar === 't' };
}
const emacsHas = emacsInfo();

async function emacs(name: string, t: { diagnostic(message: string): void }): Promise<void> {
  assert.ok(EMACS, 'Emacs is needed for this test (apt-get install emacs-nox elpa-yaml-mode elpa-eglot)');
  const script = which('script');
  assert.ok(script, '`script` (util-linux) is needed to give Emacs a terminal');
  const ws = workspace('emacs');
  // The recipe is the whole ~/.emacs.d/init.el, which Emacs loads itself at
  // start-up after activating the installed packages, as it does for a user:
  // so Emacs runs in a terminal (`script` gives it one), not in --batch mode,
  // where neither happens. The driver is loaded after init.el.
  const home = join(ws.base, 'home');
  mkdirSync(join(home, '.emacs.d'), { recursive: true });
  writeFileSync(join(home, '.emacs.d', 'init.el'), recipe(name));
  const out = join(ws.base, 'out.json');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    PATH: ws.path,
    TERM: 'xterm',
    ASSOC_OUT: out,
    ASSOC_FILE: ws.open,
  };
  // Each of these would make Emacs load other Lisp, or another init file.
  for (const name of ['EMACSLOADPATH', 'XDG_CONFIG_HOME', 'EMACS_USER_DIRECTORY']) delete env[name];
  const cmd = `exec emacs -nw -l '${join(DRIVERS, 'emacs.el')}'`;
  const output = await run(script!, ['-qec', cmd, '/dev/null'], ws.root, env, 150000);
  const seen = result(out, output);
  t.diagnostic(`Emacs ${seen.version}, root ${seen.root}`);
  assert.equal(seen.error, undefined, `the check failed: ${seen.error}${report(seen)}`);
  assert.equal(seen.mode, 'assoc-yaml-mode', report(seen));
  assert.equal(seen.command, '("assoc-language-server" "--stdio")', report(seen));
  assert.equal(seen.root.replace(/\/$/, ''), ws.root, `the server's root is not the workspace's absolute path${report(seen)}`);
  assert.ok(
    (seen.diagnostics ?? []).some((d: string) => d.includes('[dpor-one-per-subscription]')),
    `Flymake shows no cross-file diagnostic${report(seen)}`,
  );
  assert.match(seen.hover ?? '', /Digital Partner of Record/, `no hover on DPOR${report(seen)}`);
  if (name === 'emacs-29-ts') assert.ok((seen.parsers ?? []).includes('yaml'), `no YAML tree-sitter parser in the buffer${report(seen)}`);
}

test('README recipe emacs-28 runs as written in Emacs with yaml-mode and Eglot (Debian 12: 28.2)', async (t) => {
  await emacs('emacs-28', t);
});

test(
  'README recipe emacs-29-ts runs as written in Emacs 29 or later with a YAML grammar',
  { skip: !(emacsHas.major >= 29 && emacsHas.yamlGrammar) && `Emacs ${emacsHas.major || 'missing'}${emacsHas.major >= 29 ? ' without a YAML tree-sitter grammar' : ''}` },
  async (t) => {
    await emacs('emacs-29-ts', t);
  },
);

// ---------------------------------------------------------------- Helix

const HX = which('hx');

test('README recipe helix-languages and helix-queries load in Helix 24.03 or later', { skip: !HX && 'no hx (Debian 12 has no Helix)' }, async (t) => {
  const ws = workspace('helix');
  // Both blocks as written: languages.toml in ~/.config/helix, and the shell
  // lines that write the query files, run with that HOME.
  const home = join(ws.base, 'home');
  mkdirSync(join(home, '.config', 'helix'), { recursive: true });
  writeFileSync(join(home, '.config', 'helix', 'languages.toml'), recipe('helix-languages'));
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, PATH: ws.path, NO_COLOR: '1' };
  delete env.XDG_CONFIG_HOME;
  delete env.HELIX_RUNTIME;
  const sh = spawnSync('sh', ['-e'], { input: recipe('helix-queries'), cwd: home, env, encoding: 'utf8' });
  assert.equal(sh.status, 0, `the query lines failed: ${sh.stderr}`);
  assert.equal(readFileSync(join(home, '.config', 'helix', 'runtime', 'queries', 'assoc-yaml', 'highlights.scm'), 'utf8'), '; inherits: yaml\n');
  // --health reads languages.toml (a Helix before 24.03 rejects the globs) and
  // finds the server on the PATH and the query files in the user runtime.
  const output = (await run(HX!, ['--health', 'assoc-yaml'], ws.root, env, 60000)).replace(/\x1b\[[0-9;]*m/g, '');
  t.diagnostic(spawnSync(HX!, ['--version'], { encoding: 'utf8' }).stdout.trim());
  // 25.01 names the command here, 25.07 the server: either way, the shim it found.
  assert.match(output, /✓ [\w-]+: \S*\/assoc-language-server\n/, output);
  assert.match(output, /Highlight queries: ✓/, output);
  assert.doesNotMatch(output, /error|unknown key/i, output);
});
