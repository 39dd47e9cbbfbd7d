import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  createIdleCheckpointer,
  type CheckpointResult,
  type CheckpointerOptions,
} from './db/checkpoint';
import { openDatabase, type DatabaseHandle } from './db/open';
import { migrate, type MigrateOptions, type MigrateResult } from './db/migrate';
import { createDispatcher, type Dispatcher, type DispatcherOptions } from './handlers/dispatch';

/** An open, migrated library: the database and the dispatcher over it. */
export interface Library {
  path: string;
  db: DatabaseHandle;
  dispatcher: Dispatcher;
  migration: MigrateResult;
  /** Copies the write-ahead log into the database file now (it also happens when idle). */
  checkpoint(): CheckpointResult | null;
  close(): void;
}

/** The dispatcher's write hook is the library's own: it schedules the checkpoint. */
export interface OpenLibraryOptions extends Omit<DispatcherOptions, 'afterWrite'> {
  /** Refuse to create a new library file. */
  mustExist?: boolean;
  migrationsDir?: MigrateOptions['migrationsDir'];
  /** When the write-ahead log is copied back (see db/checkpoint.ts). */
  checkpoint?: CheckpointerOptions;
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
    const checkpointer = createIdleCheckpointer(db, options.checkpoint);
    const dispatcher = createDispatcher(db, { ...options, afterWrite: checkpointer.noteWrite });
    return {
      path,
      db,
      dispatcher,
      migration,
      checkpoint: checkpointer.checkpointNow,
      close: () => {
        checkpointer.stop();
        if (db.open) db.close(); // the last connection to close copies the log back itself
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
