// The folder walk the CLI and the server share (host/files.ts, on
// tinyglobby) and `.assocignore` (host/ignore.ts): what it finds, what it
// never enters or reads, and what it leaves out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { walkRecords } from '../server/src/host/files';
import { diskIgnore } from '../server/src/host/ignore';
import { makeWorkspace } from './helpers';


const rel = (root: string, files: string[]) => files.map((f) => relative(root, f));

test('every record file below the folder, sorted, dot-folders included; node_modules and .git never entered; other files not returned', async () => {
  const dir = makeWorkspace({
    'z.assoc.yaml': '',
    'b/a.assoc.yml': '',
    'a/b/c.assoc.yaml': '',
    '.hidden/h.assoc.yaml': '',
    'notes.yaml': '',
    'README.md': '',
    'node_modules/pkg/n.assoc.yaml': '',
    '.git/x.assoc.yaml': '',
    'sub/.git/y.assoc.yaml': '',
  });
  const first = await walkRecords(dir);
  assert.deepEqual(rel(dir, first.files), ['.hidden/h.assoc.yaml', 'a/b/c.assoc.yaml', 'b/a.assoc.yml', 'z.assoc.yaml']);
  assert.deepEqual(first.notes, []);
  assert.deepEqual((await walkRecords(dir)).files, first.files, 'the same order every time');
});

test('FIFOs, sockets and devices are passed over with a note; symlinks are followed only to regular files inside the folder', async () => {
  const outside = makeWorkspace({ 'secret.assoc.yaml': 'version: TOP-SECRET\n', 'deep/more.assoc.yaml': '' });
  const dir = makeWorkspace({ 'a.assoc.yaml': '', 'real/r.assoc.yaml': '', 'real/data.yaml': '' });
  spawnSync('mkfifo', [join(dir, 'pipe.assoc.yaml')]);
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(join(dir, 'sock.assoc.yaml'), resolve));
  try {
    symlinkSync('/dev/null', join(dir, 'null.assoc.yaml'));
    symlinkSync(join(outside, 'secret.assoc.yaml'), join(dir, 'leak.assoc.yaml'));
    symlinkSync(outside, join(dir, 'out'));
    symlinkSync(join(dir, 'real'), join(dir, 'inner'));
    symlinkSync(join(dir, 'a.assoc.yaml'), join(dir, 'alias.assoc.yaml'));
    symlinkSync(join(dir, 'real/data.yaml'), join(dir, 'linked.assoc.yaml'));
    symlinkSync(join(dir, 'real/data.yaml'), join(dir, 'linked-again.assoc.yaml'));
    symlinkSync(join(dir, 'gone.assoc.yaml'), join(dir, 'broken.assoc.yaml'));
    const started = Date.now();
    const walked = await walkRecords(dir);
    assert.ok(Date.now() - started < 10_000, 'no hang on the FIFO');
    // A file is checked once: a link to a record the walk finds is passed over, and of two links to one file, the first is kept.
    assert.deepEqual(rel(dir, walked.files), ['a.assoc.yaml', 'linked-again.assoc.yaml', 'real/r.assoc.yaml']);
    assert.deepEqual(
      walked.notes.map((n) => n.replaceAll(dir + '/', '')),
      [
        'skipped alias.assoc.yaml: a symlink to a.assoc.yaml, which is checked already',
        'skipped broken.assoc.yaml: a broken symlink',
        'skipped inner: a symlink to a folder; symlinked folders are not followed',
        'skipped leak.assoc.yaml: a symlink out of the folder being checked',
        'skipped linked.assoc.yaml: a symlink to real/data.yaml, which is checked already',
        'skipped null.assoc.yaml: a symlink out of the folder being checked',
        'skipped out: a symlink out of the folder being checked',
        'skipped pipe.assoc.yaml: a FIFO, not a regular file',
        'skipped sock.assoc.yaml: a socket, not a regular file',
      ],
    );
  } finally {
    server.close();
  }
});

test('a symlink inside the folder to a device is passed over, saying what it is', async () => {
  const dir = makeWorkspace({});
  // The device itself is outside; a link to a link inside still leads out.
  symlinkSync('/dev/zero', join(dir, 'zero'));
  symlinkSync(join(dir, 'zero'), join(dir, 'zero.assoc.yaml'));
  const walked = await walkRecords(dir);
  assert.deepEqual(walked.files, []);
  assert.deepEqual(walked.notes.map((n) => n.replace(dir + '/', '')), ['skipped zero.assoc.yaml: a symlink out of the folder being checked']);
});

