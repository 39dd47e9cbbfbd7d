import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import {
  isCantOpen,
  openProbe,
  openReadOnlyCopy,
  readOnlyReason,
  recogniseSchema,
  type FileIdentity,
} from './identify';

export type DatabaseHandle = Database.Database;

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
export const BUSY_TIMEOUT_MS = 5000;

export type DatabaseFileProblem =
  | 'missing'
  | 'not_a_database'
  | 'unreadable'
  /** Another application's SQLite database. */
  | 'foreign'
  /** A library made by a newer Beatline. */
  | 'newer';

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

/** The page cache each connection may grow to, in KiB. */
export const PAGE_CACHE_KIB = 64 * 1024;

/** Sets the pragmas Beatline relies on; better-sqlite3 does not keep them across opens. */
function applyPragmas(db: DatabaseHandle, readonly: boolean): void {
  if (!readonly) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('trusted_schema = OFF');
  // A 64 MiB page cache (default 16 MiB) holds a 100,000-beat story's beats and links, so the
  // story check, run again as the writer works, reads them from memory (bench/logic.ts).
  db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
}

/** The pragmas as SQLite reports them, for checks and tests. */
export function readPragmas(db: DatabaseHandle) {
  return {
    journalMode: String(db.pragma('journal_mode', { simple: true })),
    synchronous: Number(db.pragma('synchronous', { simple: true })),
    foreignKeys: Number(db.pragma('foreign_keys', { simple: true })),
    busyTimeout: Number(db.pragma('busy_timeout', { simple: true })),
    /** Negative: KiB (SQLite's convention). */
    cacheSize: Number(db.pragma('cache_size', { simple: true })),
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

// Library files (issue 13): recognised before anything writes to them.

export type LibraryAccess = 'read_write' | 'read_only';

/** A library file opened by `openLibraryFile`. */
export interface LibraryFile {
  db: DatabaseHandle;
  /** What the file was before this open: a new file, or a library at `version`. */
  identity: Extract<FileIdentity, { kind: 'new' } | { kind: 'library' }>;
  access: LibraryAccess;
  /** Why the library is read-only ("its folder is read-only"); null when writable. */
  readOnlyReason: string | null;
  /** The file's device and inode when it was opened (null in memory or read-only). */
  fileId: FileId | null;
}

export interface FileId {
  dev: number;
  ino: number;
}

/** The device and inode now at `path`, or null when nothing is there. */
export function fileIdAt(path: string): FileId | null {
  try {
    const stat = statSync(path);
    return { dev: stat.dev, ino: stat.ino };
  } catch {
    return null;
  }
}

/** `X is an SQLite database of another application, ...` */
export function foreignMessage(path: string): string {
  return (
    `${path} is an SQLite database of another application, not a Beatline library. ` +
    'It was left untouched.'
  );
}

/** `X was made by a newer Beatline (schema N); update Beatline ...` */
export function newerMessage(path: string, version: number, latest: number): string {
  return (
    `${path} was made by a newer Beatline (schema ${version}; this Beatline knows up to ` +
    `${latest}): update Beatline to open it. It was left untouched.`
  );
}

/** `This library is read-only (reason): you can view and export it, ...` */
export function readOnlyMessage(reason: string): string {
  return (
    `This library is read-only (${reason}): you can view and export it, but changes cannot ` +
    'be saved.'
  );
}

/**
 * What a file is, decided by reading only: a new (missing, 0-byte or schema-less) file, a
 * library, a newer library or another application's database. Throws `DatabaseFileError` for
 * a file that is not SQLite or cannot be read. Leaves no -wal/-shm behind.
 */
export function identifyFile(path: string, latest: number): FileIdentity {
  checkExistingFile(path, false);
  if (!existsSync(path) || statSync(path).size === 0) return { kind: 'new' };
  let probe: ReturnType<typeof openProbe>;
  try {
    probe = openProbe(path);
  } catch (error) {
    throw openError(path, error);
  }
  try {
    return recogniseSchema(probe.db, latest);
  } catch (error) {
    throw openError(path, error);
  } finally {
    probe.release();
  }
}

function openError(path: string, error: unknown): DatabaseFileError {
  const code = String((error as { code?: unknown }).code ?? '');
  if (code.startsWith('SQLITE_NOTADB')) {
    return new DatabaseFileError('not_a_database', path, `${path} is not an SQLite database.`);
  }
  return new DatabaseFileError('unreadable', path, `Cannot read ${path}: ${String(error)}`);
}

/**
 * Opens a read-only library without writing or creating anything beside it: a private copy when
 * no -shm is there (SQLite cannot open a WAL file in a read-only folder without one, and would
 * create one in a writable folder), else in place with SQLite's read-only flag.
 */
function openReadOnly(path: string): DatabaseHandle {
  let db: DatabaseHandle | null = null;
  try {
    db = existsSync(`${path}-shm`)
      ? new Database(path, { readonly: true, fileMustExist: true })
      : openReadOnlyCopy(path);
    applyPragmas(db, true);
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return db;
  } catch (error) {
    db?.close();
    if (isCantOpen(error)) {
      throw new DatabaseFileError(
        'unreadable',
        path,
        `${path} is a Beatline library, but SQLite cannot read it where it is (${String(error)}). ` +
          'Copy the library with its -wal and -shm files to a writable folder to open it. ' +
          'It was left untouched.',
      );
    }
    throw openError(path, error);
  }
}

export interface OpenLibraryFileOptions {
  /** Refuse a missing or empty file (commands that read). */
  mustExist?: boolean;
  /** The newest schema version this code knows. */
  latest: number;
}

/**
 * Opens a Beatline library (or creates one in a new file): refuses, without touching it,
 * another application's database and a library from a newer Beatline; opens read-only (no
 * WAL switch, nothing created) a library whose file or folder is not writable; only then opens
 * read-write with WAL.
 */
export function openLibraryFile(path: string, options: OpenLibraryFileOptions): LibraryFile {
  if (path === ':memory:') {
    return {
      db: openDatabase(path),
      identity: { kind: 'new' },
      access: 'read_write',
      readOnlyReason: null,
      fileId: null,
    };
  }
  checkExistingFile(path, options.mustExist ?? false);
  const identity = identifyFile(path, options.latest);
  if (identity.kind === 'foreign') {
    throw new DatabaseFileError('foreign', path, foreignMessage(path));
  }
  if (identity.kind === 'newer') {
    throw new DatabaseFileError(
      'newer',
      path,
      newerMessage(path, identity.version, options.latest),
    );
  }
  const reason = readOnlyReason(path);
  if (reason) {
    if (identity.kind === 'new') {
      throw new DatabaseFileError(
        'unreadable',
        path,
        `Cannot create a library at ${path}: ${reason}.`,
      );
    }
    return {
      db: openReadOnly(path),
      identity,
      access: 'read_only',
      readOnlyReason: reason,
      fileId: null,
    };
  }
  const db = openDatabase(path, { mustExist: options.mustExist });
  return { db, identity, access: 'read_write', readOnlyReason: null, fileId: fileIdAt(path) };
}
