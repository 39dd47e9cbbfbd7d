import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { openDatabase, type DatabaseHandle } from './db/open';
import { migrate, type MigrateOptions, type MigrateResult } from './db/migrate';
import { createDispatcher, type Dispatcher, type DispatcherOptions } from './handlers/dispatch';

/** An open, migrated library: the database and the dispatcher over it. */
export interface Library {
  path: string;
  db: DatabaseHandle;
  dispatcher: Dispatcher;
  migration: MigrateResult;
  close(): void;
}

export interface OpenLibraryOptions extends DispatcherOptions {
  /** Refuse to create a new library file. */
  mustExist?: boolean;
  migrationsDir?: MigrateOptions['migrationsDir'];
}

/** Opens (creating its folder if needed), backs up when due, and migrates a library. */
export async function openLibrary(
  path: string,
  options: OpenLibraryOptions = {},
): Promise<Library> {
  if (path !== ':memory:' && !options.mustExist) mkdirSync(dirname(path), { recursive: true });
  const db = openDatabase(path, { mustExist: options.mustExist });
  try {
    const migration = await migrate(db, { migrationsDir: options.migrationsDir, dbPath: path });
    const dispatcher = createDispatcher(db, options);
    return {
      path,
      db,
      dispatcher,
      migration,
      close: () => {
        if (db.open) db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
