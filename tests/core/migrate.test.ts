import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/open';
import {
  MigrationError,
  defaultMigrationsDir,
  latestSchemaVersion,
  loadMigrations,
  migrate,
  schemaVersion,
} from '../../electron/core/db/migrate';
import { dumpDatabase } from '../helpers/library';
import { tempDir } from '../helpers/temp';

const SEED_COLUMNS = {
  stories: ['story_uuid', 'title', 'created_at', 'updated_at'],
  events: [
    'event_uuid',
    'story_uuid',
    'title',
    'description',
    'position',
    'created_at',
    'updated_at',
  ],
  event_moments: [
    'moment_uuid',
    'event_uuid',
    'sequence_index',
    'beat_description',
    'timestamp_offset',
    'created_at',
    'updated_at',
  ],
};

/** Columns later migrations add after the seed's (004: story time, the logic layer). */
const ADDED_COLUMNS: Record<string, string[]> = {
  events: ['chrono_position', 'time_label', 'time_mode'],
};

function columns(db: ReturnType<typeof openDatabase>, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map(
    (c) => c.name,
  );
}

describe('migrations', () => {
  it('are numbered files without BEGIN/COMMIT, each with a header comment', () => {
    const migrations = loadMigrations();
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    for (const m of migrations) {
      expect(m.sql.trimStart().startsWith(`-- ${m.name}`)).toBe(true);
      expect(m.sql).toMatch(/IF NOT EXISTS/);
    }
  });

  it('bring a new file to the latest version with the seed columns', async () => {
    const db = openDatabase(join(tempDir(), 'lib.db'));
    const result = await migrate(db);
    expect(result).toMatchObject({ from: 0, to: latestSchemaVersion(), backupPath: null });
    expect(schemaVersion(db)).toBe(latestSchemaVersion());
    for (const [table, cols] of Object.entries(SEED_COLUMNS))
      expect(columns(db, table)).toEqual([...cols, ...(ADDED_COLUMNS[table] ?? [])]);
    const indexes = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND name NOT LIKE 'sqlite_%'")
      .all();
    expect(indexes).toEqual(
      expect.arrayContaining([
        { name: 'event_moments_by_event_sequence' },
        { name: 'events_by_story_position' },
      ]),
    );
    expect(await migrate(db)).toMatchObject({ applied: [] });
    db.close();
  });

  it('001_initial_schema: from version 0 to 1, enforcing its constraints and cascades', async () => {
    const db = openDatabase(join(tempDir(), 'lib.db'));
    await migrate(db, { targetVersion: 0 });
    expect(schemaVersion(db)).toBe(0);
    await migrate(db, { targetVersion: 1 });
    expect(schemaVersion(db)).toBe(1);
    const s = '00000000-0000-4000-8000-000000000001';
    const e = '00000000-0000-4000-8000-000000000002';
    const m = '00000000-0000-4000-8000-000000000003';
    db.prepare("INSERT INTO stories VALUES (?, 'T', 'now', 'now')").run(s);
    db.prepare("INSERT INTO events VALUES (?, ?, 'E', '', 0, 'now', 'now')").run(e, s);
    db.prepare("INSERT INTO event_moments VALUES (?, ?, 0, 'beat', 30.5, 'now', 'now')").run(m, e);
    const insertOffset = db.prepare(
      "INSERT INTO event_moments VALUES (?, ?, 1, 'bad', ?, 'now', 'now')",
    );
    expect(() => insertOffset.run('00000000-0000-4000-8000-000000000004', e, -1)).toThrow(/CHECK/);
    expect(() => insertOffset.run('00000000-0000-4000-8000-000000000005', e, Infinity)).toThrow(
      /CHECK/,
    );
    expect(() =>
      db
        .prepare("INSERT INTO events VALUES (?, 'nope', 'E', '', 0, 'now', 'now')")
        .run(m.replace('3', '9')),
    ).toThrow(/FOREIGN KEY/);
    db.prepare('DELETE FROM stories').run();
    expect(db.prepare('SELECT count(*) AS n FROM event_moments').get()).toEqual({ n: 0 });
    db.close();
  });

  it('002_unique_event_order_index: keeps every row, and a whole story reads in order unsorted', async () => {
    const db = openDatabase(join(tempDir(), 'lib.db'));
    await migrate(db, { targetVersion: 1 });
    const s = '00000000-0000-4000-8000-000000000001';
    db.prepare("INSERT INTO stories VALUES (?, 'T', 'now', 'now')").run(s);
    for (let i = 0; i < 3; i++) {
      const e = `00000000-0000-4000-8000-00000000001${i}`;
      db.prepare("INSERT INTO events VALUES (?, ?, 'E', '', ?, 'now', 'now')").run(e, s, -i);
      db.prepare("INSERT INTO event_moments VALUES (?, ?, 0, 'beat', NULL, 'now', 'now')").run(
        `00000000-0000-4000-8000-00000000002${i}`,
        e,
      );
    }
    const rows = (table: string) => db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all();
    const before = [rows('events'), rows('event_moments')];
    await migrate(db, { targetVersion: 2 });
    expect([rows('events'), rows('event_moments')]).toEqual(before);
    const unique = db.prepare('PRAGMA index_list(events)').all() as Array<{
      name: string;
      unique: number;
    }>;
    expect(unique.find((i) => i.name === 'events_by_story_position')?.unique).toBe(1);
    // The shape of the whole-story read (timeline.ts): no temporary B-tree for its ORDER BY.
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT m.moment_uuid FROM event_moments m
          JOIN events e ON e.event_uuid = m.event_uuid WHERE e.story_uuid = ?
          ORDER BY e.position, e.event_uuid, m.sequence_index, m.moment_uuid`,
      )
      .all(s) as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join('\n')).not.toMatch(/TEMP B-TREE/);
    db.close();
  });

  it('refuses a database made by a newer Beatline and leaves it unchanged', async () => {
    const db = openDatabase(join(tempDir(), 'lib.db'));
    await migrate(db);
    db.pragma(`user_version = ${latestSchemaVersion() + 5}`);
    const before = dumpDatabase(db);
    await expect(migrate(db)).rejects.toThrow(/newer Beatline/);
    await expect(migrate(db)).rejects.toBeInstanceOf(MigrationError);
    expect(dumpDatabase(db)).toBe(before);
    db.close();
  });

  it('backs up a library that holds data before migrating it, with the online backup API', async () => {
    const dir = tempDir();
    const migrationsDir = join(dir, 'migrations');
    mkdirSync(migrationsDir);
    copyFileSync(
      join(defaultMigrationsDir(), '001_initial_schema.sql'),
      join(migrationsDir, '001_initial_schema.sql'),
    );
    const path = join(dir, 'lib.db');
    const db = openDatabase(path);
    expect((await migrate(db, { migrationsDir })).backupPath).toBeNull(); // nothing to back up yet
    db.prepare(
      "INSERT INTO stories VALUES ('00000000-0000-4000-8000-000000000001', 'Kept', 'now', 'now')",
    ).run();
    writeFileSync(
      join(migrationsDir, '002_add_notes.sql'),
      '-- 002_add_notes: test\nCREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY);\n',
    );
    const result = await migrate(db, { migrationsDir });
    expect(result.applied).toEqual(['002_add_notes']);
    expect(result.backupPath).not.toBeNull();
    expect(existsSync(result.backupPath!)).toBe(true);
    const backup = openDatabase(result.backupPath!, { mustExist: true, readonly: true });
    expect(schemaVersion(backup)).toBe(1);
    expect(backup.prepare('SELECT title FROM stories').all()).toEqual([{ title: 'Kept' }]);
    expect(backup.pragma('integrity_check', { simple: true })).toBe('ok');
    backup.close();
    db.close();
    expect(readdirSync(dir).filter((f) => f.endsWith('.backup.db'))).toHaveLength(1);
  });

  it('rolls a failing migration back whole: schema, data and version unchanged', async () => {
    const dir = tempDir();
    const migrationsDir = join(dir, 'migrations');
    mkdirSync(migrationsDir);
    copyFileSync(
      join(defaultMigrationsDir(), '001_initial_schema.sql'),
      join(migrationsDir, '001_initial_schema.sql'),
    );
    const db = openDatabase(join(dir, 'lib.db'));
    await migrate(db, { migrationsDir });
    db.prepare(
      "INSERT INTO stories VALUES ('00000000-0000-4000-8000-000000000001', 'Mine', 'now', 'now')",
    ).run();
    const before = dumpDatabase(db);
    copyFileSync(
      join(import.meta.dirname, '../fixtures/broken-migrations/002_add_tags_broken.sql'),
      join(migrationsDir, '002_add_tags_broken.sql'),
    );
    await expect(migrate(db, { migrationsDir })).rejects.toThrow(
      /002_add_tags_broken failed and was rolled back/,
    );
    expect(schemaVersion(db)).toBe(1);
    expect(dumpDatabase(db)).toBe(before);
    db.close();
  });

  it('refuses misnamed or out-of-order migration files', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '001_a.sql'), '-- 001_a\n');
    writeFileSync(join(dir, '003_c.sql'), '-- 003_c\n');
    expect(() => loadMigrations(dir)).toThrow(/out of order/);
    const dir2 = tempDir();
    writeFileSync(join(dir2, '1-First.sql'), '');
    expect(() => loadMigrations(dir2)).toThrow(/NNN_snake_name/);
    const dir3 = tempDir();
    writeFileSync(join(dir3, '001_tx.sql'), '-- 001_tx\nBEGIN;\nCREATE TABLE x (y);\nCOMMIT;\n');
    expect(() => loadMigrations(dir3)).toThrow(/BEGIN\/COMMIT/);
  });
});
