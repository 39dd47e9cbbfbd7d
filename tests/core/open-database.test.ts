import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BUSY_TIMEOUT_MS,
  DatabaseFileError,
  PAGE_CACHE_KIB,
  openDatabase,
  readPragmas,
} from '../../electron/core/db/open';
import { tempDir } from '../helpers/temp';

describe('openDatabase', () => {
  it('sets WAL, synchronous=FULL, foreign keys, a busy timeout and the page cache on every open', () => {
    const path = join(tempDir(), 'lib.db');
    for (let i = 0; i < 2; i++) {
      const db = openDatabase(path);
      expect(readPragmas(db)).toEqual({
        journalMode: 'wal',
        synchronous: 2, // FULL
        foreignKeys: 1,
        busyTimeout: BUSY_TIMEOUT_MS,
        cacheSize: -PAGE_CACHE_KIB,
      });
      db.exec('CREATE TABLE IF NOT EXISTS t (x)');
      db.close();
    }
  });

  it('refuses a missing file when it must exist, without creating it', () => {
    const path = join(tempDir(), 'missing.db');
    expect(() => openDatabase(path, { mustExist: true })).toThrow(DatabaseFileError);
    expect(existsSync(path)).toBe(false);
  });

  it.each([
    ['a text file', Buffer.from('Chapter one.\nIt was a dark and stormy night.\n')],
    ['a truncated header', Buffer.from('SQLite for')],
    ['random bytes', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))],
  ])('refuses %s with a clear message and leaves it untouched', (_name, bytes) => {
    const dir = tempDir();
    const path = join(dir, 'notes.db');
    writeFileSync(path, bytes);
    let error: unknown;
    try {
      openDatabase(path, { mustExist: true });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatabaseFileError);
    expect((error as DatabaseFileError).kind).toBe('not_a_database');
    expect((error as Error).message).toMatch(/not a Beatline library/);
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(existsSync(`${path}-shm`)).toBe(false);
  });

  it('refuses an empty file when it must exist', () => {
    const path = join(tempDir(), 'empty.db');
    writeFileSync(path, '');
    expect(() => openDatabase(path, { mustExist: true })).toThrow(/empty/);
    expect(readFileSync(path).length).toBe(0);
  });
});
