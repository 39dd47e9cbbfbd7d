import type { BackupInfo, LibraryHealthReport } from '../contract/outputs';
import { libraryHealthReport } from '../db/health';
import type { HostMachine } from './machine';

/** What an in-memory library reports: always sound, never backed up. */
const IN_MEMORY_HEALTH: LibraryHealthReport = {
  status: 'ok',
  kind: 'ok',
  message: 'The library is sound.',
  fileName: ':memory:',
  libraryKey: ':memory:',
  newestGoodBackup: null,
  access: 'read_write',
};

/**
 * The host's `library:health` in the state it stands in (checked for a swapped file first):
 * damaged with the newest good backup to restore, replaced (no backup: nothing is damaged),
 * or sound.
 */
export function hostHealth(
  machine: HostMachine,
  newestGoodBackup: () => BackupInfo | null,
): LibraryHealthReport {
  machine.noticeSwap();
  const { path, state } = machine;
  if (state.kind === 'damaged') {
    return {
      ...libraryHealthReport(path, state.file, { includeBackup: false }),
      newestGoodBackup: newestGoodBackup(),
    };
  }
  if (machine.inMemory) return { ...IN_MEMORY_HEALTH };
  if (state.kind === 'replaced') {
    // Issue 13: the file at the path is not the one open; it is not damaged, so no backup.
    return libraryHealthReport(path, { kind: 'replaced', problems: [], sizeBytes: null });
  }
  return {
    ...libraryHealthReport(
      path,
      { kind: 'ok', problems: [], sizeBytes: null },
      { includeBackup: false },
    ),
    newestGoodBackup: newestGoodBackup(),
  };
}
