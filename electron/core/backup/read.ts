import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { DatabaseHandle } from '../db/open';

/** Byte 18 of the SQLite header: 2 when the file is in WAL mode, 1 otherwise. */
function isWalFile(path: string): boolean {
  const header = Buffer.alloc(20);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  return header[18] === 2;
}

/** True when SQLite companion files sit beside `path`: a connection may be using it. */
function hasCompanions(path: string): boolean {
  return ['-wal', '-shm', '-journal'].some((suffix) => existsSync(path + suffix));
}

/**
 * Opens a library or backup file for reading without leaving anything behind. A WAL-mode file
 * with no -wal, -shm or -journal beside it (no connection is using it, nothing to recover) is
 * opened read-write with `query_only`: SQLite then removes the empty -wal and -shm it creates
 * when it closes, and with no WAL frames there is nothing to write back. Anything else is opened
 * read-only, so a file in use or one with a journal to recover is never written to.
 */
export function openForReading(path: string): DatabaseHandle {
  if (!hasCompanions(path) && isWalFile(path)) {
    const db = new Database(path, { fileMustExist: true });
    try {
      db.pragma('query_only = ON');
      db.pragma('busy_timeout = 5000');
      return db;
    } catch (error) {
      db.close();
      throw error;
    }
  }
  const db = new Database(path, { fileMustExist: true, readonly: true });
  try {
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export interface LibraryCounts {
  schemaVersion: number;
  storyCount: number;
  eventCount: number;
  beatCount: number;
}

/** Schema version and row counts of an open library or backup. */
export function countLibrary(db: DatabaseHandle): LibraryCounts {
  const schemaVersion = Number(db.pragma('user_version', { simple: true }));
  const row = db
    .prepare(
      `SELECT (SELECT count(*) FROM stories) AS stories,
              (SELECT count(*) FROM events) AS events,
              (SELECT count(*) FROM event_moments) AS beats`,
    )
    .get() as { stories: number; events: number; beats: number };
  return {
    schemaVersion,
    storyCount: row.stories,
    eventCount: row.events,
    beatCount: row.beats,
  };
}

/** `PRAGMA integrity_check` (or `quick_check`) as a list of problems; empty means sound. */
export function checkProblems(db: DatabaseHandle, mode: 'quick' | 'full' = 'full'): string[] {
  const pragma = mode === 'quick' ? 'quick_check' : 'integrity_check';
  const rows = db.pragma(pragma) as Array<Record<string, string>>;
  return rows.map((r) => String(Object.values(r)[0])).filter((line) => line !== 'ok');
}
