import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { latestSchemaVersion } from '../../electron/core/db/migrate';
import type { Result } from '../../electron/core/contract/types';
import { openLibrary } from '../../electron/core/library';
import { runCli, tempDir } from './helpers';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

function userVersion(path: string): number {
  const db = new Database(path, { fileMustExist: true });
  try {
    return Number(db.pragma('user_version', { simple: true }));
  } finally {
    db.close();
  }
}

/** A library with one story of two events and three beats, made through the core. */
async function seedLibrary(path: string): Promise<string> {
  const lib = await openLibrary(path);
  try {
    const ok = (r: Result<unknown>): { id: string } => {
      if (!r.ok) throw new Error(r.error.message);
      return r.value as { id: string };
    };
    const story = ok(lib.dispatcher.invoke('stories:create', { title: 'The Lighthouse' }));
    const e1 = ok(lib.dispatcher.invoke('events:create', { storyId: story.id, title: 'Arrival' }));
    const e2 = ok(lib.dispatcher.invoke('events:create', { storyId: story.id, title: 'Storm' }));
    for (const [eventId, description] of [
      [e1.id, 'The boat lands'],
      [e1.id, 'She climbs the stairs'],
      [e2.id, 'The lamp fails'],
    ] as const) {
      ok(lib.dispatcher.invoke('moments:create', { eventId, description }));
    }
    ok(lib.dispatcher.invoke('stories:create', { title: 'Empty Draft' }));
    return story.id;
  } finally {
    lib.close();
  }
}

describe('beatline migrate / check / list', () => {
  it('migrate creates a library at the latest schema version, and again is a no-op', () => {
    const db = join(tmp.dir, 'new', 'library.db');
    const first = runCli(['migrate', '--db', db], { home: tmp.dir });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`to ${latestSchemaVersion()}`);
    expect(userVersion(db)).toBe(latestSchemaVersion());

    const again = runCli(['migrate', `--db=${db}`], { home: tmp.dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('up to date');
    expect(readdirSync(join(tmp.dir, 'new'))).toEqual(['library.db']);
  });

  it('migrate --json reports the versions', () => {
    const db = join(tmp.dir, 'library.db');
    const run = runCli(['migrate', '--db', db, '--json'], { home: tmp.dir });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      path: db,
      from: 0,
      to: latestSchemaVersion(),
      backupPath: null,
    });
  });

  it('check reports the schema version and ok', () => {
    const db = join(tmp.dir, 'library.db');
    expect(runCli(['migrate', '--db', db], { home: tmp.dir }).code).toBe(0);
    const run = runCli(['check', '--db', db], { home: tmp.dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Schema version: ${latestSchemaVersion()}`);
    expect(run.stdout).toMatch(/Integrity: ok/);

    const json = runCli(['check', '--db', db, '--json'], { home: tmp.dir });
    expect(JSON.parse(json.stdout)).toEqual({
      path: db,
      schemaVersion: latestSchemaVersion(),
      latestSchemaVersion: latestSchemaVersion(),
      ok: true,
      problems: [],
    });
    expect(readdirSync(tmp.dir)).toEqual(['library.db']);
  });

  it('check exits 1 and names the problem for a library with broken references', () => {
    const db = join(tmp.dir, 'library.db');
    expect(runCli(['migrate', '--db', db], { home: tmp.dir }).code).toBe(0);
    const raw = new Database(db);
    raw.pragma('foreign_keys = OFF');
    raw
      .prepare(
        `INSERT INTO events (event_uuid, story_uuid, title, description, position, created_at, updated_at)
         VALUES ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002',
                 'Orphan', '', 0, '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z')`,
      )
      .run();
    raw.close();
    const run = runCli(['check', '--db', db], { home: tmp.dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/problem/);
    expect(run.stdout).toMatch(/events/);
  });

  it('list shows stories with their event and beat counts', async () => {
    const db = join(tmp.dir, 'library.db');
    const storyId = await seedLibrary(db);
    const run = runCli(['list', '--db', db], { home: tmp.dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^TITLE\s+EVENTS\s+BEATS\s+UPDATED\s+ID$/);
    const row = lines.find((l) => l.startsWith('The Lighthouse'));
    expect(row).toMatch(new RegExp(`^The Lighthouse\\s+2\\s+3\\s+.*${storyId}$`));
    expect(lines.find((l) => l.startsWith('Empty Draft'))).toMatch(/^Empty Draft\s+0\s+0\s/);
    expect(run.stdout).toContain('2 stories in');
    expect(readdirSync(tmp.dir)).toEqual(['library.db']);
  });

  it('list --json prints parseable summaries', async () => {
    const db = join(tmp.dir, 'library.db');
    const storyId = await seedLibrary(db);
    const run = runCli(['list', '--json', '--db', db], { home: tmp.dir });
    expect(run.code).toBe(0);
    const stories = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    expect(stories).toHaveLength(2);
    expect(stories).toContainEqual(
      expect.objectContaining({
        id: storyId,
        title: 'The Lighthouse',
        eventCount: 2,
        beatCount: 3,
      }),
    );
  });

  it('list on an empty library says so', () => {
    const db = join(tmp.dir, 'library.db');
    runCli(['migrate', '--db', db], { home: tmp.dir });
    const run = runCli(['list', '--db', db], { home: tmp.dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^No stories in /);
    expect(JSON.parse(runCli(['list', '--db', db, '--json'], { home: tmp.dir }).stdout)).toEqual(
      [],
    );
  });

  it('uses BEATLINE_DB when --db is absent, and --db over BEATLINE_DB', () => {
    const fromEnv = join(tmp.dir, 'env.db');
    const fromFlag = join(tmp.dir, 'flag.db');
    expect(runCli(['migrate'], { home: tmp.dir, env: { BEATLINE_DB: fromEnv } }).code).toBe(0);
    expect(existsSync(fromEnv)).toBe(true);
    expect(
      runCli(['migrate', '--db', fromFlag], { home: tmp.dir, env: { BEATLINE_DB: fromEnv } }).code,
    ).toBe(0);
    expect(existsSync(fromFlag)).toBe(true);
  });

  it.runIf(process.platform === 'linux')('defaults to the desktop app library', () => {
    const run = runCli(['migrate'], { home: tmp.dir });
    expect(run.code).toBe(0);
    expect(existsSync(join(tmp.dir, '.config', 'Beatline', 'beatline.db'))).toBe(true);
  });
});
