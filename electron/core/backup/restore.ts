import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BackupInfo } from '../contract/outputs';
import { inspectDatabaseFile, isUsable } from '../db/health';
import { latestSchemaVersion } from '../db/migrate';
import { openDatabase } from '../db/open';
import { DomainError } from '../errors';
import { BackupError, createBackup, fsyncDir, writeCheckedCopy } from './create';
import type { BackupFile } from './list';
import { describeBackupFile } from './list';
import { backupFileName, backupsDirFor } from './names';
import { openForReading } from './read';

/** Pages per step when writing a backup into the live library: all, one consistent copy. */
const ALL_PAGES = 0x7fffffff;

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

/** Moves a damaged library and its -wal/-shm/-journal companions, unchanged, into the backups folder. */
function moveAside(libraryPath: string, now: () => Date): BackupFile {
  const dir = backupsDirFor(libraryPath);
  mkdirSync(dir, { recursive: true });
  let time = now();
  let name = backupFileName(libraryPath, time, 'before-restore');
  while (existsSync(join(dir, name))) {
    time = new Date(time.getTime() + 1);
    name = backupFileName(libraryPath, time, 'before-restore');
  }
  const target = join(dir, name);
  // Companions first: the main file is what marks the set-aside copy as complete.
  for (const suffix of ['-wal', '-shm', '-journal']) {
    if (existsSync(libraryPath + suffix)) renameSync(libraryPath + suffix, target + suffix);
  }
  renameSync(libraryPath, target);
  fsyncDir(dir);
  fsyncDir(dirname(libraryPath));
  return {
    path: target,
    info: describeBackupFile(target, name, {
      kind: 'before-restore',
      createdAt: time.toISOString(),
    }),
  };
}

/**
 * Replaces the library at `libraryPath` with a backup, keeping the current library first so the
 * restore can itself be undone (restore the returned `setAside`):
 * - a sound library is copied aside with the online backup API, then the backup is written
 *   into the live file with the same API (one transaction; other connections, even in other
 *   processes, see the restored library);
 * - a damaged library (or anything that is not a sound database) is never written to: it is
 *   moved aside unchanged, and the backup is written to a new file put in its place;
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
        await source.backup(libraryPath, { progress: () => ALL_PAGES });
      } catch (error) {
        throw new BackupError(
          `The backup could not be written into the library (it was not changed): ${(error as Error).message}`,
        );
      }
      return { restored: backup.info, setAside };
    }
    const setAside = isUsable(current.kind) ? null : moveAside(libraryPath, now);
    mkdirSync(dirname(libraryPath), { recursive: true });
    await writeCheckedCopy(source, libraryPath);
    return { restored: backup.info, setAside };
  } finally {
    source.close();
  }
}
