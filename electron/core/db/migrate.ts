import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { writeCheckedCopy } from '../backup/create';
import { BEATLINE_APPLICATION_ID } from './identify';
import type { DatabaseHandle } from './open';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export interface MigrateResult {
  from: number;
  to: number;
  applied: string[];
  backupPath: string | null;
}

export interface MigrateOptions {
  /** Folder of NNN_snake_name.sql files; defaults to the project's `migrations/`. */
  migrationsDir?: string;
  /** Stop at this version instead of the newest (tests migrate to N-1 first). */
  targetVersion?: number;
  /** The file behind `db`, for the pre-migration backup; defaults to `db.name`. */
  dbPath?: string;
}

/** A migration problem: nothing was changed by the step that failed. */
export class MigrationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

const FILE_PATTERN = /^(\d{3})_([a-z0-9_]+)\.sql$/;

/** Finds `migrations/` by walking up from this module (source, bundle and package alike). */
export function defaultMigrationsDir(start: string = import.meta.dirname): string {
  let dir = start;
  for (;;) {
    const candidate = join(dir, 'migrations');
    if (existsSync(join(candidate, '001_initial_schema.sql'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new MigrationError(`No migrations folder found above ${start}.`);
    dir = parent;
  }
}

/** Reads and checks the migration files: numbered 001, 002, ... with no gaps. */
export function loadMigrations(dir: string = defaultMigrationsDir()): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  return files.map((file, i) => {
    const match = FILE_PATTERN.exec(file);
    if (!match) throw new MigrationError(`Migration ${file} is not named NNN_snake_name.sql.`);
    const version = Number(match[1]);
    if (version !== i + 1) {
      throw new MigrationError(`Migration ${file} is out of order: expected number ${i + 1}.`);
    }
    const sql = readFileSync(join(dir, file), 'utf8');
    if (/^\s*(BEGIN|COMMIT|END|ROLLBACK)\b/im.test(sql)) {
      throw new MigrationError(
        `Migration ${file} must not contain BEGIN/COMMIT: the runner wraps it.`,
      );
    }
    return { version, name: basename(file, '.sql'), sql };
  });
}

/** The schema version recorded in the file (`PRAGMA user_version`). */
export function schemaVersion(db: DatabaseHandle): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/** The newest schema version this code knows. */
export function latestSchemaVersion(migrationsDir?: string): number {
  return loadMigrations(migrationsDir).length;
}

function holdsData(db: DatabaseHandle): boolean {
  const row = db
    .prepare(
      "SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )
    .get() as { n: number };
  return row.n > 0 || schemaVersion(db) > 0;
}

/** Writes Beatline's `application_id` ("BTLN") into the file header. */
function markAsLibrary(db: DatabaseHandle): void {
  db.pragma(`application_id = ${BEATLINE_APPLICATION_ID}`);
}

/** `<dir>/<name>.pre-v<N>-<time>.backup.db`, beside the library file. */
export function backupPathFor(dbPath: string, fromVersion: number, now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const name = basename(dbPath).replace(/\.db$/, '');
  return join(dirname(dbPath), `${name}.pre-v${fromVersion + 1}-${stamp}.backup.db`);
}

/**
 * Applies pending migrations in order, each file and its `user_version` bump in one
 * transaction. Refuses a database newer than the code and backs up (online backup API, checked
 * with `integrity_check`) a database that already holds data before touching it.
 */
export async function migrate(
  db: DatabaseHandle,
  options: MigrateOptions = {},
): Promise<MigrateResult> {
  const migrations = loadMigrations(options.migrationsDir ?? defaultMigrationsDir());
  const latest = migrations.length;
  const target = options.targetVersion ?? latest;
  if (target > latest || target < 0) {
    throw new MigrationError(
      `Unknown schema version ${target}: this Beatline knows 0 to ${latest}.`,
    );
  }
  const from = schemaVersion(db);
  if (from > latest) {
    throw new MigrationError(
      `This library uses schema version ${from}, but this Beatline only knows up to version ` +
        `${latest}. It was made by a newer Beatline: update Beatline to open it. ` +
        `The file was not changed.`,
    );
  }
  const pending = migrations.filter((m) => m.version > from && m.version <= target);
  const marked = Number(db.pragma('application_id', { simple: true })) === BEATLINE_APPLICATION_ID;
  if (pending.length === 0) {
    // A library made before the mark gets it on its next write-open.
    if (!marked && from > 0 && !db.readonly) markAsLibrary(db);
    return { from, to: from, applied: [], backupPath: null };
  }

  let backupPath: string | null = null;
  const dbPath = options.dbPath ?? db.name;
  if (dbPath && dbPath !== ':memory:' && !db.memory && holdsData(db)) {
    backupPath = backupPathFor(dbPath, from);
    // Written under a `.partial` name and renamed only once checked: a kill mid-copy leaves no
    // file that is listed as a backup (the leftover is removed at the next start).
    await writeCheckedCopy(db, backupPath, dbPath);
  }

  for (const migration of pending) {
    const apply = db.transaction(() => {
      if (!marked) markAsLibrary(db); // in the first migration's transaction: all or nothing
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    });
    try {
      apply.immediate();
    } catch (error) {
      throw new MigrationError(
        `Migration ${migration.name} failed and was rolled back (the library stays at ` +
          `version ${schemaVersion(db)}): ${(error as Error).message}`,
        { cause: error },
      );
    }
  }
  return { from, to: schemaVersion(db), applied: pending.map((m) => m.name), backupPath };
}