test('a glob pattern below the folder: only record files that match it', async () => {
  const dir = makeWorkspace({ 'records/2024/a.assoc.yaml': '', 'records/2025/b.assoc.yaml': '', 'records/2025/c.yaml': '', 'other/d.assoc.yaml': '' });
  assert.deepEqual(rel(dir, (await walkRecords(dir, { patterns: ['records/2025/*'] })).files), ['records/2025/b.assoc.yaml']);
  assert.deepEqual(rel(dir, (await walkRecords(dir, { patterns: ['**/{a,d}.assoc.yaml'] })).files), ['other/d.assoc.yaml', 'records/2024/a.assoc.yaml']);
});

test('.assocignore: gitignore syntax, relative to its folder; the nearest one at or above each folder applies, up to the repository root', async () => {
  const dir = makeWorkspace({
    // Above the repository: never read.
    '.assocignore': '*\n',
    'repo/.git/HEAD': '',
    'repo/.assocignore': '# drafts are not submitted\ndrafts/\n*.tmp.assoc.yaml\n!keep.tmp.assoc.yaml\n/top-only.assoc.yaml\n',
    'repo/a.assoc.yaml': '',
    'repo/top-only.assoc.yaml': '',
    'repo/x.tmp.assoc.yaml': '',
    'repo/keep.tmp.assoc.yaml': '',
    'repo/drafts/d.assoc.yaml': '',
    'repo/sub/top-only.assoc.yaml': '',
    'repo/sub/drafts/e.assoc.yaml': '',
    // A nearer file replaces the one above: here only `local.assoc.yaml` is left out.
    'repo/team/.assocignore': 'local.assoc.yaml\n',
    'repo/team/local.assoc.yaml': '',
    'repo/team/y.tmp.assoc.yaml': '',
    'repo/team/drafts/f.assoc.yaml': '',
  });
  const root = join(dir, 'repo');
  const walked = await walkRecords(root, { ignore: diskIgnore() });
  assert.deepEqual(rel(root, walked.files), ['a.assoc.yaml', 'keep.tmp.assoc.yaml', 'sub/top-only.assoc.yaml', 'team/drafts/f.assoc.yaml', 'team/y.tmp.assoc.yaml']);
  assert.deepEqual(walked.ignored, { files: 3, folders: 2 });
  assert.deepEqual(walked.notes, []);

  const ignore = diskIgnore();
  assert.equal(ignore.ignoredBy(join(root, 'drafts', 'd.assoc.yaml')), join(root, '.assocignore'));
  assert.equal(ignore.ignoredBy(join(root, 'team', 'local.assoc.yaml')), join(root, 'team', '.assocignore'));
  assert.equal(ignore.ignoredBy(join(root, 'a.assoc.yaml')), undefined);
  // Without a repository, the search goes up to the file system's root: the `*` above applies.
  const loose = makeWorkspace({ '.assocignore': '*.assoc.yaml\n', 'sub/a.assoc.yaml': '' });
  assert.equal((await walkRecords(join(loose, 'sub'), { ignore: diskIgnore() })).files.length, 0);
  // A root named by the host (the editor's workspace folder) stops it too.
  assert.equal((await walkRecords(join(loose, 'sub'), { ignore: diskIgnore({ isRoot: (d) => d === join(loose, 'sub') }) })).files.length, 1);
});

test('--ignore-pattern: gitignore patterns from the working folder, on top of .assocignore; case-sensitive', async () => {
  const dir = makeWorkspace({ 'a/x.assoc.yaml': '', 'a/Y.assoc.yaml': '', 'b/x.assoc.yaml': '', 'c/archive/z.assoc.yaml': '', '.assocignore': 'b/\n' });
  const ignore = diskIgnore({ patterns: ['archive/', 'a/y.assoc.yaml'], base: dir });
  assert.deepEqual(rel(dir, (await walkRecords(dir, { ignore })).files), ['a/Y.assoc.yaml', 'a/x.assoc.yaml']);
  assert.equal(ignore.ignoredBy(join(dir, 'c', 'archive', 'z.assoc.yaml')), '--ignore-pattern');
  // A path outside the working folder is not matched by it.
  assert.equal(diskIgnore({ patterns: ['*.assoc.yaml'], base: join(dir, 'a') }).ignoredBy(join(dir, 'b', 'x.assoc.yaml')), join(dir, '.assocignore'));
  assert.equal(diskIgnore({ patterns: ['*.assoc.yaml'], base: join(dir, 'a') }).ignoredBy(join(dir, 'c', 'archive', 'z.assoc.yaml')), undefined);
});

test('a folder that cannot be walked is a note, not a crash', async () => {
  const walked = await walkRecords(join(tmpdir(), 'assoc-no-such-folder'));
  assert.deepEqual(walked.files, []);
  assert.match(walked.notes[0], /cannot read .*assoc-no-such-folder: no such file or folder \(ENOENT\)/);
});
