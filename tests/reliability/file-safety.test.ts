import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openLibraryHost } from '../../electron/core/host/library-host';
import { inspectDatabaseFile } from '../../electron/core/db/health';
import { BEATLINE_APPLICATION_ID } from '../../electron/core/db/identify';
import { latestSchemaVersion } from '../../electron/core/db/migrate';
import { DatabaseFileError } from '../../electron/core/db/open';
import { openLibrary, type Library } from '../../electron/core/library';
import { must, seedStory } from '../helpers/library';
import { runCli } from '../cli/helpers';
import {
  bindReadOnly,
  foreignDatabase,
  freshDir,
  hasStrace,
  isRoot,
  mountTmpfs,
  writeStoryFile,
} from './file-safety-helpers';
import { contentsOf, seededLibraryFile, snapshotDir } from './helpers';

const repo = resolve(import.meta.dirname, '..', '..');
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const undo of cleanups.splice(0).reverse()) undo();
});
const dirFor = () => {
  const dir = freshDir();
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};
const quiet = { logError: () => {} };
const hostOptions = { backupIntervalMs: 0, backupOnClose: false, log: () => {} };

/** True when the file is shorter than its header's page count: a copy-back was cut short. */
function shorterThanHeader(path: string): boolean {
  const header = readFileSync(path).subarray(0, 100);
  const pages = header.readUInt32BE(28);
  return statSync(path).size < pages * header.readUInt16BE(16);
}

/** Runs a TypeScript snippet in its own Node process (tsx), optionally under `strace`. */
function runScript(dir: string, source: string, strace: string[] = []) {
  const file = join(dir, `script-${Date.now()}.mts`);
  writeFileSync(file, source);
  const node = [process.execPath, '--import', 'tsx', file];
  const [cmd, ...args] = strace.length > 0 ? ['strace', ...strace, ...node] : node;
  const result = spawnSync(cmd!, args, { cwd: repo, encoding: 'utf8' });
  rmSync(file, { force: true });
  return result;
}

