// "Reopen the library" (issue 13, h35): after the library file was swapped or deleted under an
// open host, `library:reopen` opens the file now at the path through the startup checks. A
// foreign or newer file is refused as at startup and left byte for byte; a missing file is
// created only when the writer asks; bad input changes nothing. Real files, a real browser host.
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReopenOutcome } from '../../electron/core/contract/outputs';
import { latestSchemaVersion } from '../../electron/core/db/migrate';
import { openLibraryHost, type LibraryHost } from '../../electron/core/host/library-host';
import { tempDir } from '../helpers/temp';
import { startFixture, type Fixture } from '../web/helpers';
import { foreignDatabase } from './file-safety-helpers';
import { contentsOf, seededLibraryFile, snapshotDir } from './helpers';

type Answer<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

let dir: string;
let path: string;
let host: LibraryHost;

beforeEach(async () => {
  dir = tempDir();
  path = join(dir, 'lib.db');
  host = await openLibraryHost(path, { backupIntervalMs: 0, backupOnClose: false, log: () => {} });
  expect((await host.invoke('stories:create', { title: 'First file' })).ok).toBe(true);
});
afterEach(async () => {
  await host.close();
});

/** Puts `make`'s file at the library's path the way `mv` or a sync tool does, and notices it. */
async function swapIn(make: (file: string) => Promise<void> | void): Promise<void> {
  const other = join(dir, 'incoming.db');
  await make(other);
  renameSync(other, path);
  expect(host.noticeSwap()).toBe(true);
  expect(host.state()).toBe('replaced');
}

/**
 * The folder's files with their bytes, but for the -shm: SQLite's shared-memory index, which any
 * reader of a WAL file (the startup check too) may rewrite; it holds no content.
 */
function filesOf(folder: string, snapshot = snapshotDir(folder)): Map<string, Buffer> {
  return new Map([...snapshot].filter(([name]) => !name.endsWith('-shm')));
}

async function reopen(input: unknown = {}): Promise<Answer<ReopenOutcome>> {
  return (await host.invoke('library:reopen', input)) as Answer<ReopenOutcome>;
}

