// Library file safety around backups and restores (issue 13): a restore from the recovery screen
// can always be undone, even when the library's last changes are only in its -wal; a restore
// over a damaged library is atomic across a kill at any rename or unlink; a backup killed
// midway leaves nothing that is listed, and its leftovers go at the next start; a large backup
// does not hold up requests; `library:health` checks the newest backup once.
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibraryHost } from '../../electron/core/host/library-host';
import { listBackupFiles, listBackups } from '../../electron/core/backup/list';
import { cleanLeftovers } from '../../electron/core/backup/leftovers';
import { backupsDirFor } from '../../electron/core/backup/names';
import type { BackupInfo, RestoreOutcome } from '../../electron/core/contract/outputs';
import type { Result } from '../../electron/core/contract/types';
import { defaultMigrationsDir, migrate } from '../../electron/core/db/migrate';
import { openDatabase } from '../../electron/core/db/open';
import { must } from '../helpers/library';
import { tempDir } from '../helpers/temp';
import { prepareChildScript, type ChildScript } from './bundle';
import { seededLibraryFile, writeDamagedCopy } from './helpers';

const child = resolve(import.meta.dirname, 'fixtures', 'backup-child.ts');
const hasStrace = spawnSync('strace', ['-V']).status === 0;
if (!hasStrace)
  console.log('backup-safety: strace is absent; the kill-at-each-step tests are skipped.');

let script: ChildScript;
beforeAll(async () => {
  script = await prepareChildScript(child);
});
afterAll(() => script?.cleanup());

async function ok<T>(answer: Result<unknown> | Promise<Result<unknown>>): Promise<T> {
  const result = await answer;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** Every table's rows (sorted) and the schema version: equal strings mean equal libraries. */
function dumpDatabase(db: Database.Database): string {
  const tables = (
    db
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all() as Array<{ name: string }>
  ).map((r) => r.name);
  const out: Record<string, string[]> = {};
  for (const table of tables) {
    out[table] = db
      .prepare(`SELECT * FROM "${table}"`)
      .all()
      .map((row) => JSON.stringify(row))
      .sort();
  }
  return JSON.stringify({ version: db.pragma('user_version', { simple: true }), out });
}

/**
 * The dump of the library at `path` as SQLite sees it with its -wal or -journal, read from a
 * copy of the files so the folder under test is not changed.
 */
function dumpOf(path: string): string {
  const scratch = join(tempDir('beatline-dump-'), 'copy.db');
  copyFileSync(path, scratch);
  for (const suffix of ['-wal', '-journal']) {
    if (existsSync(path + suffix)) copyFileSync(path + suffix, scratch + suffix);
  }
  const db = new Database(scratch, { fileMustExist: true });
  try {
    return dumpDatabase(db);
  } finally {
    db.close();
  }
}

/** Copies the last WAL frame of page 1 over the main file's page 1, as a cut checkpoint does. */
function writeNewestPageOne(path: string): void {
  const wal = readFileSync(`${path}-wal`);
  const pageSize = wal.readUInt32BE(8);
  let newest: Buffer | null = null;
  for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
    if (wal.readUInt32BE(at) === 1) newest = wal.subarray(at + 24, at + 24 + pageSize);
  }
  if (!newest) throw new Error('no frame of page 1 in the -wal');
  const main = readFileSync(path);
  newest.copy(main, 0);
  writeFileSync(path, main);
}

/**
 * A library whose last changes (a story with 40 long events, which grows the file) are only in
 * its -wal, as a crash leaves it, with a good backup taken before them. With `cutCheckpoint`,
 * page 1 of the main file is the newest one from the -wal (a checkpoint killed after its first
 * page), so the file looks truncated to a check that reads it without its -wal.
 */
