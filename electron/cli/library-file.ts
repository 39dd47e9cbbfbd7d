import { openDatabase } from '../core/db/open';
import type { DatabaseHandle } from '../core/db/open';
import { latestSchemaVersion, schemaVersion } from '../core/db/migrate';
import { CliError } from './errors';
import { assertLibraryUsable } from './recovery';

/**
 * Opens an existing library for a command that reads it. Refuses a missing file, a file that
 * is not a database or is damaged (all untouched; naming the newest good backup) and a schema other than the current one (suggesting
 * `beatline migrate`), closing the file again before it throws.
 */
export function openCurrentLibrary(dbPath: string): DatabaseHandle {
  assertLibraryUsable(dbPath);
  const db = openDatabase(dbPath, { mustExist: true });
  try {
    const version = schemaVersion(db);
    const latest = latestSchemaVersion();
    if (version < latest) {
      throw new CliError(
        `${dbPath} is at schema version ${version} (this Beatline uses ${latest}): ` +
          `run \`beatline migrate --db ${JSON.stringify(dbPath)}\` first.`,
      );
    }
    if (version > latest) {
      throw new CliError(
        `${dbPath} is at schema version ${version}, newer than this Beatline knows ` +
          `(${latest}): update Beatline to read it.`,
      );
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
