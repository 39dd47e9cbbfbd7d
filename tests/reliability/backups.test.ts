// Backups: online copies checked with integrity_check, listing with counts, the retention rule
// under an injected clock, the 10-minute schedule and the quit backup, restore and its undo.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createBackup, BackupError } from '../../electron/core/backup/create';
import { openLibraryHost, BACKUP_INTERVAL_MS } from '../../electron/core/host/library-host';
import type { LibraryHost, Timers } from '../../electron/core/host/library-host';
import { listBackups } from '../../electron/core/backup/list';
import { backupsDirFor, stampFor } from '../../electron/core/backup/names';
import { planRetention, RETENTION } from '../../electron/core/backup/retention';
import type { BackupInfo, RestoreOutcome } from '../../electron/core/contract/outputs';
import type { Result } from '../../electron/core/contract/types';
import { latestSchemaVersion } from '../../electron/core/db/migrate';
import { openDatabase } from '../../electron/core/db/open';
import { must } from '../helpers/library';
import { tempDir } from '../helpers/temp';
import { contentsOf, seededLibraryFile, writeDamagedCopy } from './helpers';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** A clock the test moves by hand. */
function fakeClock(start = Date.parse('2025-03-01T09:00:00.000Z')) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms), at: () => t };
}

/** Timers that only run when the test says so. */
function manualTimers() {
  const registered: Array<{ fn: () => void; ms: number; cleared: boolean }> = [];
  const timers: Timers = {
    setInterval: (fn, ms) => {
      const entry = { fn, ms, cleared: false };
      registered.push(entry);
      return entry;
    },
    clearInterval: (handle) => {
      (handle as { cleared: boolean }).cleared = true;
    },
  };
  return { timers, registered };
}

async function hostWithLibrary(options: { stories?: number } = {}) {
  const dir = tempDir();
  const path = join(dir, 'beatline.db');
  await seededLibraryFile(path, { stories: options.stories ?? 2, beats: 3 });
  const clock = fakeClock();
  const { timers, registered } = manualTimers();
  const host = await openLibraryHost(path, { now: clock.now, timers, log: () => {} });
  return { dir, path, clock, host, registered };
}

