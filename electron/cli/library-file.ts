import { openLibraryFile, type DatabaseHandle } from '../core/db/open';
import { latestSchemaVersion, schemaVersion } from '../core/db/migrate';
import { CliError } from './errors';
import { assertLibraryUsable } from './recovery';

/**
 * Opens an existing library for a command that reads it. Refuses a missing file, a file that
 * is not a database or is damaged (all untouched; naming the newest good backup), another
 * application's database and a newer library (untouched, no restore advice) and a schema older
 * than the current one (suggesting `beatline migrate`), closing the file again before it throws.
 * A read-only library (file or folder not writable) opens read-only.
 */
export function openCurrentLibrary(dbPath: string): DatabaseHandle {
  assertLibraryUsable(dbPath);
  const latest = latestSchemaVersion();
  const { db } = openLibraryFile(dbPath, { mustExist: true, latest });
  try {
    const version = schemaVersion(db);
    if (version < latest) {
      throw new CliError(
        `${dbPath} is at schema version ${version} (this Beatline uses ${latest}): ` +
          `run \`beatline migrate --db ${JSON.stringify(dbPath)}\` first.`,
      );
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
