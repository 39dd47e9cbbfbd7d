import type { BackupInfo, LibraryHealthReport } from '../core/contract/outputs';
import { backupsDirFor } from '../core/backup/names';
import {
  inspectDatabaseFile,
  isRefusedNotDamaged,
  isUsable,
  libraryHealthReport,
} from '../core/db/health';
import { foreignMessage, newerMessage } from '../core/db/open';
import { latestSchemaVersion } from '../core/db/migrate';
import { CliError } from './errors';

/** `2025-01-02 03:04 UTC, 3 stories, 41 beats`: enough to recognise a backup. */
export function describeBackup(backup: BackupInfo): string {
  const time = `${backup.createdAt.slice(0, 16).replace('T', ' ')} UTC`;
  if (!backup.readable) return `${time}, unreadable`;
  const stories = `${backup.storyCount} ${backup.storyCount === 1 ? 'story' : 'stories'}`;
  const beats = `${backup.beatCount} ${backup.beatCount === 1 ? 'beat' : 'beats'}`;
  return `${time}, ${stories}, ${beats}`;
}

/** What to do about a damaged library: the newest good backup and the command to restore it. */
export function recoveryAdvice(dbPath: string, report: LibraryHealthReport): string {
  const backup = report.newestGoodBackup;
  if (!backup) return `No good backup was found in ${backupsDirFor(dbPath)}.`;
  return (
    `Newest good backup: ${backup.id} (${describeBackup(backup)}); restore it with ` +
    `\`beatline restore --db ${JSON.stringify(dbPath)} ${backup.id}\`.`
  );
}

/**
 * Refuses, with one line naming the newest good backup, a library file that exists but is
 * empty, not a database, truncated or damaged; another application's database or a newer library
 * without advice. The file is only read. A missing file passes
 * (each command says what a missing file means for it).
 */
export function assertLibraryUsable(dbPath: string): void {
  const health = inspectDatabaseFile(dbPath, { check: 'quick' });
  if (isUsable(health.kind)) return;
  // Not damage: say what the file is, and never advise restoring a backup over it.
  if (health.kind === 'foreign') throw new CliError(foreignMessage(dbPath));
  if (health.kind === 'newer') {
    throw new CliError(newerMessage(dbPath, health.schemaVersion ?? -1, latestSchemaVersion()));
  }
  if (isRefusedNotDamaged(health.kind)) throw new CliError(`${dbPath}: ${health.kind}`);
  const report = libraryHealthReport(dbPath, health);
  throw new CliError(`${dbPath}: ${report.message} ${recoveryAdvice(dbPath, report)}`);
}