async function ok<T>(answer: Result<unknown> | Promise<Result<unknown>>): Promise<T> {
  const result = await answer;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

function addStory(host: LibraryHost, title: string) {
  return must(host.library()!.dispatcher.call('stories:create', { title }));
}

function integrity(path: string): string {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}

describe('createBackup and listBackups', () => {
  it('writes an online copy, checked, in rollback-journal mode, listed with its counts', async () => {
    const dir = tempDir();
    const path = join(dir, 'beatline.db');
    await seededLibraryFile(path, { stories: 2, beats: 3 });
    const db = openDatabase(path, { mustExist: true });
    const clock = fakeClock();
    try {
      const made = await createBackup(db, path, 'manual', clock.now);
      expect(made.path).toBe(join(backupsDirFor(path), made.info.id));
      expect(made.info).toEqual({
        id: `beatline.${stampFor(clock.now())}.manual.backup.db`,
        createdAt: clock.now().toISOString(),
        kind: 'manual',
        sizeBytes: readFileSync(made.path).length,
        readable: true,
        schemaVersion: latestSchemaVersion(),
        storyCount: 2,
        eventCount: 6,
        beatCount: 18,
      });
      expect(integrity(made.path)).toBe('ok');
      // Rollback-journal mode: readers leave no -wal/-shm beside it.
      expect(readFileSync(made.path)[18]).toBe(1);
      expect(readdirSync(backupsDirFor(path))).toEqual([made.info.id]);
      expect(listBackups(path)).toEqual([made.info]);
      expect(readdirSync(backupsDirFor(path))).toEqual([made.info.id]);

      clock.advance(1000);
      db.exec("DELETE FROM stories WHERE title = 'Story 2'");
      const second = await createBackup(db, path, 'auto', clock.now);
      expect(listBackups(path).map((b) => [b.id, b.storyCount, b.beatCount])).toEqual([
        [second.info.id, 1, 9],
        [made.info.id, 2, 18],
      ]);
    } finally {
      db.close();
    }
  });

  it('lists the migration runner’s backups beside the library too, leaving no files behind', async () => {
    const dir = tempDir();
    const path = join(dir, 'beatline.db');
    await seededLibraryFile(path, { stories: 1 });
    const db = openDatabase(path, { mustExist: true });
    const name = `beatline.pre-v2-${stampFor(new Date('2025-01-01T00:00:00Z'))}.backup.db`;
    await db.backup(join(dir, name)); // as migrate() does: a WAL-mode copy
    db.close();
    const before = readdirSync(dir).sort();
    const [listed] = listBackups(path);
    expect(listed).toMatchObject({
      id: name,
      kind: 'pre-migration',
      storyCount: 1,
      readable: true,
    });
    expect(listed?.createdAt).toBe('2025-01-01T00:00:00.000Z');
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it('ignores files that are not named like this library’s backups', async () => {
    const dir = tempDir();
    const path = join(dir, 'beatline.db');
    await seededLibraryFile(path, { stories: 1 });
    const db = openDatabase(path, { mustExist: true });
    await db.backup(join(dir, 'other.pre-v2-2025-01-01T00-00-00-000Z.backup.db'));
    await db.backup(join(dir, 'beatline.copy.db'));
    db.close();
    expect(listBackups(path)).toEqual([]);
  });

  it('refuses to keep a copy that fails integrity_check, and leaves nothing behind', async () => {
    const dir = tempDir();
    const good = join(dir, 'good.db');
    await seededLibraryFile(good, { stories: 3, beats: 10 });
    const path = join(dir, 'beatline.db');
    writeDamagedCopy(good, path, 'flipped');
    const db = new Database(path, { fileMustExist: true, readonly: true });
    try {
      await expect(createBackup(db, path, 'manual')).rejects.toBeInstanceOf(BackupError);
    } finally {
      db.close();
    }
    expect(readdirSync(backupsDirFor(path))).toEqual([]);
  });
});

describe('retention: the last 10, plus one a day for 7 days', () => {
  /** What the rule should keep, computed the plain way: newest 10, newest of each recent day. */
  function expectedKeep(times: number[], now: number): Set<number> {
    const newestFirst = [...times].sort((a, b) => b - a);
    const keep = new Set(newestFirst.slice(0, 10));
    for (let k = 0; k < 7; k++) {
      const day = new Date(now);
      day.setDate(day.getDate() - k);
      const sameDay = newestFirst.find((t) => new Date(t).toDateString() === day.toDateString());
      if (sameDay !== undefined) keep.add(sameDay);
    }
    return keep;
  }

  it('planRetention keeps the newest 10 and the newest of each of the last 7 days', () => {
    const now = Date.parse('2025-03-10T12:00:00.000Z');
    // One backup every 3 hours for 10 days.
    const times = Array.from({ length: 80 }, (_, i) => now - i * 3 * HOUR);
    const backups = times.map((t) => ({ id: `b${t}`, createdAt: new Date(t).toISOString() }));
    const { keep, remove } = planRetention(backups, new Date(now));
    expect(new Set(keep)).toEqual(new Set([...expectedKeep(times, now)].map((t) => `b${t}`)));
    expect(keep.length + remove.length).toBe(80);
    expect(keep.length).toBeLessThanOrEqual(10 + 7);
    expect(RETENTION).toEqual({ keepLast: 10, dailyDays: 7 });
  });

  it('keeps everything while there are 10 or fewer', () => {
    const now = new Date('2025-03-10T12:00:00.000Z');
    const backups = Array.from({ length: 10 }, (_, i) => ({
      id: `b${i}`,
      createdAt: new Date(now.getTime() - i * 30 * DAY).toISOString(),
    }));
    expect(planRetention(backups, now).remove).toEqual([]);
  });

  it('the host prunes automatic backups as it goes and never manual or set-aside ones', async () => {
    const { host, clock, registered, path } = await hostWithLibrary({ stories: 1 });
    const manual = await host.backup('manual');
    const times: number[] = [];
    // Nine days of editing, with the timer firing every 4 hours.
    for (let i = 0; i < 9 * 6; i++) {
      clock.advance(4 * HOUR);
      addStory(host, `Edit ${i}`);
      registered[0]!.fn();
      await host.backupIfChanged('auto'); // waits for the timer's backup; nothing new to save
      times.push(clock.at());
    }
    const auto = listBackups(path).filter((b) => b.kind === 'auto');
    const kept = new Set(auto.map((b) => Date.parse(b.createdAt)));
    expect(kept).toEqual(expectedKeep(times, clock.at()));
    const days = new Set(auto.map((b) => new Date(b.createdAt).toDateString()));
    expect(days.size).toBe(7);
    expect(auto.length).toBeLessThanOrEqual(10 + 7);
    expect(listBackups(path).some((b) => b.id === manual.id)).toBe(true);
    await host.close();
  });
});

describe('the backup schedule', () => {
  it('backs up every 10 minutes only while the library changes, and once more on close', async () => {
    const { host, clock, registered, path } = await hostWithLibrary();
    expect(registered).toHaveLength(1);
    expect(registered[0]!.ms).toBe(BACKUP_INTERVAL_MS);
    expect(BACKUP_INTERVAL_MS).toBe(10 * 60 * 1000);

    clock.advance(BACKUP_INTERVAL_MS);
    expect(await host.backupIfChanged('auto')).toBeNull(); // nothing changed since opening

    addStory(host, 'A new idea');
    clock.advance(BACKUP_INTERVAL_MS);
    const first = await host.backupIfChanged('auto');
    expect(first).toMatchObject({ kind: 'auto', storyCount: 3, readable: true });

    clock.advance(BACKUP_INTERVAL_MS);
    expect(await host.backupIfChanged('auto')).toBeNull();

    // A change by another connection (the CLI, a second host) counts too.
    const other = openDatabase(path, { mustExist: true });
    other.prepare("UPDATE stories SET title = 'Renamed elsewhere' WHERE title = 'Story 1'").run();
    other.close();
    clock.advance(BACKUP_INTERVAL_MS);
    expect(await host.backupIfChanged('auto')).toMatchObject({ kind: 'auto' });

    addStory(host, 'Last words');
    clock.advance(60_000);
    await host.close();
    expect(registered[0]!.cleared).toBe(true);
    const kinds = listBackups(path).map((b) => b.kind);
    expect(kinds).toEqual(['quit', 'auto', 'auto']);
    expect(listBackups(path)[0]).toMatchObject({ storyCount: 4 });
    for (const b of listBackups(path))
      expect(integrity(join(backupsDirFor(path), b.id))).toBe('ok');
  });

  it('takes no quit backup when nothing changed', async () => {
    const { host, path } = await hostWithLibrary();
    await host.close();
    expect(existsSync(backupsDirFor(path)) ? listBackups(path) : []).toEqual([]);
  });
});

describe('restore, and undoing it', () => {
  it('restores a backup into the open library and restores the set-aside copy to undo', async () => {
    const { host, clock, path } = await hostWithLibrary();
    const backup = await ok<BackupInfo>(host.invoke('backups:create', {}));
    expect(backup).toMatchObject({ kind: 'manual', storyCount: 2 });
    clock.advance(HOUR);
    addStory(host, 'Written after the backup');
    // Another process holding the library open sees the restore too.
    const other = openDatabase(path, { mustExist: true });

    const outcome = await ok<RestoreOutcome>(
      host.invoke('backups:restore', { backupId: backup.id }),
    );
    expect(outcome.restored.id).toBe(backup.id);
    expect(outcome.setAside).toMatchObject({ kind: 'before-restore', storyCount: 3 });
    expect(outcome.health).toMatchObject({ status: 'ok', kind: 'ok' });
    expect(host.state()).toBe('open');
    expect(
      must(host.library()!.dispatcher.call('stories:list', {}))
        .map((s) => s.title)
        .sort(),
    ).toEqual(['Story 1', 'Story 2']);
    expect((other.prepare('SELECT count(*) AS n FROM stories').get() as { n: number }).n).toBe(2);

    clock.advance(HOUR);
    const undo = await ok<RestoreOutcome>(
      host.invoke('backups:restore', { backupId: outcome.setAside!.id }),
    );
    expect(undo.setAside).toMatchObject({ kind: 'before-restore', storyCount: 2 });
    expect(
      must(host.library()!.dispatcher.call('stories:list', {}))
        .map((s) => s.title)
        .sort(),
    ).toEqual(['Story 1', 'Story 2', 'Written after the backup']);
    other.close();
    await host.close();
    expect(integrity(path)).toBe('ok');
    const check = new Database(path, { fileMustExist: true });
    expect(check.pragma('journal_mode', { simple: true })).toBe('wal');
    check.close();
  });

  it('refuses unknown ids, paths and damaged backups, leaving the library as it was', async () => {
    const { host, path } = await hostWithLibrary();
    const backup = await host.backup('manual');
    const titles = contentsOf(path).titles;

    expect(await host.invoke('backups:restore', { backupId: 'nope.backup.db' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    for (const backupId of ['../beatline.db', '/etc/passwd', 'a/b', '..', '', 42]) {
      expect(await host.invoke('backups:restore', { backupId }), String(backupId)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }
    const backupFile = join(backupsDirFor(path), backup.id);
    writeDamagedCopy(backupFile, backupFile, 'flipped');
    const refused = await host.invoke('backups:restore', { backupId: backup.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(host.state()).toBe('open');
    expect(contentsOf(path).titles).toEqual(titles);
    await host.close();
  });

  it('recovers a damaged library: data channels refuse, the damaged file is moved aside unchanged', async () => {
    const dir = tempDir();
    const path = join(dir, 'beatline.db');
    await seededLibraryFile(path, { stories: 2, beats: 5 });
    const first = await openLibraryHost(path, { log: () => {} });
    const good = await first.backup('manual');
    await first.close();
    writeDamagedCopy(path, path, 'flipped');
    const damagedBytes = readFileSync(path);

    const host = await openLibraryHost(path, { log: () => {} });
    expect(host.state()).toBe('damaged');
    const health = await ok<{ status: string; kind: string; newestGoodBackup: BackupInfo }>(
      host.invoke('library:health', {}),
    );
    expect(health).toMatchObject({ status: 'damaged', kind: 'corrupt' });
    expect(health.newestGoodBackup.id).toBe(good.id);
    expect(await host.invoke('stories:list', {})).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(await ok<BackupInfo[]>(host.invoke('backups:list', {}))).toHaveLength(1);
    expect(readFileSync(path).equals(damagedBytes)).toBe(true);

    const outcome = await ok<RestoreOutcome>(host.invoke('backups:restore', { backupId: good.id }));
    expect(host.state()).toBe('open');
    expect(outcome.setAside).toMatchObject({ kind: 'before-restore' });
    const aside = join(backupsDirFor(path), outcome.setAside!.id);
    expect(readFileSync(aside).equals(damagedBytes)).toBe(true);
    expect(must(host.library()!.dispatcher.call('stories:list', {}))).toHaveLength(2);
    await host.close();
    expect(integrity(path)).toBe('ok');
  });
});
