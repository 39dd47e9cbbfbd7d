import { closeSync, existsSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type Database from 'better-sqlite3';
import { listBackups, backupFilePath } from '../backup/list';
import { checkProblems, openForReading } from '../backup/read';
import type { BackupInfo, LibraryFileKind, LibraryHealthReport } from '../contract/outputs';

/**
 * The startup check: what state a library file is in, decided without writing a byte to it.
 * The header is read with plain file reads first (empty, not SQLite, cut short); only a file
 * that passes is opened for reading (see `openForReading`) for SQLite's `quick_check` (or
 * `integrity_check`).
 */

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const HEADER_SIZE = 100;

export interface FileHealth {
  kind: LibraryFileKind;
  /** What is wrong, in SQLite's words or ours; empty when the file is fine. */
  problems: string[];
  sizeBytes: number | null;
}

export interface InspectOptions {
  /** `quick` runs `PRAGMA quick_check` (startup); `full` runs `PRAGMA integrity_check`. */
  check?: 'quick' | 'full';
}

const verdict = (kind: LibraryFileKind, sizeBytes: number | null, problems: string[] = []) => ({
  kind,
  problems,
  sizeBytes,
});

/** Reads the first `length` bytes of a file (fewer when it is shorter). */
function readHead(path: string, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  const fd = openSync(path, 'r');
  try {
    const read = readSync(fd, buffer, 0, length, 0);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** Checks the 100-byte header against the file size; null when nothing is wrong. */
function headerProblem(header: Buffer, size: number): FileHealth | null {
  if (header.length < SQLITE_MAGIC.length || !header.subarray(0, 16).equals(SQLITE_MAGIC)) {
    return verdict('not_a_database', size, ['the file does not start with the SQLite header']);
  }
  if (header.length < HEADER_SIZE) {
    return verdict('truncated', size, [`the file ends inside its ${HEADER_SIZE}-byte header`]);
  }
  const raw = header.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) {
    return verdict('not_a_database', size, [`the header names an impossible page size (${raw})`]);
  }
  if (size % pageSize !== 0) {
    return verdict('truncated', size, [
      `the file size (${size} bytes) is not a whole number of ${pageSize}-byte pages`,
    ]);
  }
  // The in-header page count is valid when the change counter matches "version valid for".
  const pages = header.readUInt32BE(28);
  const valid = header.readUInt32BE(24) === header.readUInt32BE(92);
  if (valid && pages > 0 && size < pages * pageSize) {
    return verdict('truncated', size, [
      `the header says ${pages} pages (${pages * pageSize} bytes) but the file has ${size} bytes`,
    ]);
  }
  return null;
}

function classifySqliteError(error: unknown, size: number): FileHealth {
  const code = String((error as { code?: unknown }).code ?? '');
  const message = error instanceof Error ? error.message : String(error);
  if (code.startsWith('SQLITE_NOTADB')) return verdict('not_a_database', size, [message]);
  if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_IOERR_SHORT_READ')) {
    return verdict('corrupt', size, [message]);
  }
  return verdict('unreadable', size, [message]);
}

/**
 * Classifies a library (or backup) file: ok, missing, empty, not a database, truncated,
 * corrupt (fails SQLite's check) or unreadable. Never writes to the file, never deletes it, and
 * leaves no companion files behind beside a damaged one.
 */
export function inspectDatabaseFile(path: string, options: InspectOptions = {}): FileHealth {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return verdict('unreadable', null, [`${basename(path)} is not a file`]);
    size = stat.size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return verdict('missing', null);
    return verdict('unreadable', null, [String(error)]);
  }
  if (size === 0) return verdict('empty', 0, ['the file is empty (0 bytes)']);
  let header: Buffer;
  try {
    header = readHead(path, HEADER_SIZE);
  } catch (error) {
    return verdict('unreadable', size, [String(error)]);
  }
  const problem = headerProblem(header, size);
  if (problem) return problem;

  const companions = [`${path}-wal`, `${path}-shm`].filter((f) => !existsSync(f));
  let db: Database.Database | null = null;
  let result: FileHealth;
  try {
    db = openForReading(path);
    const problems = checkProblems(db, options.check ?? 'quick');
    result = problems.length === 0 ? verdict('ok', size) : verdict('corrupt', size, problems);
  } catch (error) {
    result = classifySqliteError(error, size);
  } finally {
    db?.close();
  }
  if (result.kind !== 'ok') removeEmptyCompanions(companions);
  return result;
}

/**
 * A read-only connection to a WAL-mode file may create empty -wal and -shm files and cannot
 * remove them. Beside a damaged file, remove the ones this check created (still empty), so the folder
 * is left exactly as it was found.
 */
function removeEmptyCompanions(created: string[]): void {
  const wal = created.find((f) => f.endsWith('-wal'));
  if (wal && existsSync(wal) && statSync(wal).size > 0) return;
  for (const file of created) rmSync(file, { force: true });
}

/** True for the kinds a library opens with (a missing file becomes a new library). */
export function isUsable(kind: LibraryFileKind): boolean {
  return kind === 'ok' || kind === 'missing';
}

const MESSAGES: Record<LibraryFileKind, string> = {
  ok: 'The library is sound.',
  missing: 'There is no library file yet; Beatline starts a new one.',
  empty: 'The library file is empty (0 bytes).',
  not_a_database: 'The library file is not a Beatline library (it is not an SQLite database).',
  truncated: 'The library file has been cut short (truncated).',
  corrupt: "SQLite's check found damage inside the library file.",
  unreadable: 'The library file cannot be read.',
};

/** One sentence for the writer about a file's state. */
export function describeFileKind(kind: LibraryFileKind): string {
  return isUsable(kind) ? MESSAGES[kind] : `${MESSAGES[kind]} It was left untouched.`;
}

/**
 * The newest backup of this library that passes `quick_check` (backups are checked in full
 * when written; this catches one damaged since). Null when there is none.
 */
export function findNewestGoodBackup(libraryPath: string): BackupInfo | null {
  for (const backup of listBackups(libraryPath)) {
    if (!backup.readable) continue;
    const path = backupFilePath(libraryPath, backup);
    if (inspectDatabaseFile(path, { check: 'quick' }).kind === 'ok') return backup;
  }
  return null;
}

/** The library's state as the recovery screen and the CLI report it. */
export function libraryHealthReport(
  libraryPath: string,
  health: FileHealth,
  options: { includeBackup?: boolean } = {},
): LibraryHealthReport {
  const usable = isUsable(health.kind);
  const includeBackup = options.includeBackup ?? !usable;
  const first = health.problems[0]?.replace(/\.$/, '');
  const detail = usable || !first ? '' : ` Details: ${first}.`;
  return {
    status: usable ? 'ok' : 'damaged',
    kind: health.kind,
    message: describeFileKind(health.kind) + detail,
    fileName: basename(libraryPath),
    newestGoodBackup: includeBackup ? findNewestGoodBackup(libraryPath) : null,
  };
}

/** Inspects the library file and reports on it (with the newest good backup when damaged). */
export function checkLibraryHealth(
  libraryPath: string,
  options: InspectOptions = {},
): { health: FileHealth; report: LibraryHealthReport } {
  const health = inspectDatabaseFile(libraryPath, options);
  return { health, report: libraryHealthReport(libraryPath, health) };
}
