import type { BackupInfo, BackupKind } from '../../../electron/core/contract/outputs';
import { plural } from './text';

const KIND_LABELS: Record<BackupKind, string> = {
  auto: 'Automatic',
  quit: 'On quit',
  manual: 'Made by you',
  'pre-migration': 'Before an update',
  'before-restore': 'Before a restore',
};

/** What made a backup, in words: "Automatic", "Before a restore". */
export function backupKindLabel(kind: BackupKind): string {
  return KIND_LABELS[kind];
}

const timeOfDay = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });
const dateAndTime = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'medium',
});

function dayNumber(date: Date): number {
  return Math.floor(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) / 86_400_000);
}

/** "Today, 14:32:05", "Yesterday, 09:10:00", or the date and time; seconds tell backups apart. */
export function formatBackupTime(iso: string, now = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const days = dayNumber(now) - dayNumber(date);
  if (days === 0) return `Today, ${timeOfDay.format(date)}`;
  if (days === 1) return `Yesterday, ${timeOfDay.format(date)}`;
  return dateAndTime.format(date);
}

/** "820 bytes", "12 KB", "3.4 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return plural(bytes, 'byte');
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** "3 stories, 12 events, 41 beats", or a note when the copy cannot be read. */
export function describeBackupContents(backup: BackupInfo): string {
  if (!backup.readable || backup.storyCount === null) return 'cannot be read';
  return [
    plural(backup.storyCount, 'story', 'stories'),
    plural(backup.eventCount ?? 0, 'event'),
    plural(backup.beatCount ?? 0, 'beat'),
  ].join(', ');
}
