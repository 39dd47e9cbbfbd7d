import { closeSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';

export type DatabaseHandle = Database.Database;

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
export const BUSY_TIMEOUT_MS = 5000;

export type DatabaseFileProblem = 'missing' | 'not_a_database' | 'unreadable';

/** A library file that cannot be opened; the file itself was not touched. */
export class DatabaseFileError extends Error {
  constructor(
    readonly kind: DatabaseFileProblem,
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'DatabaseFileError';
  }
}

export interface OpenOptions {
  /** Refuse to create the file when it does not exist. */
  mustExist?: boolean;
  readonly?: boolean;
}

/**
 * Looks at a file's first bytes before SQLite does, so a file that is not a database is
 * refused without SQLite creating -wal/-shm files or writing anything beside it.
 */
function checkExistingFile(path: string, mustExist: boolean): void {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) {
      throw new DatabaseFileError('unreadable', path, `${path} is not a file.`);
    }
    size = stat.size;
  } catch (error) {
    if (error instanceof DatabaseFileError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      if (mustExist) {
        throw new DatabaseFileError('missing', path, `No Beatline library at ${path}.`);
      }
      return;
    }
    throw new DatabaseFileError('unreadable', path, `Cannot read ${path}: ${String(error)}`);
  }
  if (size === 0) {
    if (mustExist) {
      throw new DatabaseFileError(
        'not_a_database',
        path,
        `${path} is empty: it is not a Beatline library.`,
      );
    }
    return;
  }
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (!header.equals(SQLITE_HEADER)) {
    throw new DatabaseFileError(
      'not_a_database',
      path,
      `${path} is not a Beatline library (not an SQLite database). It was left untouched.`,
    );
  }
}

/** Sets the pragmas Beatline relies on; better-sqlite3 does not keep them across opens. */
function applyPragmas(db: DatabaseHandle, readonly: boolean): void {
  if (!readonly) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('trusted_schema = OFF');
}

/** The pragmas as SQLite reports them, for checks and tests. */
export function readPragmas(db: DatabaseHandle) {
  return {
    journalMode: String(db.pragma('journal_mode', { simple: true })),
    synchronous: Number(db.pragma('synchronous', { simple: true })),
    foreignKeys: Number(db.pragma('foreign_keys', { simple: true })),
    busyTimeout: Number(db.pragma('busy_timeout', { simple: true })),
  };
}

/** Opens a library file (or `:memory:`) with WAL, synchronous=FULL, foreign keys and a busy timeout. */
export function openDatabase(path: string, options: OpenOptions = {}): DatabaseHandle {
  const inMemory = path === ':memory:';
  if (!inMemory) checkExistingFile(path, options.mustExist ?? false);
  let db: DatabaseHandle;
  try {
    db = new Database(path, {
      fileMustExist: options.mustExist ?? false,
      readonly: options.readonly ?? false,
    });
  } catch (error) {
    throw new DatabaseFileError('unreadable', path, `Cannot open ${path}: ${String(error)}`);
  }
  try {
    applyPragmas(db, options.readonly ?? false);
  } catch (error) {
    db.close();
    const notADb = (error as { code?: string }).code === 'SQLITE_NOTADB';
    throw new DatabaseFileError(
      notADb ? 'not_a_database' : 'unreadable',
      path,
      notADb
        ? `${path} is not a Beatline library (not an SQLite database).`
        : `Cannot open ${path}: ${String(error)}`,
    );
  }
  return db;
}