describe('a library is judged the way SQLite reads it, with its WAL (issue 13, problem 1)', () => {
  it('calls sound a file cut at every page of a WAL copy-back', async () => {
    const dir = dirFor();
    const path = join(dir, 'lib.db');
    // A library whose recent changes are all in the log: no copy-back during the writes.
    const lib = await openLibrary(path, {
      ...quiet,
      checkpoint: {
        policy: { idleMs: 1e9, maxWaitMs: 1e9, maxWrites: 1e9, inlinePages: 1e6 },
      },
    });
    seedStory(lib.dispatcher, { Opening: ['a', 'b'] }, 'Small');
    lib.checkpoint();
    const shape: Record<string, string[]> = {};
    for (let e = 0; e < 8; e++) {
      shape[`Event ${e}`] = Array.from({ length: 10 }, (_, b) => `${e}.${b} `.padEnd(2000, 'y'));
    }
    seedStory(lib.dispatcher, shape, 'Grown');
    // A copy of the files as a crash would leave them: the old file and the full log.
    const before = join(dir, 'before');
    copyFileSync(path, `${before}.db`);
    copyFileSync(`${path}-wal`, `${before}.db-wal`);
    lib.close();
    const after = readFileSync(path); // the file once the copy-back finished
    const oldSize = statSync(`${before}.db`).size;
    const pageSize = after.readUInt16BE(16);
    expect(after.length, 'the log holds pages beyond the old end of the file').toBeGreaterThan(
      oldSize + 4 * pageSize,
    );

    const expected = contentsOf(path);
    const cutDir = join(dir, 'cut');
    for (let end = oldSize; end <= after.length; end += pageSize) {
      // SQLite copies pages in order, page 1 (the new page count) first: every page up to
      // `end` is the new one, and the file ends there.
      rmSync(cutDir, { recursive: true, force: true });
      spawnSync('mkdir', ['-p', cutDir]);
      const cut = join(cutDir, 'lib.db');
      writeFileSync(cut, after.subarray(0, end));
      copyFileSync(`${before}.db-wal`, `${cut}-wal`);
      const health = inspectDatabaseFile(cut, { check: 'quick' });
      expect(health, `cut at ${end} bytes`).toMatchObject({ kind: 'ok' });
      expect(contentsOf(cut), `cut at ${end} bytes`).toEqual(expected);
    }
  });

  it.skipIf(!isRoot)(
    'calls sound a library whose copy-back ran out of disk (8 MB tmpfs, 3.2 MB import)',
    () => {
      const mount = mountTmpfs(8);
      try {
        const home = dirFor();
        const story = join(home, 'big.beatline.json');
        writeStoryFile(story, { events: 100, beats: 60, chars: 500 });
        const db = join(mount.dir, 'lib.db');
        expect(runCli(['migrate', '--db', db], { home }).code).toBe(0);
        const imported = runCli(['import', '--db', db, story], { home });
        expect(imported.code, imported.stderr).toBe(0);
        // The disk filled during the copy-back: the file is shorter than its header says.
        expect(existsSync(`${db}-wal`) && shorterThanHeader(db)).toBe(true);
        const check = runCli(['check', '--db', db], { home });
        expect(check.stderr).toBe('');
        expect(check.stdout).toContain('Integrity: ok');
        expect(check.code).toBe(0);
        const list = runCli(['list', '--db', db, '--json'], { home });
        expect(list.code, list.stderr).toBe(0);
        expect(list.stdout).toContain('"beatCount": 6000');
      } finally {
        mount.unmount();
      }
    },
    180_000,
  );
  if (!isRoot) it.skip('full-disk copy-back: skipped, mounting a tmpfs needs root', () => {});

  it.skipIf(!hasStrace)(
    'keeps every acknowledged change when killed (strace SIGKILL) inside a copy-back',
    async () => {
      const dir = dirFor();
      const path = join(dir, 'lib.db');
      const lib = join(repo, 'electron/core/library.ts');
      // Writer: 200 beats acknowledged into the log, then killed before any copy-back.
      const writer = runScript(
        dir,
        `import { openLibrary } from ${JSON.stringify(lib)};
const lib = await openLibrary(${JSON.stringify(path)}, { checkpoint: { policy: { idleMs: 1e9, maxWaitMs: 1e9, maxWrites: 1e9, inlinePages: 1e6 } } });
const story = lib.dispatcher.call('stories:create', { title: 'Killed' });
if (!story.ok) throw new Error(story.error.message);
const event = lib.dispatcher.call('events:create', { storyId: story.value.id, title: 'E' });
if (!event.ok) throw new Error(event.error.message);
let acked = 0;
for (let i = 0; i < 200; i++) {
  const r = lib.dispatcher.call('moments:create', { eventId: event.value.id, description: String(i).padEnd(3000, 'z') });
  if (r.ok) acked++;
}
console.log(acked);
process.kill(process.pid, 'SIGKILL');
`,
      );
      expect(Number(writer.stdout.trim()), writer.stderr).toBe(200);
      expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
      const saved = join(dir, 'saved');
      spawnSync('mkdir', [saved]);
      for (const f of readdirSync(dir)) {
        if (f.startsWith('lib.db')) copyFileSync(join(dir, f), join(saved, f));
      }
      // Copier: opens the library and copies the log back; killed at its Nth pwrite64.
      let cutShort = 0;
      for (const when of [3, 8, 18, 40, 90]) {
        for (const f of readdirSync(dir)) if (f.startsWith('lib.db')) rmSync(join(dir, f));
        for (const f of readdirSync(saved)) copyFileSync(join(saved, f), join(dir, f));
        const copier = runScript(
          dir,
          `import { openLibrary } from ${JSON.stringify(lib)};
const lib = await openLibrary(${JSON.stringify(path)});
lib.checkpoint();
process.kill(process.pid, 'SIGKILL');
`,
          [
            '-f',
            '-o',
            '/dev/null',
            '-e',
            'trace=pwrite64',
            '-e',
            `inject=pwrite64:signal=SIGKILL:when=${when}`,
          ],
        );
        expect(copier.signal ?? copier.status, `kill at pwrite64 #${when}`).not.toBe(0);
        const label = `killed at pwrite64 #${when}`;
        if (shorterThanHeader(path)) cutShort++;
        expect(inspectDatabaseFile(path, { check: 'quick' }).kind, label).toBe('ok');
        const home = dirFor();
        const check = runCli(['check', '--db', path], { home });
        expect(check.code, `${label}: ${check.stdout}${check.stderr}`).toBe(0);
        const host = await openLibraryHost(path, hostOptions);
        expect(host.state(), label).toBe('open');
        expect(host.health().status, label).toBe('ok');
        await host.close();
        expect(contentsOf(path), label).toEqual({ titles: ['Killed'], beats: 200 });
      }
      expect(cutShort, 'some kills left the file shorter than its header').toBeGreaterThan(0);
    },
    300_000,
  );
  if (!hasStrace) it.skip('strace copy-back kill: skipped, strace is not installed', () => {});
});

