import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type { BackupKind } from '../contract/outputs';

/**
 * Where backups live and how they are named. Backups of `<dir>/<name>.db` go to
 * `<dir>/<name>-backups/<name>.<time>.<kind>.backup.db`; the migration runner's own backups
 * stay beside the library as `<name>.pre-v<N>-<time>.backup.db` and are listed too.
 */

/** The kinds written into the backups folder (pre-migration backups sit beside the library). */
export type FolderBackupKind = Exclude<BackupKind, 'pre-migration'>;

const FOLDER_KINDS: readonly FolderBackupKind[] = ['auto', 'quit', 'manual', 'before-restore'];

/** `2025-01-02T03-04-05-678Z`: an ISO time that is safe in a file name on every system. */
const STAMP = String.raw`\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z`;

/** The library's file name without its `.db` extension. */
export function libraryBaseName(libraryPath: string): string {
  return basename(libraryPath).replace(/\.db$/i, '');
}

/** The folder holding a library's backups. */
export function backupsDirFor(libraryPath: string): string {
  return join(dirname(libraryPath), `${libraryBaseName(libraryPath)}-backups`);
}

/** The time as it appears in a backup's file name. */
export function stampFor(time: Date): string {
  return time.toISOString().replace(/[:.]/g, '-');
}

/** Reads a file-name stamp back into an ISO time, or null. */
export function timeFromStamp(stamp: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/.exec(stamp);
  if (!m) return null;
  const iso = `${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

/** The file name of a backup taken at `time`. */
export function backupFileName(libraryPath: string, time: Date, kind: FolderBackupKind): string {
  return `${libraryBaseName(libraryPath)}.${stampFor(time)}.${kind}.backup.db`;
}

export interface ParsedBackupName {
  kind: BackupKind;
  createdAt: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Recognises a backup file of this library by its name: in the backups folder
 * (`inFolder`) or a pre-migration backup beside the library. Anything else is null.
 */
export function parseBackupName(
  libraryPath: string,
  fileName: string,
  inFolder: boolean,
): ParsedBackupName | null {
  const base = escapeRegExp(libraryBaseName(libraryPath));
  const pattern = inFolder
    ? new RegExp(`^${base}\\.(${STAMP})\\.(${FOLDER_KINDS.join('|')})\\.backup\\.db$`)
    : new RegExp(`^${base}\\.pre-v\\d+-(${STAMP})\\.backup\\.db$`);
  const m = pattern.exec(fileName);
  if (!m?.[1]) return null;
  const createdAt = timeFromStamp(m[1]);
  if (!createdAt) return null;
  return { kind: inFolder ? (m[2] as FolderBackupKind) : 'pre-migration', createdAt };
}

/** The companion files SQLite may keep beside a database file. */
export const COMPANION_SUFFIXES = ['-journal', '-wal', '-shm'] as const;

/**
 * A temporary name in `dir` for a file this process is writing (a backup before its check, the
 * restored copy before it replaces the library): `.<name>.<random>-<pid>.partial`. Only a file
 * checked complete is ever renamed to a backup's name or over the library.
 */
export function partialPathIn(dir: string, libraryPath: string): string {
  const random = randomBytes(6).toString('hex');
  return join(dir, `.${libraryBaseName(libraryPath)}.${random}-${process.pid}.partial`);
}

/**
 * Recognises a leftover of an interrupted copy of this library by its name (and its SQLite
 * companions): ours, with the id of the process that wrote it, or the older
 * `.<random>.partial` form (pid null). Anything else is null and is never touched.
 */
export function parseLeftoverName(
  libraryPath: string,
  fileName: string,
): { pid: number | null } | null {
  const base = escapeRegExp(libraryBaseName(libraryPath));
  const companion = `(?:${COMPANION_SUFFIXES.join('|')})?`;
  const ours = new RegExp(`^\\.${base}\\.[0-9a-f]{12}-(\\d{1,10})\\.partial${companion}$`).exec(
    fileName,
  );
  if (ours) return { pid: Number(ours[1]) };
  return new RegExp(`^\\.[0-9a-f]{12}\\.partial${companion}$`).test(fileName)
    ? { pid: null }
    : null;
}
