import { rmSync } from 'node:fs';
import type { BackupInfo, BackupKind } from '../contract/outputs';
import { scanBackupFiles } from './list';
import { cleanLeftovers } from './leftovers';

/** Keep the newest `keepLast`, plus the newest of each of the last `dailyDays` calendar days. */
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

/** The writer's calendar day of a time (local time), e.g. `2025-3-1`. */
export function localDay(time: Date): string {
  return `${time.getFullYear()}-${time.getMonth() + 1}-${time.getDate()}`;
}

/**
 * Decides which backups to keep: the newest `keepLast`, and for each of the last `dailyDays`
 * calendar days (today included), the newest backup of that day. Days are fixed buckets, so
 * the backup kept for a past day stays the same as time goes on. Pure.
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
  const days = new Set<string>();
  for (let k = 0; k < rule.dailyDays; k++) {
    days.add(localDay(new Date(now.getFullYear(), now.getMonth(), now.getDate() - k, 12)));
  }
  for (const backup of sorted) {
    const day = localDay(new Date(backup.createdAt));
    if (days.delete(day)) keep.add(backup.id); // the first seen is the newest of its day
  }
  return {
    keep: sorted.filter((b) => keep.has(b.id)).map((b) => b.id),
    remove: sorted.filter((b) => !keep.has(b.id)).map((b) => b.id),
  };
}

/**
 * Applies the retention rule to a library's automatic backups and removes leftovers of
 * interrupted copies (`cleanLeftovers`). Returns the ids removed.
 */
export function pruneBackups(
  libraryPath: string,
  now: Date = new Date(),
  rule: RetentionRule = RETENTION,
): string[] {
  const rotated = scanBackupFiles(libraryPath).filter((b) => ROTATED_KINDS.includes(b.kind));
  const { remove } = planRetention(rotated, now, rule);
  const removed: string[] = [];
  for (const backup of rotated) {
    if (!remove.includes(backup.id)) continue;
    rmSync(backup.path, { force: true });
    removed.push(backup.id);
  }
  cleanLeftovers(libraryPath);
  return removed;
}