const FOREIGN: Array<[string, string, boolean]> = [
  ['a notes table', 'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)', false],
  ['a notes table, in WAL mode', 'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)', true],
  [
    'its own stories table',
    "CREATE TABLE stories (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO stories (name) VALUES ('x')",
    false,
  ],
  [
    'its own events table',
    'CREATE TABLE events (id INTEGER PRIMARY KEY, at TEXT); PRAGMA user_version = 2',
    false,
  ],
];

describe('another application’s SQLite file is never touched (issue 13, problem 2)', () => {
  for (const [what, sql, wal] of FOREIGN) {
    it(`refuses a file with ${what}, byte for byte, in every command and openLibrary`, async () => {
      const dir = dirFor();
      const file = join(dir, 'notes.sqlite');
      foreignDatabase(file, sql, wal);
      const before = snapshotDir(dir);
      const home = dirFor();
      for (const args of [
        ['migrate'],
        ['list'],
        ['check'],
        ['backup'],
        ['export', '--story', 'x', '--out', join(home, 'x.json')],
        ['import', join(home, 'missing.beatline.json')],
        ['restore', 'any-backup'],
      ]) {
        const run = runCli([...args, '--db', file], { home });
        expect(run.code, args[0]).toBe(1);
        if (args[0] !== 'import') {
          expect(run.stderr, args[0]).toContain(
            'is an SQLite database of another application, not a Beatline library. It was left untouched.',
          );
          expect(run.stderr.replace(/^beatline \w+: /, '')).not.toMatch(/restore|good backup/i);
        }
        expect(snapshotDir(dir), `${args[0]} left the folder as it was`).toEqual(before);
      }
      await expect(openLibrary(file, quiet)).rejects.toMatchObject({ kind: 'foreign' });
      const host = await openLibraryHost(file, hostOptions);
      expect(host.state()).toBe('damaged');
      expect(host.health()).toMatchObject({ kind: 'foreign', newestGoodBackup: null });
      await host.close();
      expect(snapshotDir(dir)).toEqual(before);
    });
  }

  it('makes a library in a new, 0-byte or schema-less SQLite file, and marks it BTLN', async () => {
    const dir = dirFor();
    const home = dirFor();
    writeFileSync(join(dir, 'empty.db'), '');
    new Database(join(dir, 'bare.db')).exec('PRAGMA page_size = 4096; VACUUM');
    for (const name of ['new.db', 'empty.db', 'bare.db']) {
      const run = runCli(['migrate', '--db', join(dir, name)], { home });
      expect(run.code, `${name}: ${run.stderr}`).toBe(0);
      const db = new Database(join(dir, name), { readonly: true });
      expect(db.pragma('application_id', { simple: true })).toBe(BEATLINE_APPLICATION_ID);
      db.close();
    }
  });

  it('marks a library made before the application id on its next write-open', async () => {
    const dir = dirFor();
    const path = join(dir, 'old.db');
    await seededLibraryFile(path);
    const raw = new Database(path);
    raw.pragma('application_id = 0');
    raw.close();
    expect(inspectDatabaseFile(path).kind).toBe('ok'); // recognised by its schema
    const lib = await openLibrary(path, quiet);
    expect(lib.db.pragma('application_id', { simple: true })).toBe(BEATLINE_APPLICATION_ID);
    lib.close();
  });
});

