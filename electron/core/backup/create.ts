import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import type { DatabaseHandle } from '../db/open';
import { DomainError } from '../errors';
import type { BackupFile } from './list';
import { describeBackupFile } from './list';
import { backupFileName, backupsDirFor, type FolderBackupKind } from './names';
import { checkProblems } from './read';

/**
 * Pages copied per step of the online backup: all of them, so a copy is one consistent read
 * even while another process keeps writing (a smaller step restarts on every foreign commit).
 */
const ALL_PAGES = 0x7fffffff;

/** A backup that could not be written or failed its check; nothing was left behind. */
export class BackupError extends DomainError {
  constructor(message: string) {
    super('conflict', message);
    this.name = 'BackupError';
  }
}

/** Flushes a folder's entry list, so a rename in it survives a power cut (no-op on Windows). */
export function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function removeCopy(path: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(path + suffix, { force: true });
}

/**
 * Copies `source` to `target` with SQLite's online backup API (never a file copy of a live
 * database), switches the copy to rollback-journal mode (so it can later be read without -wal
 * or -shm files), runs `integrity_check` on it, and only then moves it into place. A copy that
 * fails the check is deleted and the error thrown.
 */
export async function writeCheckedCopy(source: DatabaseHandle, target: string): Promise<void> {
  const partial = join(target, '..', `.${randomBytes(6).toString('hex')}.partial`);
  try {
    await source.backup(partial, { progress: () => ALL_PAGES });
    const copy = new Database(partial, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
      const problems = checkProblems(copy, 'full');
      if (problems.length > 0) {
        throw new BackupError(`The new backup failed its integrity check: ${problems[0]}`);
      }
    } finally {
      copy.close();
    }
    renameSync(partial, target);
    fsyncDir(join(target, '..'));
  } catch (error) {
    removeCopy(partial);
    if (error instanceof DomainError) throw error;
    throw new BackupError(`The backup could not be written: ${(error as Error).message}`);
  }
}

/**
 * Takes a backup of the open library `db` (whose file is `libraryPath`) into its backups
 * folder, checked with `integrity_check` after it is written.
 */
export async function createBackup(
  db: DatabaseHandle,
  libraryPath: string,
  kind: FolderBackupKind,
  now: () => Date = () => new Date(),
): Promise<BackupFile> {
  const dir = backupsDirFor(libraryPath);
  mkdirSync(dir, { recursive: true });
  let time = now();
  let name = backupFileName(libraryPath, time, kind);
  // Two backups in the same millisecond: take the next free millisecond.
  while (existsSync(join(dir, name))) {
    time = new Date(time.getTime() + 1);
    name = backupFileName(libraryPath, time, kind);
  }
  const path = join(dir, name);
  await writeCheckedCopy(db, path);
  return { path, info: describeBackupFile(path, name, { kind, createdAt: time.toISOString() }) };
}