describe('library:reopen after the file was replaced underneath', () => {
  it('opens the library now at the path: its stories are read and new writes go to it', async () => {
    await swapIn((file) => seededLibraryFile(file, { stories: 2 }));
    expect(await host.invoke('stories:list', {})).toMatchObject({ ok: false });

    expect(await reopen()).toMatchObject({
      ok: true,
      value: { outcome: 'reopened', health: { status: 'ok', kind: 'ok' } },
    });
    expect(host.state()).toBe('open');
    const list = (await host.invoke('stories:list', {})) as Answer<Array<{ title: string }>>;
    expect(list.ok && list.value.map((s) => s.title).sort()).toEqual(['Story 1', 'Story 2']);
    expect((await host.invoke('stories:create', { title: 'After reopen' })).ok).toBe(true);
    expect(contentsOf(path).titles).toEqual(['After reopen', 'Story 1', 'Story 2']);
    // A second page clicking Reopen too: the library is open, nothing changes.
    expect(await reopen()).toMatchObject({ ok: true, value: { outcome: 'reopened' } });
  }, 60_000);

  it("refuses another application's database as at startup and leaves it byte for byte", async () => {
    await swapIn((file) => foreignDatabase(file, 'CREATE TABLE notes (id INTEGER PRIMARY KEY);'));
    const before = snapshotDir(dir);
    expect(await reopen()).toMatchObject({
      ok: true,
      value: { outcome: 'refused', health: { status: 'damaged', kind: 'foreign' } },
    });
    expect(host.state()).toBe('damaged');
    expect(await host.invoke('stories:list', {})).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(snapshotDir(dir)).toEqual(before);

    // The writer puts their library back at the path: Reopen works from there too.
    rmSync(path);
    await seededLibraryFile(path, { stories: 1 });
    expect(await reopen()).toMatchObject({ ok: true, value: { outcome: 'reopened' } });
    expect(host.state()).toBe('open');
  }, 60_000);

  it('refuses a library from a newer Beatline and leaves it byte for byte', async () => {
    await swapIn(async (file) => {
      await seededLibraryFile(file, { stories: 1 });
      const raw = new Database(file);
      raw.pragma(`user_version = ${latestSchemaVersion() + 5}`);
      raw.close();
    });
    const before = snapshotDir(dir);
    expect([...before.keys()]).toContain('lib.db');
    expect(await reopen()).toMatchObject({
      ok: true,
      value: { outcome: 'refused', health: { status: 'damaged', kind: 'newer' } },
    });
    expect(filesOf(dir)).toEqual(filesOf(dir, before));
  }, 60_000);

  it('a deleted file: answers missing and creates nothing until the writer asks for a new library', async () => {
    rmSync(path);
    expect(host.noticeSwap()).toBe(true);
    const before = snapshotDir(dir);
    expect(await reopen()).toMatchObject({
      ok: true,
      value: { outcome: 'missing', health: { status: 'damaged', kind: 'replaced' } },
    });
    expect(host.state()).toBe('replaced');
    expect(existsSync(path)).toBe(false);
    expect(snapshotDir(dir)).toEqual(before);

    expect(await reopen({ ifMissing: 'create' })).toMatchObject({
      ok: true,
      value: { outcome: 'reopened', health: { status: 'ok' } },
    });
    expect(await host.invoke('stories:list', {})).toEqual({ ok: true, value: [] });
    expect(existsSync(path)).toBe(true);
  }, 60_000);

  it('a deleted file: restoring a backup is the other way out', async () => {
    const backup = await host.backup('manual');
    rmSync(path);
    expect(host.noticeSwap()).toBe(true);
    expect(await reopen()).toMatchObject({ ok: true, value: { outcome: 'missing' } });
    expect(await host.invoke('backups:restore', { backupId: backup.id })).toMatchObject({
      ok: true,
    });
    expect(contentsOf(path).titles).toEqual(['First file']);
  }, 60_000);

  it('bad input is refused and changes nothing; an open library stays as it is', async () => {
    await swapIn((file) => seededLibraryFile(file, { stories: 1 }));
    const replacement = readFileSync(path);
    for (const input of [{ ifMissing: 'delete' }, { ifMissing: true }, { path: '/etc/passwd' }]) {
      expect(await reopen(input), JSON.stringify(input)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }
    expect(host.state()).toBe('replaced');
    expect(readFileSync(path).equals(replacement)).toBe(true);
  }, 60_000);

  it('an in-memory library has no file to reopen', async () => {
    const memory = await openLibraryHost(':memory:', { backupIntervalMs: 0, log: () => {} });
    try {
      expect(await memory.invoke('library:reopen', {})).toMatchObject({
        ok: false,
        error: { code: 'conflict' },
      });
    } finally {
      await memory.close();
    }
  });
});

describe('library:reopen through the browser host', () => {
  let fx: Fixture;
  beforeEach(async () => {
    fx = await startFixture();
  });
  afterEach(async () => {
    await fx.cleanup();
  });

  async function post(route: string, body: unknown = {}) {
    const response = await fetch(`${fx.base}${route}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Beatline-Token': fx.host.token },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Answer<unknown> };
  }

  it('the page reopens a swapped library; the versioned API does not offer the channel', async () => {
    expect((await post('/api/stories:create', { title: 'Mine' })).body.ok).toBe(true);
    const other = join(fx.dir, 'other.db');
    await seededLibraryFile(other, { stories: 3 });
    renameSync(other, fx.dbPath);
    expect((await post('/api/library:health')).body).toMatchObject({
      ok: true,
      value: { kind: 'replaced' },
    });
    expect((await post('/api/v2/library:reopen')).body).toMatchObject({ ok: false });
    expect((await post('/api/library:health')).body).toMatchObject({
      value: { kind: 'replaced' },
    });

    expect((await post('/api/library:reopen')).body).toMatchObject({
      ok: true,
      value: { outcome: 'reopened' },
    });
    const list = (await post('/api/stories:list')).body as Answer<unknown[]>;
    expect(list.ok && list.value.length).toBe(3);
  }, 120_000);
});