describe('a library from a newer Beatline is refused untouched (issue 13, problem 3)', () => {
  it('refuses a newer rollback-journal library byte for byte, with no restore advice', async () => {
    const dir = dirFor();
    const path = join(dir, 'lib.db');
    await seededLibraryFile(path);
    const raw = new Database(path);
    raw.pragma('journal_mode = DELETE');
    raw.pragma(`user_version = ${latestSchemaVersion() + 5}`);
    raw.close();
    const header = readFileSync(path).subarray(18, 20);
    expect([...header]).toEqual([1, 1]);
    const before = snapshotDir(dir);
    const home = dirFor();
    for (const args of [['migrate'], ['list'], ['check'], ['backup'], ['restore', 'x']]) {
      const run = runCli([...args, '--db', path], { home });
      expect(run.code, args[0]).toBe(1);
      expect(run.stderr, args[0]).toContain(
        `was made by a newer Beatline (schema ${latestSchemaVersion() + 5}`,
      );
      expect(run.stderr, args[0]).toContain('update Beatline');
      expect(run.stdout + run.stderr.replace(/^beatline \w+: /, ''), args[0]).not.toMatch(
        /restore|Integrity/i,
      );
      expect(snapshotDir(dir), args[0]).toEqual(before);
    }
    await expect(openLibrary(path, quiet)).rejects.toBeInstanceOf(DatabaseFileError);
    const host = await openLibraryHost(path, hostOptions);
    expect(host.health()).toMatchObject({ kind: 'newer', newestGoodBackup: null });
    await host.close();
    expect(snapshotDir(dir)).toEqual(before);
    expect([...readFileSync(path).subarray(18, 20)]).toEqual([1, 1]);
  });
});

describe('a full disk gets its own answer (issue 13, problem 7)', () => {
  it.skipIf(!isRoot)(
    'answers a write on a full disk with "The disk is full", and saves again once there is room',
    async () => {
      const mount = mountTmpfs(4);
      try {
        const path = join(mount.dir, 'lib.db');
        const lib = await openLibrary(path, quiet);
        try {
          const story = must(lib.dispatcher.call('stories:create', { title: 'Full' }));
          const event = must(
            lib.dispatcher.call('events:create', { storyId: story.id, title: 'E' }),
          );
          lib.checkpoint();
          const filler = join(mount.dir, 'filler');
          spawnSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=64k', 'count=100']); // fills it
          let refused: { code: string; message: string } | null = null;
          for (let i = 0; i < 200 && !refused; i++) {
            const r = lib.dispatcher.call('moments:create', {
              eventId: event.id,
              description: `${i} `.padEnd(20000, 'f'),
            });
            if (!r.ok) refused = r.error;
          }
          expect(refused?.code).toBe('conflict');
          expect(refused?.message).toMatch(
            /^The disk is full: .*nothing was saved; free some space and try again\.$/,
          );
          rmSync(filler);
          const again = lib.dispatcher.call('stories:create', { title: 'Room again' });
          expect(again.ok).toBe(true);
        } finally {
          lib.close();
        }
      } finally {
        mount.unmount();
      }
    },
    120_000,
  );
});

