import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { BackupInfo } from '../contract/outputs';
import { inspectDatabaseFile } from '../db/health';
import { makeFolder } from '../files/make-folder';
import { latestSchemaVersion } from '../db/migrate';
import { openDatabase, type DatabaseHandle } from '../db/open';
import { DomainError } from '../errors';
import { copyInWorker } from './copy-worker';
import {
  BackupError,
  createBackup,
  freeBackupName,
  fsyncDir,
  fsyncFile,
  removeWithCompanions,
  writeFlushedPartial,
} from './create';
import type { BackupFile } from './list';
import { describeBackupFile } from './list';
import { backupsDirFor, COMPANION_SUFFIXES, partialPathIn } from './names';
import { openForReading } from './read';

/** The companions that hold part of a library's content (the -shm is only an index). */
const CONTENT_SUFFIXES = ['-wal', '-journal'] as const;

export interface RestoreResult {
  restored: BackupInfo;
  /** The library as it was before, kept as a `before-restore` backup (null: there was none). */
  setAside: BackupFile | null;
}

/**
 * Checks that a backup can be restored: it passes `integrity_check`, holds a Beatline library
 * and is not from a newer Beatline. Throws a DomainError (conflict) saying why not.
 */
export function assertRestorable(backup: BackupFile): void {
  const health = inspectDatabaseFile(backup.path, { check: 'full' });
  if (health.kind !== 'ok') {
    throw new DomainError(
      'conflict',
      `The backup ${backup.info.id} is damaged (${health.problems[0] ?? health.kind}); ` +
        'choose another one. It was left untouched.',
    );
  }
  if (!backup.info.readable || backup.info.schemaVersion === null) {
    throw new DomainError('conflict', `The backup ${backup.info.id} is not a Beatline library.`);
  }
  const latest = latestSchemaVersion();
  if (backup.info.schemaVersion > latest) {
    throw new DomainError(
      'conflict',
      `The backup ${backup.info.id} was made by a newer Beatline (schema version ` +
        `${backup.info.schemaVersion}; this one knows ${latest}).`,
    );
  }
}

function nonEmptyFile(path: string): boolean {
  try {
    const stat = statSync(path);
    return stat.isFile() && stat.size > 0;
  } catch {
    return false;
  }
}

/**
 * Lets SQLite apply a copy's -wal (or roll back its hot -journal) into the copy's main file, so
 * the copy stands alone. Works on the copy only. False when SQLite cannot open or read it.
 */
