import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  fsyncSync,
  openSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DatabaseHandle } from '../db/open';
import { DomainError } from '../errors';
import { FolderError, makeFolder } from '../files/make-folder';
import { copyInWorker } from './copy-worker';
import type { BackupFile } from './list';
import { describeBackupFile } from './list';
import {
  backupFileName,
  backupsDirFor,
  COMPANION_SUFFIXES,
  partialPathIn,
  type FolderBackupKind,
} from './names';

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

/** Flushes a file's bytes to the disk without blocking the event loop. */
export async function fsyncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Removes a database file and its SQLite companions. */
export function removeWithCompanions(path: string): void {
  for (const suffix of ['', ...COMPANION_SUFFIXES]) rmSync(path + suffix, { force: true });
}

/**
 * Copies `source` with SQLite's online backup API (never a file copy of a live database) to a
 * new `.partial` file in `dir`, in a worker thread (see `copyInWorker`). The copy is switched to
 * rollback-journal mode (so it can later be read without -wal or -shm files), checked with
 * `integrity_check` and flushed to the disk; returns its path. A copy that fails is deleted and a
 * BackupError thrown, starting with `copy` ("The new backup") when the check failed and with
 * `failed` otherwise. A copy cut short by a crash stays a `.partial` leftover, never listed,
 * removed at the next start (`cleanLeftovers`). `libraryPath` names the library it belongs to.
 */
export async function writeFlushedPartial(
  source: DatabaseHandle,
  dir: string,
  libraryPath: string,
  words: { copy: string; failed: string },
): Promise<string> {
  if (source.memory || !source.name) {
    throw new BackupError('An in-memory database has no file to back up.');
  }
  const partial = partialPathIn(dir, libraryPath);
  try {
    const problems = await copyInWorker({
      from: source.name,
      fromReadonly: source.readonly,
      to: partial,
      check: true,
    });
    if (problems.length > 0) {
      throw new BackupError(`${words.copy} failed its integrity check: ${problems[0]}`);
    }
    await fsyncFile(partial);
    return partial;
  } catch (error) {
    throw failedCopy(partial, error, words.failed);
  }
}

function failedCopy(partial: string, error: unknown, failed: string): DomainError {
  removeWithCompanions(partial);
  if (error instanceof DomainError) return error;
  return new BackupError(`${failed}: ${(error as Error).message}`);
}

/** Writes a checked, flushed copy of `source` to `target` (`writeFlushedPartial`, then a rename). */
export async function writeCheckedCopy(
  source: DatabaseHandle,
  target: string,
  libraryPath: string,
): Promise<void> {
  const failed = 'The backup could not be written';
  const dir = dirname(target);
  const partial = await writeFlushedPartial(source, dir, libraryPath, {
    copy: 'The new backup',
    failed,
  });
  try {
    renameSync(partial, target);
    fsyncDir(dir);
  } catch (error) {
    throw failedCopy(partial, error, failed);
  }
}

const NOTHING_CHANGED = 'no backup can be written there, so nothing was changed.';

/**
 * Makes the backups folder when needed and checks that it can be written (a read-only disk or
 * folder, a file standing where the folder should be), so the writer reads why, not SQLite's
 * "unable to open database file". Throws a BackupError naming the folder.
 */
export function ensureBackupsFolder(dir: string): void {
  try {
    makeFolder(dir, 'backups');
  } catch (error) {
    if (!(error instanceof FolderError)) throw error;
    if (error.problem === 'not_a_folder' && existsSync(dir)) {
      throw new BackupError(
        `The backups folder ${dir} is a file, not a folder; ${NOTHING_CHANGED} Move that file away and try again.`,
      );
    }
    if (error.problem === 'read_only') {
      throw new BackupError(
        `The backups folder ${dir} cannot be created because the library's folder is read-only (${error.reason}); ${NOTHING_CHANGED}`,
      );
    }
    throw new BackupError(
      `The backups folder ${dir} cannot be created (${error.reason}); ${NOTHING_CHANGED}`,
    );
  }
  try {
    accessSync(dir, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    const why = code === 'EROFS' ? 'a read-only disk' : `not writable: ${code}`;
    throw new BackupError(`The backups folder ${dir} is read-only (${why}); ${NOTHING_CHANGED}`);
  }
}

/** A free name for a new backup of `kind` in the backups folder, at `now` or the next free ms. */
export function freeBackupName(
  libraryPath: string,
  kind: FolderBackupKind,
  now: Date,
): { path: string; name: string; time: Date } {
  const dir = backupsDirFor(libraryPath);
  ensureBackupsFolder(dir);
  let time = now;
  let name = backupFileName(libraryPath, time, kind);
  // Two backups in the same millisecond: take the next free millisecond.
  while (existsSync(join(dir, name))) {
    time = new Date(time.getTime() + 1);
    name = backupFileName(libraryPath, time, kind);
  }
  return { path: join(dir, name), name, time };
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
  const { path, name, time } = freeBackupName(libraryPath, kind, now());
  await writeCheckedCopy(db, path, libraryPath);
  return { path, info: describeBackupFile(path, name, { kind, createdAt: time.toISOString() }) };
}
