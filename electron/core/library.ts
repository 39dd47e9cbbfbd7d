import { dirname } from 'node:path';
import type { HandlerError } from './contract/types';
import {
  createIdleCheckpointer,
  type CheckpointResult,
  type CheckpointerOptions,
  type IdleCheckpointer,
} from './db/checkpoint';
import {
  DatabaseFileError,
  fileIdAt,
  openLibraryFile,
  readOnlyMessage,
  type DatabaseHandle,
  type LibraryAccess,
  type LibraryFile,
} from './db/open';
import {
  latestSchemaVersion,
  migrate,
  schemaVersion,
  type MigrateOptions,
  type MigrateResult,
} from './db/migrate';
import { makeFolder } from './files/make-folder';
import { createDispatcher, type Dispatcher, type DispatcherOptions } from './handlers/dispatch';

/** An open, migrated library: the database and the dispatcher over it. */
export interface Library {
  path: string;
  db: DatabaseHandle;
  dispatcher: Dispatcher;
  migration: MigrateResult;
  /** `read_only` when the file or its folder is not writable: reads work, writes are refused. */
  access: LibraryAccess;
  /** Why writes are refused (read-only, or the file was replaced underneath); null otherwise. */
  writeRefusal(): string | null;
  /** True once the file at `path` is no longer the one this library opened. */
  replaced(): boolean;
  /** Copies the write-ahead log into the database file now (it also happens when idle). */
  checkpoint(): CheckpointResult | null;
  close(): void;
}

/** The dispatcher's write hooks are the library's own: file checks and the checkpoint. */
export interface OpenLibraryOptions extends Omit<DispatcherOptions, 'afterWrite' | 'beforeWrite'> {
  /** Refuse to create a new library file. */
  mustExist?: boolean;
  migrationsDir?: MigrateOptions['migrationsDir'];
  /** When the write-ahead log is copied back (see db/checkpoint.ts). */
  checkpoint?: CheckpointerOptions;
}

/** The refusal once the library file was moved, replaced or deleted underneath. */
export function replacedMessage(path: string, committed: boolean): string {
  return (
    `The library file was moved, replaced or deleted while Beatline had it open` +
    (committed
      ? `; this last change was saved into the moved or deleted file, not into ${path}`
      : '') +
    '; nothing more will be written to it. Reopen the library.'
  );
}

const conflict = (message: string): HandlerError => ({ code: 'conflict', message });

/** Migrates a writable library; a read-only one is used as it is, refused when it is older. */
async function migrateUnlessReadOnly(
  file: LibraryFile,
  path: string,
  latest: number,
  migrationsDir: MigrateOptions['migrationsDir'],
): Promise<MigrateResult> {
  const { db } = file;
  if (!file.readOnlyReason) return migrate(db, { migrationsDir, dbPath: path });
  const version = schemaVersion(db);
  if (version < latest) {
    throw new DatabaseFileError(
      'unreadable',
      path,
      `${path} uses schema version ${version} and this Beatline needs ${latest}, but ` +
        `${file.readOnlyReason}, so it cannot be updated. Open it from a writable folder.`,
    );
  }
  return { from: version, to: version, applied: [], backupPath: null };
}

/** What keeps writes out of a library file that is no longer the one at its path. */
interface FileGuard {
  /** The dispatcher's `beforeCall`: refuses a write (any call once replaced). */
  beforeCall(writes: boolean): HandlerError | null;
  /** The dispatcher's `afterWrite`: a write that went into a moved file is refused after. */
  afterWrite(): HandlerError | null;
  /** Checks the file now; true once it was replaced (the database is then closed). */
  replaced(): boolean;
  /** True once a replaced file was found, without checking again. */
  wasReplaced(): boolean;
  /** Why writes are refused (read-only, or replaced); null otherwise. */
  refusal(): string | null;
}

/**
 * Watches the file `file` opened at `path` (a `stat` before each write and before it is
 * acknowledged); the first time it is not there, empties the log into it, closes it and refuses
 * every call after.
 */
function guardFile(
  file: LibraryFile,
  path: string,
  checkpointer: IdleCheckpointer | null,
): FileGuard {
  const { db, fileId } = file;
  let refusal: string | null = file.readOnlyReason ? readOnlyMessage(file.readOnlyReason) : null;
  let replaced = false;
  const moved = (): boolean => {
    if (!fileId) return false;
    const now = fileIdAt(path);
    return now === null || now.dev !== fileId.dev || now.ino !== fileId.ino;
  };
  // Stop writing into a file that is no longer at the path, and close it.
  const detach = (committed: boolean): HandlerError => {
    replaced = true;
    refusal = replacedMessage(path, false);
    checkpointer?.stop();
    try {
      // SQLite neither copies nor removes the log on close once the file has moved: empty it
      // (into the old file) so a file put at the path is never read through it.
      if (db.open) db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      if (db.open) db.close();
    }
    return conflict(replacedMessage(path, committed));
  };
  return {
    beforeCall(writes) {
      if (replaced) return conflict(refusal ?? replacedMessage(path, false));
      if (!writes) return null;
      if (refusal) return conflict(refusal);
      return moved() ? detach(false) : null;
    },
    afterWrite() {
      if (moved()) return detach(true);
      checkpointer?.noteWrite();
      return null;
    },
    replaced() {
      if (!replaced && moved()) detach(false);
      return replaced;
    },
    wasReplaced: () => replaced,
    refusal: () => refusal,
  };
}

/**
 * Opens (creating its folder if needed), backs up when due, and migrates a library. Refuses
 * another application's database and a newer library untouched; opens a read-only library
 * read-only. Before each write, and before acknowledging it, checks that the file at `path` is
 * still the one it opened; once it is not, every write is refused.
 */
export async function openLibrary(
  path: string,
  options: OpenLibraryOptions = {},
): Promise<Library> {
  const latest = latestSchemaVersion(options.migrationsDir);
  // A folder that cannot be made fails here at once, saying which and why (FolderError).
  if (path !== ':memory:' && !options.mustExist) makeFolder(dirname(path), 'the library');
  const file = openLibraryFile(path, { mustExist: options.mustExist, latest });
  const { db } = file;
  try {
    const migration = await migrateUnlessReadOnly(file, path, latest, options.migrationsDir);
    const checkpointer = file.readOnlyReason
      ? null
      : createIdleCheckpointer(db, options.checkpoint);
    const guard = guardFile(file, path, checkpointer);
    const dispatcher = createDispatcher(db, {
      ...options,
      beforeCall: guard.beforeCall,
      afterWrite: guard.afterWrite,
    });
    return {
      path,
      db,
      dispatcher,
      migration,
      access: file.access,
      writeRefusal: guard.refusal,
      replaced: guard.replaced,
      checkpoint: () =>
        checkpointer && !guard.wasReplaced() ? checkpointer.checkpointNow() : null,
      close: () => {
        checkpointer?.stop();
        if (db.open) db.close(); // the last connection to close copies the log back itself
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
