import { createBackup } from '../../core/backup/create';
import { pruneBackups } from '../../core/backup/retention';
import { latestSchemaVersion } from '../../core/db/migrate';
import { openLibraryFile } from '../../core/db/open';
import type { Command } from '../command';
import { EXIT_OK } from '../command';
import { printable } from '../io';
import { assertLibraryUsable, describeBackup } from '../recovery';

/** `beatline backup`: an online backup into the library's backups folder, checked after writing. */
export const backupCommand: Command = {
  name: 'backup',
  summary: 'back up the library now (online backup, integrity-checked)',
  options: { json: { type: 'boolean' } },
  optionHelp: ['  --json       print the new backup as JSON'],
  async run({ dbPath, flags, io }) {
    assertLibraryUsable(dbPath);
    const { db } = openLibraryFile(dbPath, { mustExist: true, latest: latestSchemaVersion() });
    let made;
    try {
      made = await createBackup(db, dbPath, 'manual');
    } finally {
      db.close();
    }
    pruneBackups(dbPath);
    if (flags.json) {
      io.out(JSON.stringify({ ...made.info, path: made.path }, null, 2) + '\n');
    } else {
      io.out(`Backed up ${printable(dbPath)} (${describeBackup(made.info)}; integrity ok)\n`);
      io.out(`Backup: ${printable(made.path)}\n`);
    }
    return EXIT_OK;
  },
};
