import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from '../../core/db/migrate';
import { openDatabase } from '../../core/db/open';
import type { Command } from '../command';
import { EXIT_OK } from '../command';

/** `beatline migrate`: creates the library if needed and applies pending migrations. */
export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'create the library file if needed and bring its schema up to date',
  options: { json: { type: 'boolean' } },
  optionHelp: ['  --json       print the result as JSON'],
  async run({ dbPath, flags, io }) {
    mkdirSync(dirname(dbPath), { recursive: true });
    const db = openDatabase(dbPath);
    try {
      const result = await migrate(db, { dbPath });
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