function foldCompanions(copy: string): boolean {
  try {
    const db = new Database(copy, { fileMustExist: true });
    try {
      db.prepare('SELECT count(*) FROM sqlite_schema').get();
      if (db.pragma('journal_mode', { simple: true }) === 'wal') {
        db.pragma('wal_checkpoint(TRUNCATE)');
      }
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
  return !CONTENT_SUFFIXES.some((suffix) => nonEmptyFile(copy + suffix));
}

interface SetAside {
  file: BackupFile;
  /** The old library had a -wal or -journal and the copy holds their content in its main file. */
  folded: boolean;
}

/**
 * Keeps a library that is not sound (as judged without SQLite replaying its -wal) as a
 * `before-restore` backup, without writing to it: its main file and its non-empty -wal or
 * -journal are copied together, and SQLite folds them into the copy's main file where it can
 * (so restoring the copy gives back every change, including those only in the -wal). Where it
 * cannot, the raw copies are kept side by side (`<backup>` with `<backup>-wal`), unchanged.
 */
async function setAsideCopy(libraryPath: string, now: () => Date): Promise<SetAside> {
  const { path: target, name, time } = freeBackupName(libraryPath, 'before-restore', now());
  const partial = partialPathIn(backupsDirFor(libraryPath), libraryPath);
  const companions = CONTENT_SUFFIXES.filter((suffix) => nonEmptyFile(libraryPath + suffix));
  const copyRaw = async () => {
    await copyFile(libraryPath, partial);
    for (const suffix of companions) await copyFile(libraryPath + suffix, partial + suffix);
  };
  try {
    await copyRaw();
    let folded = false;
    if (companions.length > 0) {
      folded = foldCompanions(partial);
      if (!folded) {
        removeWithCompanions(partial);
        await copyRaw();
      }
    }
    const kept = folded ? [] : companions;
    await fsyncFile(partial);
    for (const suffix of kept) await fsyncFile(partial + suffix);
    // Companions first: the main file's name is what lists the copy, so it appears complete.
    for (const suffix of kept) renameSync(partial + suffix, target + suffix);
    renameSync(partial, target);
    fsyncDir(dirname(target));
    return {
      file: {
        path: target,
        info: describeBackupFile(target, name, {
          kind: 'before-restore',
          createdAt: time.toISOString(),
        }),
      },
      folded: folded && companions.length > 0,
    };
  } catch (error) {
    removeWithCompanions(partial);
    throw error;
  }
}

/** Writes `source` to a new checked, flushed file beside the library; returns its path. */
async function writeRestoredCopy(source: DatabaseHandle, libraryPath: string): Promise<string> {
  const dir = dirname(libraryPath);
  makeFolder(dir, 'the library');
  return writeFlushedPartial(source, dir, libraryPath, {
    copy: 'The restored copy',
    failed: 'The backup could not be restored',
  });
}

/**
 * Replaces a library that is not sound (or is missing) with the checked copy `restored`, so
 * that across a kill at any instant the library path holds either the old library or the
 * restored one, never nothing. `aside` is the old library's set-aside copy (null: no file).
 *
 * The order, and why:
 * 1. The restored copy and the set-aside copy are complete and flushed before the library path
 *    is touched (the caller did that).
 * 2. An old -wal or hot -journal beside the path would be applied by SQLite to whatever file is
 *    at the path, the restored one too. So where the set-aside copy holds them folded in, a copy
 *    of it is first renamed over the path: with the old -wal/-journal still beside it, SQLite
 *    replays the same whole-page images onto pages that already hold them, which changes
 *    nothing, so the path still holds the old library.
 * 3. The old -wal, -journal and -shm are then removed: the file at the path no longer needs
 *    them. (Where SQLite could not fold them, the file at the path is for this moment the old
 *    main file alone; it and its companions stay complete in the set-aside copy.)
 * 4. The restored copy is renamed over the path in one step, and the folder flushed.
 */
async function swapIn(
  libraryPath: string,
  restored: string,
  aside: SetAside | null,
): Promise<void> {
  const dir = dirname(libraryPath);
  if (aside?.folded) {
    const standIn = partialPathIn(dir, libraryPath);
    try {
      await copyFile(aside.file.path, standIn);
      await fsyncFile(standIn);
      renameSync(standIn, libraryPath);
    } catch (error) {
      removeWithCompanions(standIn);
      throw error;
    }
    fsyncDir(dir);
  }
  for (const suffix of COMPANION_SUFFIXES) {
    if (existsSync(libraryPath + suffix)) rmSync(libraryPath + suffix, { force: true });
  }
  fsyncDir(dir);
  renameSync(restored, libraryPath);
  fsyncDir(dir);
}

/**
 * Replaces the library at `libraryPath` with a backup, keeping the current library first so the
 * restore can itself be undone (restore the returned `setAside`):
 * - a sound library is copied aside with the online backup API, then the backup is written
 *   into the live file with the same API (one transaction; other connections, even in other
 *   processes, see the restored library);
 * - any other file is never written to: it is copied aside with its -wal (see `setAsideCopy`)
 *   and the restored copy is renamed over it (see `swapIn`);
 * - a missing library is simply created from the backup.
 * The caller must not hold the library open in this process; open and migrate it afterwards.
 */
export async function restoreLibrary(
  libraryPath: string,
  backup: BackupFile,
  now: () => Date = () => new Date(),
): Promise<RestoreResult> {
  assertRestorable(backup);
  const current = inspectDatabaseFile(libraryPath, { check: 'quick' });
  const source = openForReading(backup.path);
  try {
    if (current.kind === 'ok') {
      const live = openDatabase(libraryPath, { mustExist: true });
      let setAside: BackupFile;
      try {
        setAside = await createBackup(live, libraryPath, 'before-restore', now);
      } finally {
        live.close();
      }
      try {
        await copyInWorker({
          from: source.name,
          fromReadonly: source.readonly,
          to: libraryPath,
          check: false,
        });
      } catch (error) {
        throw new BackupError(
          `The backup could not be written into the library (it was not changed): ${(error as Error).message}`,
        );
      }
      return { restored: backup.info, setAside };
    }
    const restored = await writeRestoredCopy(source, libraryPath);
    try {
      const aside = current.kind === 'missing' ? null : await setAsideCopy(libraryPath, now);
      await swapIn(libraryPath, restored, aside);
      return { restored: backup.info, setAside: aside?.file ?? null };
    } catch (error) {
      removeWithCompanions(restored);
      throw error;
    }
  } finally {
    source.close();
  }
}