describe('a read-only library opens read-only (issue 13, problem 7)', () => {
  /** Reads work, every write is refused clearly, health is not damaged, nothing changes. */
  async function expectReadOnly(dir: string, path: string, reason: string) {
    const before = snapshotDir(dir);
    const home = dirFor();
    const list = runCli(['list', '--db', path], { home });
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain('Story 1');
    const out = join(home, 'story.beatline.json');
    const exported = runCli(['export', '--db', path, '--story', 'Story 1', '--out', out], {
      home,
    });
    expect(exported.code, exported.stderr).toBe(0);
    expect(existsSync(out)).toBe(true);
    const check = runCli(['check', '--db', path], { home });
    expect(check.code, check.stderr).toBe(0);
    const imported = runCli(['import', '--db', path, out], { home });
    expect(imported.code).toBe(1);
    expect(imported.stderr).toContain('read-only');
    expect(imported.stderr).not.toContain('Something went wrong');

    const lib: Library = await openLibrary(path, quiet);
    try {
      expect(lib.access).toBe('read_only');
      const stories = must(lib.dispatcher.call('stories:list', {}));
      expect(stories.map((s) => s.title).sort()).toEqual(['Story 1', 'Story 2']);
      const refused = lib.dispatcher.call('stories:create', { title: 'New' });
      expect(refused).toEqual({
        ok: false,
        error: {
          code: 'conflict',
          message: `This library is read-only (${reason}): you can view and export it, but changes cannot be saved.`,
        },
      });
    } finally {
      lib.close();
    }
    const host = await openLibraryHost(path, hostOptions);
    expect(host.state()).toBe('open');
    expect(host.health()).toMatchObject({ status: 'ok', kind: 'ok', access: 'read_only' });
    const write = await host.invoke('stories:create', { title: 'New' });
    expect(write).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await host.close();
    expect(snapshotDir(dir), 'nothing written or created beside it').toEqual(before);
  }

  it.skipIf(!isRoot)(
    'in a read-only folder (a read-only mount)',
    async () => {
      const mount = mountTmpfs(16);
      try {
        const path = join(mount.dir, 'lib.db');
        await seededLibraryFile(path);
        mount.readOnly();
        await expectReadOnly(mount.dir, path, 'the file is read-only');
      } finally {
        mount.unmount();
      }
    },
    120_000,
  );

  it.skipIf(!isRoot)(
    'as a read-only file in a writable folder (a read-only bind mount)',
    async () => {
      const dir = dirFor();
      const path = join(dir, 'lib.db');
      await seededLibraryFile(path);
      const undo = bindReadOnly(path);
      try {
        await expectReadOnly(dir, path, 'the file is read-only');
      } finally {
        undo();
      }
    },
    120_000,
  );
  it.skipIf(!isRoot)(
    'in a read-only folder with changes in its -wal and no -shm (read from a private copy)',
    async () => {
      const mount = mountTmpfs(16);
      try {
        const source = join(dirFor(), 'lib.db');
        await seededLibraryFile(source);
        const lib = await openLibrary(source, {
          ...quiet,
          checkpoint: { policy: { idleMs: 1e9, maxWaitMs: 1e9, maxWrites: 1e9, inlinePages: 1e6 } },
        });
        must(lib.dispatcher.call('stories:create', { title: 'Only in the log' }));
        const path = join(mount.dir, 'lib.db');
        copyFileSync(source, path);
        copyFileSync(`${source}-wal`, `${path}-wal`);
        lib.close();
        expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
        mount.readOnly();
        const before = snapshotDir(mount.dir);
        const home = dirFor();
        const list = runCli(['list', '--db', path], { home });
        expect(list.code, list.stderr).toBe(0);
        expect(list.stdout).toContain('Only in the log');
        const host = await openLibraryHost(path, hostOptions);
        expect(host.health()).toMatchObject({ status: 'ok', access: 'read_only' });
        await host.close();
        expect(snapshotDir(mount.dir)).toEqual(before);
      } finally {
        mount.unmount();
      }
    },
    120_000,
  );
  if (!isRoot) it.skip('read-only library: skipped, read-only mounts need root', () => {});
});

describe('a library file deleted or replaced underneath is noticed (issue 13, problem 5)', () => {
  const REFUSAL = /moved, replaced or deleted while Beatline had it open.*Reopen the library/;

  it('refuses the next write after the file is deleted, and health says so', async () => {
    const dir = dirFor();
    const path = join(dir, 'lib.db');
    await seededLibraryFile(path);
    const host = await openLibraryHost(path, hostOptions);
    const story = (await host.invoke('stories:create', { title: 'Before' })) as {
      ok: boolean;
    };
    expect(story.ok).toBe(true);
    for (const f of readdirSync(dir)) if (f.startsWith('lib.db')) rmSync(join(dir, f));
    const after = await host.invoke('stories:create', { title: 'After' });
    expect(after).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((after as { error: { message: string } }).error.message).toMatch(REFUSAL);
    expect(host.health()).toMatchObject({ status: 'damaged', kind: 'replaced' });
    await host.close();
    expect(readdirSync(dir).filter((f) => f.startsWith('lib.db'))).toEqual([]);
  });

  it('refuses writes after the file is swapped, leaving the replacement byte for byte', async () => {
    const dir = dirFor();
    const path = join(dir, 'lib.db');
    const other = join(dir, 'other.db');
    await seededLibraryFile(path, { stories: 1 });
    await seededLibraryFile(other, { stories: 3 });
    const replacement = readFileSync(other);
    const lib = await openLibrary(path, quiet);
    for (let i = 0; i < 5; i++) must(lib.dispatcher.call('stories:create', { title: `Edit ${i}` }));
    renameSync(other, path);
    const refused = lib.dispatcher.call('stories:create', { title: 'Lost?' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('conflict');
      expect(refused.error.message).toMatch(REFUSAL);
    }
    expect(lib.dispatcher.call('stories:create', { title: 'Again' }).ok).toBe(false);
    expect(readFileSync(path).equals(replacement)).toBe(true);
    lib.close();
    expect(readFileSync(path).equals(replacement), 'after close').toBe(true);
    expect(contentsOf(path).titles).toEqual(['Story 1', 'Story 2', 'Story 3']);
  });
});
