import {
  accessSync,
  constants,
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { openForReading } from '../backup/read';
import type { DatabaseHandle } from './open';

/**
 * Telling a Beatline library from any other file before anything writes to it.
 *
 * Every library carries `PRAGMA application_id = 0x42544c4e` ("BTLN"), set by the migration
 * runner in the same transaction as the first migration it applies (and on the next write-open
 * of a library made before it). A file without it is recognised by its schema: the tables
 * `stories`, `events` and `event_moments` with their columns and a `user_version` of 1 or more.
 * Anything else with tables in it is another application's database and is never written to.
 */

/** "BTLN": the `PRAGMA application_id` of every Beatline library. */
export const BEATLINE_APPLICATION_ID = 0x42544c4e;

export type FileIdentity =
  /** Missing, 0 bytes, or an SQLite file with no schema at all: `migrate` may make a library. */
  | { kind: 'new' }
  | { kind: 'library'; version: number }
  /** A library of a schema newer than this code knows. */
  | { kind: 'newer'; version: number }
  /** Another application's SQLite database. */
  | { kind: 'foreign'; reason: string };

const EXPECTED_COLUMNS: Record<string, string[]> = {
  stories: ['story_uuid', 'title', 'created_at', 'updated_at'],
  events: ['event_uuid', 'story_uuid', 'title', 'description', 'position'],
  event_moments: ['moment_uuid', 'event_uuid', 'sequence_index', 'beat_description'],
};

/** What an open SQLite file is, read from its header fields and schema (reads only). */
export function recogniseSchema(db: DatabaseHandle, latest: number): FileIdentity {
  const appId = Number(db.pragma('application_id', { simple: true }));
  const version = Number(db.pragma('user_version', { simple: true }));
  if (appId === BEATLINE_APPLICATION_ID) {
    return version > latest ? { kind: 'newer', version } : { kind: 'library', version };
  }
  if (appId !== 0) {
    return { kind: 'foreign', reason: `its application id is 0x${appId.toString(16)}` };
  }
  const objects = (db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number }).n;
  if (objects === 0 && version === 0) return { kind: 'new' };
  for (const [table, columns] of Object.entries(EXPECTED_COLUMNS)) {
    const present = new Set(
      (
        db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as Array<{ name: string }>
      ).map((r) => r.name),
    );
    const missing = columns.find((c) => !present.has(c));
    if (missing) {
      return {
        kind: 'foreign',
        reason: present.size === 0 ? `it has no ${table} table` : `its ${table} has no ${missing}`,
      };
    }
  }
  if (version < 1) return { kind: 'foreign', reason: 'its schema version is 0' };
  return version > latest ? { kind: 'newer', version } : { kind: 'library', version };
}

/** Why a file cannot be written here ("the file is read-only"), or null when it can. */
export function readOnlyReason(path: string): string | null {
  const writable = (p: string) => {
    try {
      accessSync(p, constants.W_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (existsSync(path) && !writable(path)) return 'the file is read-only';
  if (!writable(dirname(path))) return 'its folder is read-only';
  return null;
}

/**
 * A read-only copy of a library that SQLite cannot open in place (a WAL-mode file in a read-only
 * folder with no -shm beside it): in memory when no log holds changes, else the file and its
 * -wal copied to a private temporary folder, opened there and unlinked at once (the open
 * connection keeps them). The library itself is only read.
 */
export function openReadOnlyCopy(path: string): DatabaseHandle {
  if (!hasWalFrames(path)) {
    const bytes = readFileSync(path);
    // A WAL-mode header (18-19 = 2) cannot be deserialized; the copy is read as a rollback file.
    if (bytes.length >= 20) bytes[18] = bytes[19] = 1;
    return new Database(bytes, { readonly: true });
  }
  const dir = mkdtempSync(join(tmpdir(), 'beatline-read-only-'));
  const copy = join(dir, basename(path));
  try {
    copyFileSync(path, copy);
    copyFileSync(`${path}-wal`, `${copy}-wal`);
    const db = new Database(copy, { fileMustExist: true });
    try {
      db.pragma('query_only = ON');
      db.prepare('SELECT count(*) FROM sqlite_schema').get(); // opens the log and its index
      return db;
    } catch (error) {
      db.close();
      throw error;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** True when a -wal beside the file holds frames (changes not yet copied into the file). */
export function hasWalFrames(path: string): boolean {
  try {
    return statSync(`${path}-wal`).size > 0;
  } catch {
    return false;
  }
}

/** True for the errors SQLite gives when it cannot open a file in place for reading. */
export function isCantOpen(error: unknown): boolean {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  return code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY');
}

/**
 * Opens a file only to read it, leaving nothing behind: `openForReading` (SQLite removes the
 * -wal/-shm it creates), else, in a read-only folder, a private copy (see `openReadOnlyCopy`).
 * Companion files this open created and SQLite left (still empty) are removed by `release`,
 * but never while another connection may be using them (see `removeProbeLeftovers`).
 */
export function openProbe(path: string): { db: DatabaseHandle; release(): void } {
  const absent = [`${path}-wal`, `${path}-shm`].filter((f) => !existsSync(f));
  let db: DatabaseHandle;
  try {
    db = openForReading(path);
    try {
      db.prepare('SELECT count(*) FROM sqlite_schema').get(); // SQLite opens the log lazily
    } catch (error) {
      db.close();
      throw error;
    }
  } catch (error) {
    if (!isCantOpen(error)) throw error;
    db = openReadOnlyCopy(path);
  }
  return {
    db,
    release() {
      if (db.open) db.close();
      removeProbeLeftovers(path, absent);
    },
  };
}

/**
 * Removes the companion files (`absent` before the probe) a probe's open left beside `path`.
 * Once the probe is open, another process may open the library and write through those same
 * -wal/-shm; unlinking them under it would send its acknowledged writes into a log no other
 * connection sees, lost when it closes. So: a log with frames is always left; where the file
 * can be written, SQLite decides (a connection that closes last removes them under its own
 * exclusive lock, one that is not last leaves them); only where nothing can write (a read-only
 * file, whose read-only connections never remove what they create) are they removed here.
 */
function removeProbeLeftovers(path: string, absent: string[]): void {
  const left = absent.filter((f) => existsSync(f));
  if (left.length === 0 || hasWalFrames(path)) return;
  if (readOnlyReason(path)) {
    for (const file of left) rmSync(file, { force: true });
    return;
  }
  try {
    const db = new Database(path, { fileMustExist: true });
    try {
      db.pragma('query_only = ON');
      db.prepare('SELECT count(*) FROM sqlite_schema').get();
    } finally {
      db.close();
    }
  } catch {
    // Busy or gone: whoever has the library open removes them when it closes last.
  }
}
