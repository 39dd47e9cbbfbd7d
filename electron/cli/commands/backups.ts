import { listBackups } from '../../core/backup/list';
import { backupsDirFor } from '../../core/backup/names';
import type { BackupInfo } from '../../core/contract/outputs';
import {
  inspectDatabaseFile,
  isRefusedNotDamaged,
  isUsable,
  libraryHealthReport,
} from '../../core/db/health';
import type { Command } from '../command';
import { EXIT_OK } from '../command';
import { printable } from '../io';
import { recoveryAdvice } from '../recovery';
import { renderTable } from '../table';

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

const count = (n: number | null) => (n === null ? '?' : String(n));

/**
 * `beatline backups`: the library's backups, newest first, with time, size and counts. Works
 * on a damaged library too (it is only read), and then says which backup to restore.
 */
export const backupsCommand: Command = {
  name: 'backups',
  summary: 'list the backups of the library (time, size, story and beat counts)',
  options: { json: { type: 'boolean' } },
  optionHelp: ['  --json       print the library state and the backups as JSON'],
  run({ dbPath, flags, io }) {
    const health = inspectDatabaseFile(dbPath, { check: 'quick' });
    const report = libraryHealthReport(dbPath, health);
    const backups = listBackups(dbPath);
    const dir = backupsDirFor(dbPath);
    if (flags.json) {
      io.out(JSON.stringify({ library: report, backupsDir: dir, backups }, null, 2) + '\n');
      return EXIT_OK;
    }
    if (!isUsable(health.kind)) {
      io.err(`${printable(dbPath)}: ${printable(report.message)}\n`);
      // Another application's file or a newer library is not damage: no restore advice.
      if (!isRefusedNotDamaged(health.kind)) {
        io.err(`${printable(recoveryAdvice(dbPath, report))}\n`);
      }
    }
    if (backups.length === 0) {
      io.out(`No backups of ${printable(dbPath)} yet (they go to ${printable(dir)}).\n`);
      return EXIT_OK;
    }
    io.out(
      renderTable<BackupInfo>(backups, [
        { header: 'CREATED (UTC)', value: (b) => b.createdAt.slice(0, 19).replace('T', ' ') },
        { header: 'KIND', value: (b) => b.kind },
        { header: 'SIZE', value: (b) => size(b.sizeBytes), align: 'right' },
        { header: 'STORIES', value: (b) => count(b.storyCount), align: 'right' },
        { header: 'EVENTS', value: (b) => count(b.eventCount), align: 'right' },
        { header: 'BEATS', value: (b) => count(b.beatCount), align: 'right' },
        { header: 'ID', value: (b) => b.id },
      ]),
    );
    const n = backups.length;
    io.out(`${n} ${n === 1 ? 'backup' : 'backups'} of ${printable(dbPath)} in ${printable(dir)}\n`);
    return EXIT_OK;
  },
};
