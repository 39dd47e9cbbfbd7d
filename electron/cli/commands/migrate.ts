import { dirname } from 'node:path';
import { latestSchemaVersion, migrate, schemaVersion } from '../../core/db/migrate';
import { openLibraryFile, readOnlyMessage } from '../../core/db/open';
import { makeFolder } from '../../core/files/make-folder';
import type { Command } from '../command';
import { EXIT_OK } from '../command';
import { CliError } from '../errors';

/**
 * `beatline migrate`: creates the library if needed and applies pending migrations. Makes a
 * library only in a new file (missing, 0 bytes or an SQLite file with no schema) or updates
 * one; another application's database and a newer library are refused untouched.
 */
export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'create the library file if needed and bring its schema up to date',
  options: { json: { type: 'boolean' } },
  optionHelp: ['  --json       print the result as JSON'],
  async run({ dbPath, flags, io }) {
    // A folder that cannot be made fails here at once, saying which and why (issue 13).
    makeFolder(dirname(dbPath), 'the library');
    const latest = latestSchemaVersion();
    const file = openLibraryFile(dbPath, { latest });
    const { db } = file;
    try {
      if (file.readOnlyReason && schemaVersion(db) < latest) {
        throw new CliError(`${dbPath}: ${readOnlyMessage(file.readOnlyReason)}`);
      }
      const result = file.readOnlyReason
        ? { from: latest, to: latest, applied: [], backupPath: null }
        : await migrate(db, { dbPath });
      if (flags.json) {
        io.out(JSON.stringify({ path: dbPath, ...result }, null, 2) + '\n');
      } else if (result.applied.length === 0) {
        io.out(`${dbPath} is up to date (schema version ${result.to}).\n`);
      } else {
        io.out(
          `Migrated ${dbPath} from schema version ${result.from} to ${result.to} ` +
            `(${result.applied.join(', ')}).\n`,
        );
        if (result.backupPath) io.out(`Backup of the previous version: ${result.backupPath}\n`);
      }
      return EXIT_OK;
    } finally {
      db.close();
    }
  },
};
