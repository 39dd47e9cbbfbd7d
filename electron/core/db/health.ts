import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, resolve } from 'node:path';
import { listBackups, backupFilePath } from '../backup/list';
import { checkProblems } from '../backup/read';
import type { BackupInfo, LibraryFileKind, LibraryHealthReport } from '../contract/outputs';
import { hasWalFrames, openProbe, readOnlyReason, recogniseSchema } from './identify';
import { latestSchemaVersion } from './migrate';
import { readOnlyMessage } from './open';

/**
 * The startup check: what state a library file is in, decided without writing a byte to it.
 * The header is read with plain file reads first (empty, not SQLite, cut short); only a file
 * that passes is opened for reading (see `openProbe`) for SQLite's `quick_check` (or
 * `integrity_check`). The file is judged the way SQLite reads it: with its write-ahead log, so
 * a file cut short while the log was being copied back (the log still holds those pages) is
 * sound. Another application's database and a library from a newer Beatline are recognised
 * (`foreign`, `newer`), never called damaged.
 */

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const HEADER_SIZE = 100;

export interface FileHealth {
  kind: LibraryFileKind;
  /** What is wrong, in SQLite's words or ours; empty when the file is fine. */
  problems: string[];
  sizeBytes: number | null;
  /** The schema version of a `newer` library. */
  schemaVersion?: number;
}

export interface InspectOptions {
  /** `quick` runs `PRAGMA quick_check` (startup); `full` runs `PRAGMA integrity_check`. */
  check?: 'quick' | 'full';
  /** Recognise Beatline libraries (`foreign`, `newer`); off for backups (default on). */
  recognise?: boolean;
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

/**
 * Checks the 100-byte header against the file size; null when nothing is wrong. With frames in
 * a -wal beside it the size is not compared: SQLite writes page 1 (the new page count) first when
 * it copies the log back, so a copy cut short (a kill, a full disk) leaves a file shorter than its
 * header says that SQLite reads correctly through the log; `quick_check` judges it instead.
 */
function headerProblem(header: Buffer, size: number, withLog: boolean): FileHealth | null {
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
  if (withLog) return null;
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
    // ENOTDIR: a file stands where a folder of the path should be, so no library is there.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return verdict('missing', null);
    return verdict('unreadable', null, [String(error)]);
  }
  if (size === 0) return verdict('empty', 0, ['the file is empty (0 bytes)']);
  let header: Buffer;
  try {
    header = readHead(path, HEADER_SIZE);
  } catch (error) {
    return verdict('unreadable', size, [String(error)]);
  }
  const problem = headerProblem(header, size, hasWalFrames(path));
  if (problem) return problem;

  let probe: ReturnType<typeof openProbe> | null = null;
  try {
    probe = openProbe(path);
    if (options.recognise ?? true) {
      const latest = latestSchemaVersion();
      const identity = recogniseSchema(probe.db, latest);
      if (identity.kind === 'foreign') return verdict('foreign', size, [identity.reason]);
      if (identity.kind === 'newer') {
        const problem = `schema ${identity.version}; this Beatline knows ${latest}`;
        return { ...verdict('newer', size, [problem]), schemaVersion: identity.version };
      }
    }
    const problems = checkProblems(probe.db, options.check ?? 'quick');
    return problems.length === 0 ? verdict('ok', size) : verdict('corrupt', size, problems);
  } catch (error) {
    return classifySqliteError(error, size);
  } finally {
    probe?.release(); // leaves no -wal/-shm of its own, never one another connection uses
  }
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
  foreign: 'The file is an SQLite database of another application, not a Beatline library.',
  newer: 'The library was made by a newer Beatline: update Beatline to open it.',
  replaced:
    'The library file was moved, replaced or deleted while Beatline had it open; nothing more ' +
    'will be written to it. Reopen the library.',
};

/** Kinds that are not damage: restoring a backup over them would be wrong. */
export function isRefusedNotDamaged(kind: LibraryFileKind): boolean {
  return kind === 'foreign' || kind === 'newer' || kind === 'replaced';
}

/** One sentence for the writer about a file's state. */
export function describeFileKind(kind: LibraryFileKind): string {
  if (isUsable(kind) || kind === 'replaced') return MESSAGES[kind];
  return `${MESSAGES[kind]} It was left untouched.`;
}

/**
 * The newest backup of this library that passes `quick_check` (backups are checked in full
 * when written; this catches one damaged since). Null when there is none.
 */
export function findNewestGoodBackup(libraryPath: string): BackupInfo | null {
  for (const backup of listBackups(libraryPath)) {
    if (!backup.readable) continue;
    const path = backupFilePath(libraryPath, backup);
    if (inspectDatabaseFile(path, { check: 'quick', recognise: false }).kind === 'ok') {
      return backup;
    }
  }
  return null;
}

/** The health report's `libraryKey`: a short hash of the library's absolute path. */
export function libraryKeyOf(libraryPath: string): string {
  return createHash('sha256').update(resolve(libraryPath)).digest('hex').slice(0, 16);
}

/** The library's state as the recovery screen and the CLI report it. */
export function libraryHealthReport(
  libraryPath: string,
  health: FileHealth,
  options: { includeBackup?: boolean } = {},
): LibraryHealthReport {
  const usable = isUsable(health.kind);
  const refused = isRefusedNotDamaged(health.kind);
  const includeBackup = !refused && (options.includeBackup ?? !usable);
  const first = health.problems[0]?.replace(/\.$/, '');
  const detail = usable || !first || health.kind === 'replaced' ? '' : ` Details: ${first}.`;
  const reason = usable && health.kind !== 'missing' ? readOnlyReason(libraryPath) : null;
  return {
    status: usable ? 'ok' : 'damaged',
    kind: health.kind,
    message: describeFileKind(health.kind) + detail + (reason ? ` ${readOnlyMessage(reason)}` : ''),
    fileName: basename(libraryPath),
    libraryKey: libraryKeyOf(libraryPath),
    newestGoodBackup: includeBackup ? findNewestGoodBackup(libraryPath) : null,
    access: reason ? 'read_only' : 'read_write',
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