async function walOnlyLibrary(cutCheckpoint: boolean) {
  const dir = tempDir();
  const path = join(dir, 'beatline.db');
  await seededLibraryFile(path, { stories: 2, beats: 3 });
  const host = await openLibraryHost(path, { log: () => {}, backupIntervalMs: 0 });
  const good = await host.backup('manual');
  await host.close();
  const staging = join(tempDir(), 'beatline.db');
  copyFileSync(path, staging);
  const db = new Database(staging, { fileMustExist: true });
  db.pragma('wal_autocheckpoint = 0');
  const storyId = randomUUID();
  const now = new Date().toISOString();
  db.transaction(() => {
    db.prepare('INSERT INTO stories VALUES (?, ?, ?, ?)').run(storyId, 'Only in the WAL', now, now);
    const event = db.prepare(
      `INSERT INTO events (event_uuid, story_uuid, title, description, position, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    for (let i = 0; i < 40; i++) {
      event.run(randomUUID(), storyId, `Event ${i}`, `${i} `.repeat(5000), i, now, now);
    }
  })();
  copyFileSync(staging, path);
  copyFileSync(`${staging}-wal`, `${path}-wal`);
  db.close();
  if (cutCheckpoint) writeNewestPageOne(path);
  const goodDump = dumpOf(join(backupsDirFor(path), good.id));
  const oldDump = dumpOf(path);
  expect(oldDump).toContain('Only in the WAL');
  expect(goodDump).not.toBe(oldDump);
  return { dir, path, good, oldDump, goodDump };
}

/** Names in the library's folder and its backups folder that look like leftovers of a copy. */
function partialsIn(path: string): string[] {
  return [join(path, '..'), backupsDirFor(path)]
    .flatMap((dir) => (existsSync(dir) ? readdirSync(dir) : []))
    .filter((name) => name.includes('.partial'));
}

describe('a restore from the recovery screen can be undone (A)', () => {
  it.each([
    ['looks truncated without its -wal', true],
    ['is sound with its -wal', false],
  ])(
    'a library whose last changes are only in its -wal (%s): restore a backup, then the set-aside copy gives every row back',
    async (_label, cutCheckpoint) => {
      const { path, good, oldDump, goodDump } = await walOnlyLibrary(cutCheckpoint);
      const host = await openLibraryHost(path, { log: () => {}, backupIntervalMs: 0 });
      // Judged damaged or not (that is the file check's business), the restore must be undoable.
      expect(['open', 'damaged']).toContain(host.state());
      const outcome = await ok<RestoreOutcome>(
        host.invoke('backups:restore', { backupId: good.id }),
      );
      expect(host.state()).toBe('open');
      expect(outcome.setAside).toMatchObject({ kind: 'before-restore', readable: true });
      expect(outcome.setAside?.storyCount).toBe(3);
      const aside = listBackupFiles(path).find((b) => b.info.id === outcome.setAside!.id)!;
      expect(dumpOf(aside.path)).toBe(oldDump);

      const undo = await ok<RestoreOutcome>(
        host.invoke('backups:restore', { backupId: outcome.setAside!.id }),
      );
      expect(undo.health.status).toBe('ok');
      await host.close();
      expect(dumpOf(path)).toBe(oldDump);
      expect(dumpOf(path)).not.toBe(goodDump);
      expect(partialsIn(path)).toEqual([]);
    },
  );
});

interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the child under strace, killed (SIGKILL) at the `when`-th call of one of `syscalls`. */
function runKilledAt(args: string[], syscalls: string, when: number): Promise<ChildRun> {
  const strace = [
    '-f',
    '-qq',
    '-o',
    '/dev/null',
    '-e',
    `trace=${syscalls}`,
    '-e',
    `inject=${syscalls}:signal=SIGKILL:when=${when}`,
    process.execPath,
    ...script.args,
    ...args,
  ];
  return new Promise((done, reject) => {
    const proc = spawn('strace', strace, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.on('error', reject);
    proc.on('close', (code, signal) => done({ code, signal, stdout, stderr }));
  });
}

const RENAMES = 'rename,renameat,renameat2';
const RENAMES_AND_UNLINKS = `${RENAMES},unlink,unlinkat`;

describe('a restore over a damaged library is atomic (B)', () => {
  it.skipIf(!hasStrace)(
    'killed at each rename and unlink, the library path holds the old or the restored library, never nothing',
    async () => {
      const template = await walOnlyLibrary(true);
      let kills = 0;
      let finished = false;
      const seen = new Set<string>();
      for (let when = 1; when <= 40 && !finished; when++) {
        const dir = tempDir();
        cpSync(template.dir, dir, { recursive: true });
        const path = join(dir, 'beatline.db');
        const run = await runKilledAt(
          ['restore', path, template.good.id],
          RENAMES_AND_UNLINKS,
          when,
        );
        finished = run.stdout.includes('done');
        if (!finished) {
          expect(run.stderr, `kill ${when}`).not.toMatch(/Error/);
          kills++;
        }
        const now = dumpOf(path);
        expect([template.oldDump, template.goodDump], `after kill ${when}`).toContain(now);
        seen.add(now === template.oldDump ? 'old' : 'restored');
        // Whatever is listed is a complete backup; a set-aside copy holds the old library.
        for (const backup of listBackupFiles(path)) {
          expect(backup.info.readable, `${backup.info.id} after kill ${when}`).toBe(true);
          if (backup.info.kind === 'before-restore')
            expect(dumpOf(backup.path)).toBe(template.oldDump);
        }
        // The next start clears the leftovers of the killed restore.
        const host = await openLibraryHost(path, {
          log: () => {},
          backupIntervalMs: 0,
          backupOnClose: false,
        });
        expect(partialsIn(path), `leftovers after kill ${when}`).toEqual([]);
        await host.close();
      }
      expect(finished).toBe(true);
      expect(kills).toBeGreaterThanOrEqual(3);
      expect([...seen].sort()).toEqual(['old', 'restored']);
      console.log(`backup-safety: restore killed at ${kills} renames/unlinks, then ran through.`);
    },
    240_000,
  );

  it.skipIf(!hasStrace)(
    'a restore into a sound library killed at any write leaves the old or the restored library',
    async () => {
      const dir = tempDir();
      const path = join(dir, 'beatline.db');
      await seededLibraryFile(path, { stories: 2, beats: 30 });
      const host = await openLibraryHost(path, { log: () => {}, backupIntervalMs: 0 });
      const good = await host.backup('manual');
      for (let s = 0; s < 3; s++) {
        must(host.library()!.dispatcher.call('stories:create', { title: `Later ${s}` }));
      }
      await host.close();
      const goodDump = dumpOf(join(backupsDirFor(path), good.id));
      const oldDump = dumpOf(path);
      const seen = new Set<string>();
      for (const when of [2, 20, 40, 50, 60, 70, 80, 160]) {
        const run = join(tempDir(), 'run');
        cpSync(dir, run, { recursive: true });
        const library = join(run, 'beatline.db');
        await runKilledAt(['restore', library, good.id], 'pwrite64', when);
        const now = dumpOf(library);
        expect([oldDump, goodDump], `after a kill at write ${when}`).toContain(now);
        seen.add(now === oldDump ? 'old' : 'restored');
      }
      expect([...seen].sort()).toEqual(['old', 'restored']);
    },
    120_000,
  );

  it('restores over a damaged file with no -wal in one rename, the damaged bytes kept aside', async () => {
    const dir = tempDir();
    const path = join(dir, 'beatline.db');
    await seededLibraryFile(path, { stories: 3, beats: 4 });
    const host = await openLibraryHost(path, { log: () => {}, backupIntervalMs: 0 });
    const good = await host.backup('manual');
    await host.close();
    writeDamagedCopy(path, path, 'flipped');
    const damaged = readFileSync(path);
    const again = await openLibraryHost(path, { log: () => {}, backupIntervalMs: 0 });
    expect(again.state()).toBe('damaged');
    const outcome = await ok<RestoreOutcome>(
      again.invoke('backups:restore', { backupId: good.id }),
    );
    await again.close();
    expect(readFileSync(join(backupsDirFor(path), outcome.setAside!.id)).equals(damaged)).toBe(
      true,
    );
    expect(readdirSync(dir).sort()).toEqual(['beatline-backups', 'beatline.db']);
  });
});

describe('a backup killed midway leaves nothing listed, and its leftovers go at the next start (C)', () => {
  /** Files that are not Beatline's leftovers, which a start must leave alone. */
  function foreignFiles(path: string): Map<string, string> {
    const files = new Map<string, string>([
      [join(path, '..', 'notes.partial'), 'mine'],
      [join(path, '..', '.other.0123456789ab-1.partial'), 'another app'],
      [join(path, '..', '.beatline.zzzzzzzzzzzz-1.partial'), 'not our pattern'],
      [join(backupsDirFor(path), 'README.txt'), 'the writer’s own note'],
    ]);
    mkdirSync(backupsDirFor(path), { recursive: true });
    for (const [file, text] of files) writeFileSync(file, text);
    return files;
  }

  it.skipIf(!hasStrace).each([
    ['before its rename', RENAMES, 1],
    ['in the middle of the copy', 'pwrite64', 20],
  ])(
    'a manual backup killed %s',
    async (_label, syscalls, when) => {
      const dir = tempDir();
      const path = join(dir, 'beatline.db');
      await seededLibraryFile(path, { stories: 4, beats: 40 });
      const foreign = foreignFiles(path);
      const run = await runKilledAt(['backup', path], syscalls, when);
      expect(run.signal ?? run.code).not.toBe(0);
      expect(run.stdout).toBe('');
      expect(listBackups(path)).toEqual([]);
      expect(
        partialsIn(path).filter((n) => /^\.beatline\.[0-9a-f]{12}-\d+\.partial/.test(n)),
      ).not.toEqual([]);

      const host = await openLibraryHost(path, { log: () => {}, backupIntervalMs: 0 });
      expect(host.state()).toBe('open');
      expect(readdirSync(backupsDirFor(path))).toEqual(['README.txt']);
      for (const [file, text] of foreign) expect(readFileSync(file, 'utf8')).toBe(text);
      expect((await host.backup('manual')).storyCount).toBe(4);
      await host.close();
    },
    60_000,
  );

  it.skipIf(!hasStrace)(
    'a pre-migration backup killed before its rename leaves no file listed as a backup',
    async () => {
      const dir = tempDir();
      const migrationsDir = join(dir, 'migrations');
      mkdirSync(migrationsDir);
      copyFileSync(
        join(defaultMigrationsDir(), '001_initial_schema.sql'),
        join(migrationsDir, '001_initial_schema.sql'),
      );
      const path = join(dir, 'lib.db');
      const db = openDatabase(path);
      await migrate(db, { migrationsDir });
      db.prepare(
        "INSERT INTO stories VALUES ('00000000-0000-4000-8000-000000000001', 'Kept', 'now', 'now')",
      ).run();
      db.close();
      writeFileSync(
        join(migrationsDir, '002_add_notes.sql'),
        '-- 002_add_notes: test\nCREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY);\n',
      );
      const run = await runKilledAt(['migrate', path, migrationsDir], RENAMES, 1);
      expect(run.stdout).toBe('');
      expect(listBackups(path)).toEqual([]);
      expect(readdirSync(dir).filter((n) => n.endsWith('.backup.db'))).toEqual([]);
      const leftovers = partialsIn(path);
      expect(leftovers.length).toBeGreaterThan(0);
      expect(cleanLeftovers(path).sort()).toEqual(leftovers.sort());
      expect(partialsIn(path)).toEqual([]);
      // (The killed process's own -wal and -shm stay beside the library, as after any crash.)
      expect(
        readdirSync(dir)
          .filter((n) => !/-(wal|shm)$/.test(n))
          .sort(),
      ).toEqual(['lib.db', 'migrations']);

      // Run through, the migration leaves one checked pre-migration backup and no leftover.
      const again = await runKilledAt(['migrate', path, migrationsDir], RENAMES, 99);
      expect(again.stdout).toBe('done\n');
      expect(listBackups(path)).toMatchObject([{ kind: 'pre-migration', storyCount: 1 }]);
      expect(partialsIn(path)).toEqual([]);
    },
    60_000,
  );
});

describe('backups do not hold up requests (D)', () => {
  it('while a ~60 MB library is backed up, the event loop keeps turning and requests are answered', async () => {
    const dir = tempDir();
    const path = join(dir, 'beatline.db');
    await seededLibraryFile(path, { stories: 1, beats: 2 });
    const db = new Database(path, { fileMustExist: true });
    const storyId = randomUUID();
    const now = new Date().toISOString();
    db.transaction(() => {
      db.prepare('INSERT INTO stories VALUES (?, ?, ?, ?)').run(storyId, 'Ballast', now, now);
      const event = db.prepare(
        `INSERT INTO events (event_uuid, story_uuid, title, description, position, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
      );
      for (let i = 0; i < 3000; i++) {
        event.run(randomUUID(), storyId, `E${i}`, `${i}`.padEnd(20000, 'x'), i, now, now);
      }
    })();
    db.close();
    expect(statSync(path).size).toBeGreaterThan(55e6);

    const host = await openLibraryHost(path, { log: () => {}, backupIntervalMs: 0 });
    let last = performance.now();
    let maxGap = 0;
    const ticker = setInterval(() => {
      const t = performance.now();
      maxGap = Math.max(maxGap, t - last);
      last = t;
    }, 10);
    let answered = 0;
    const asker = setInterval(() => {
      void host.invoke('stories:list', {}).then((result) => {
        if (result.ok) answered++;
      });
    }, 20);
    const started = performance.now();
    const made = await host.backup('manual');
    const took = performance.now() - started;
    clearInterval(ticker);
    clearInterval(asker);
    console.log(
      `backup-safety: ${(statSync(path).size / 1e6).toFixed(0)} MB backed up in ${took.toFixed(0)} ms; ` +
        `longest event-loop gap ${maxGap.toFixed(0)} ms; ${answered} requests answered meanwhile.`,
    );
    expect(made.storyCount).toBe(2);
    expect(answered).toBeGreaterThan(0);
    // Generous for a loaded 2-core VM; one synchronous copy and check took seconds.
    expect(maxGap).toBeLessThan(500);
    await host.close();
  }, 120_000);

  it('library:health checks the newest backup once and again only when the backups change', async () => {
    const dir = tempDir();
    const path = join(dir, 'beatline.db');
    await seededLibraryFile(path, { stories: 2, beats: 3 });
    const host = await openLibraryHost(path, { log: () => {}, backupIntervalMs: 0 });
    const older = await host.backup('manual');
    await new Promise((r) => setTimeout(r, 5));
    const newer = await host.backup('manual');
    const file = join(backupsDirFor(path), newer.id);
    // Whole seconds, which a file time keeps exactly.
    const time = Math.floor(Date.now() / 1000);
    utimesSync(file, time, time);
    const health = async () =>
      (await ok<{ newestGoodBackup: BackupInfo | null }>(host.invoke('library:health', {})))
        .newestGoodBackup?.id;
    expect(await health()).toBe(newer.id);

    // Damage the newest backup behind the host's back, keeping its size and times: the cached
    // answer stands, so the backup was not opened again.
    writeDamagedCopy(file, file, 'flipped');
    utimesSync(file, time, time);
    expect(await health()).toBe(newer.id);

    // Any change to the backup files (here its time) makes the next call check again.
    utimesSync(file, time, time + 1);
    expect(await health()).toBe(older.id);
    await host.close();
  });
});
