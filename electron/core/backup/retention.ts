import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupInfo, BackupKind } from '../contract/outputs';
import { listBackupFiles } from './list';
import { backupsDirFor } from './names';

/** Keep the newest `keepLast`, plus the newest of each of the last `dailyDays` days. */
export interface RetentionRule {
  keepLast: number;
  dailyDays: number;
}

export const RETENTION: RetentionRule = { keepLast: 10, dailyDays: 7 };

/**
 * The kinds the rule prunes. Manual backups, pre-migration backups and the copies set aside by
 * a restore are kept until the writer removes them.
 */
export const ROTATED_KINDS: readonly BackupKind[] = ['auto', 'quit'];

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Decides which backups to keep: the newest `keepLast`, and for each of the last `dailyDays`
 * 24-hour windows counted back from `now`, the newest backup in that window. Pure.
 */
export function planRetention(
  backups: ReadonlyArray<Pick<BackupInfo, 'id' | 'createdAt'>>,
  now: Date,
  rule: RetentionRule = RETENTION,
): { keep: string[]; remove: string[] } {
  const sorted = [...backups].sort(
    (a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id),
  );
  const keep = new Set(sorted.slice(0, rule.keepLast).map((b) => b.id));
  const daysKept = new Set<number>();
  for (const backup of sorted) {
    const age = now.getTime() - Date.parse(backup.createdAt);
    const day = Math.max(0, Math.floor(age / DAY_MS));
    if (day < rule.dailyDays && !daysKept.has(day)) {
      daysKept.add(day);
      keep.add(backup.id);
    }
  }
  return {
    keep: sorted.filter((b) => keep.has(b.id)).map((b) => b.id),
    remove: sorted.filter((b) => !keep.has(b.id)).map((b) => b.id),
  };
}

/**
 * Applies the retention rule to a library's automatic backups and removes leftovers of copies
 * interrupted more than an hour ago. Returns the ids removed.
 */
export function pruneBackups(
  libraryPath: string,
  now: Date = new Date(),
  rule: RetentionRule = RETENTION,
): string[] {
  const rotated = listBackupFiles(libraryPath).filter((b) => ROTATED_KINDS.includes(b.info.kind));
  const { remove } = planRetention(
    rotated.map((b) => b.info),
    now,
    rule,
  );
  const removed: string[] = [];
  for (const backup of rotated) {
    if (!remove.includes(backup.info.id)) continue;
    rmSync(backup.path, { force: true });
    removed.push(backup.info.id);
  }
  const dir = backupsDirFor(libraryPath);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!/^\.[0-9a-f]{12}\.partial(-journal)?$/.test(name)) continue;
    const path = join(dir, name);
    try {
      // Real time, not the injected clock: this is about files on the disk.
      if (Date.now() - statSync(path).mtimeMs > 60 * 60 * 1000) rmSync(path, { force: true });
    } catch {
      // Already gone.
    }
  }
  return removed;
}
