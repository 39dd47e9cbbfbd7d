import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach } from 'vitest';
import type { Dispatcher } from '../../electron/core/handlers/dispatch';
import type { Result } from '../../electron/core/contract/types';
import type { DatabaseHandle } from '../../electron/core/db/open';
import { openLibrary, type Library } from '../../electron/core/library';
import { tempDir } from './temp';

const open: Library[] = [];

/** A real, migrated library file in a temp folder, closed after the test. */
export async function tempLibrary(): Promise<Library> {
  const lib = await openLibrary(join(tempDir(), 'beatline.db'), {
    logError: () => {},
  });
  open.push(lib);
  return lib;
}

afterEach(() => {
  for (const lib of open.splice(0)) lib.close();
});

/** Unwraps an ok Result or fails the test with the error. */
export function must<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Every row of every table, in a stable order, plus the schema version: a logical dump. */
export function dumpDatabase(db: DatabaseHandle): string {
  const tables = db
    .prepare("SELECT name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as Array<{ name: string; sql: string | null }>;
  const parts: string[] = [`user_version=${String(db.pragma('user_version', { simple: true }))}`];
  for (const t of tables) {
    parts.push(`-- ${t.name}: ${t.sql ?? ''}`);
    if (t.sql?.startsWith('CREATE TABLE')) {
      const rows = db.prepare(`SELECT * FROM "${t.name}" ORDER BY 1`).all();
      parts.push(JSON.stringify(rows));
    }
  }
  return parts.join('\n');
}

/** Creates a story with events holding the given beat descriptions. */
export function seedStory(
  dispatcher: Dispatcher,
  shape: Record<string, string[]>,
  title = 'Seeded story',
) {
  const story = must(dispatcher.call('stories:create', { title }));
  const events = Object.entries(shape).map(([eventTitle, beats]) => {
    const event = must(dispatcher.call('events:create', { storyId: story.id, title: eventTitle }));
    const moments = beats.map((description) =>
      must(dispatcher.call('moments:create', { eventId: event.id, description })),
    );
    return { event, moments };
  });
  return { story, events };
}

/**
 * `dumpDatabase` of the library at `dbPath`, read with a connection of its own. (Not the file's
 * bytes: a host copies its log into the file after a write, which changes them, not the rows.)
 */
export function dumpFile(dbPath: string): string {
  const db = new Database(dbPath, { fileMustExist: true });
  try {
    return dumpDatabase(db);
  } finally {
    db.close();
  }
}
