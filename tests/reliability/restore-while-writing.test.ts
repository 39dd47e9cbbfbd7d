// A restore while another writer holds the library (the browser host saving a beat, the app)
// said "Restored … from …" and changed nothing: better-sqlite3 takes a first backup step answered
// SQLITE_BUSY (the destination locked) for a finished copy of 0 pages and closes it. Seen with
// `beatline restore` while the host took a beat a few ms apart: the library kept every story,
// the writes went on into it, and the writer was told it had been restored.

import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createBackup } from '../../electron/core/backup/create';
import { copyInWorker } from '../../electron/core/backup/copy-worker';
import { restoreLibrary } from '../../electron/core/backup/restore';
import { openLibrary } from '../../electron/core/library';
import { must } from '../helpers/library';
import { tempDir } from '../helpers/temp';

/** A library with story "Old", a backup of it, then story "New" added. */
async function libraryWithBackup() {
  const dir = tempDir();
  const path = join(dir, 'beatline.db');
  const lib = await openLibrary(path, { logError: () => {} });
  const add = (title: string) => must(lib.dispatcher.call('stories:create', { title }));
  add('Old');
  const backup = await createBackup(lib.db, path, 'manual');
  add('New');
  lib.close();
  return { path, backup };
}

const titles = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT title FROM stories ORDER BY title').pluck().all();
  } finally {
    db.close();
  }
};

/** Another connection holding the library's write lock, as a writer mid-transaction does. */
function holdWriteLock(path: string) {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.prepare('BEGIN IMMEDIATE').run();
  return () => {
    db.prepare('COMMIT').run();
    db.close();
  };
}

describe('a restore while another writer holds the library', () => {
  it('waits for the lock, then writes the backup in', async () => {
    const { path, backup } = await libraryWithBackup();
    const release = holdWriteLock(path);
    const released = new Promise<void>((done) =>
      setTimeout(() => {
        release();
        done();
      }, 1_000),
    );
    await copyInWorker({ from: backup.path, fromReadonly: true, to: path, check: false });
    await released;
    expect(titles(path)).toEqual(['Old']);
  });

  it('says so when the lock is never let go, instead of "restored" with nothing copied', async () => {
    const { path, backup } = await libraryWithBackup();
    const release = holdWriteLock(path);
    try {
      await expect(
        copyInWorker({
          from: backup.path,
          fromReadonly: true,
          to: path,
          check: false,
          busyTimeoutMs: 300,
        }),
      ).rejects.toThrow(/busy/);
    } finally {
      release();
    }
    expect(titles(path)).toEqual(['New', 'Old']);
  });

  it('restoreLibrary refuses in words and keeps the library as it was', async () => {
    const { path, backup } = await libraryWithBackup();
    const release = holdWriteLock(path); // for longer than the copy waits (5 s)
    try {
      await expect(restoreLibrary(path, backup)).rejects.toThrow(
        /could not be written into the library \(it was not changed\).*busy/,
      );
    } finally {
      release();
    }
    expect(titles(path)).toEqual(['New', 'Old']);
  });
});
