import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { describeBackupFile, findBackup, type BackupFile } from '../../core/backup/list';
import { restoreLibrary } from '../../core/backup/restore';
import { inspectDatabaseFile } from '../../core/db/health';
import { latestSchemaVersion, migrate } from '../../core/db/migrate';
import { foreignMessage, newerMessage, openDatabase } from '../../core/db/open';
import type { Command } from '../command';
import { EXIT_OK } from '../command';
import { CliError } from '../errors';
import { printable } from '../io';
import { describeBackup } from '../recovery';

/** A backup id from `beatline backups`, or the path of a backup file. */
function chooseBackup(dbPath: string, operand: string): BackupFile {
  const listed = findBackup(dbPath, operand);
  if (listed) return listed;
  const path = resolve(operand);
  if (existsSync(path) && statSync(path).isFile()) {
    const createdAt = statSync(path).mtime.toISOString();
    return { path, info: describeBackupFile(path, basename(path), { kind: 'manual', createdAt }) };
  }
  throw new CliError(
    `No backup ${JSON.stringify(operand)} of ${dbPath}: run \`beatline backups --db ` +
      `${JSON.stringify(dbPath)}\` to see them, or give the path of a backup file.`,
  );
}

/**
 * `beatline restore BACKUP`: replaces the library with a backup. The current library is kept
 * first (copied aside, or moved aside unchanged when it is damaged), so the restore can be
 * undone by restoring that copy.
 */
export const restoreCommand: Command = {
  name: 'restore',
  summary: 'replace the library with a backup, keeping the current library to undo it',
  options: { json: { type: 'boolean' } },
  operands: ['BACKUP'],
  optionHelp: [
    '  BACKUP       a backup id from `beatline backups`, or the path of a backup file',
    '  --json       print the result as JSON',
  ],
  async run({ dbPath, flags, operands, io }) {
    // Never move another application's file or a newer library aside (issue 13).
    const current = inspectDatabaseFile(dbPath, { check: 'quick' });
    if (current.kind === 'foreign') throw new CliError(foreignMessage(dbPath));
    if (current.kind === 'newer') {
      throw new CliError(newerMessage(dbPath, current.schemaVersion ?? -1, latestSchemaVersion()));
    }
    const backup = chooseBackup(dbPath, operands[0] ?? '');
    const result = await restoreLibrary(dbPath, backup);
    const db = openDatabase(dbPath, { mustExist: true });
    try {
      await migrate(db, { dbPath });
    } finally {
      db.close();
    }
    if (flags.json) {
      io.out(
        JSON.stringify(
          { path: dbPath, restored: result.restored, setAside: result.setAside?.info ?? null },
          null,
          2,
        ) + '\n',
      );
      return EXIT_OK;
    }
    io.out(
      `Restored ${printable(dbPath)} from ${printable(backup.info.id)} ` +
        `(${describeBackup(result.restored)}).\n`,
    );
    if (result.setAside) {
      const id = result.setAside.info.id;
      io.out(
        `The library as it was is kept as ${id}; undo with ` +
          `\`beatline restore --db ${printable(JSON.stringify(dbPath))} ${id}\`.\n`,
      );
    }
    return EXIT_OK;
  },
};
