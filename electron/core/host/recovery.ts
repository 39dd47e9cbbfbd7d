import type { LibraryHealthReport, ReopenOutcome, RestoreOutcome } from '../contract/outputs';
import { findBackup } from '../backup/list';
import { assertRestorable, restoreLibrary } from '../backup/restore';
import { inspectDatabaseFile, isUsable } from '../db/health';
import { DomainError } from '../errors';
import type { HostMachine } from './machine';

// The two ways out of recovery mode (damaged) and out of a swapped file (replaced): restore a
// backup over the file, or open the file now at the path. Each runs inside the host's
// `Exclusive` queue and ends with the health it left.

/**
 * Restores backup `backupId`: closes the library (`restoring`), replaces the file (see
 * `restoreLibrary`) and opens it again. A failed restore leaves the library as it was.
 */
export async function restoreBackup(
  machine: HostMachine,
  backupId: string,
  now: () => Date,
  health: () => LibraryHealthReport,
): Promise<RestoreOutcome> {
  machine.requireFile();
  const previous = machine.state;
  if (previous.kind === 'closed' || previous.kind === 'opening') {
    throw new DomainError('conflict', 'The library is closing; nothing was restored.');
  }
  const chosen = findBackup(machine.path, backupId);
  if (!chosen) throw new DomainError('not_found', `No backup with id ${backupId}.`);
  // Refuse a bad choice before the open library is disturbed.
  assertRestorable(chosen);
  machine.enter({ type: 'restore_started' }, { kind: 'restoring' });
  if (previous.kind === 'open') previous.library.close();
  try {
    const result = await restoreLibrary(machine.path, chosen, now);
    await machine.openOn({ type: 'restore_finished' });
    return { restored: result.restored, setAside: result.setAside?.info ?? null, health: health() };
  } catch (error) {
    // Put things back as they were: the library was not changed by a failed restore.
    const again = inspectDatabaseFile(machine.path, { check: 'quick' });
    if (isUsable(again.kind)) await machine.openOn({ type: 'restore_failed', usable: true });
    else machine.enter({ type: 'restore_failed', usable: false }, { kind: 'damaged', file: again });
    throw error;
  }
}

/**
 * Issue 13 (h35): opens the file now at the path through the startup checks, after it was
 * replaced underneath (or found damaged). A missing file is created only with `create`.
 */
export async function reopenAtPath(
  machine: HostMachine,
  ifMissing: 'refuse' | 'create',
  health: () => LibraryHealthReport,
): Promise<ReopenOutcome> {
  machine.requireFile();
  machine.noticeSwap();
  const { kind } = machine.state;
  // Already open (another page reopened it first): the file at the path is the one open.
  if (kind === 'open') return { outcome: 'reopened', health: health() };
  if (kind !== 'replaced' && kind !== 'damaged') {
    throw new DomainError('conflict', 'The library is closing; it was not reopened.');
  }
  const file = machine.checkFile();
  if (file.kind === 'missing' && ifMissing === 'refuse') {
    return { outcome: 'missing', health: health() };
  }
  const opened = await machine.openChecked(
    file,
    { type: 'reopened', usable: true },
    { type: 'reopened', usable: false },
  );
  return { outcome: opened ? 'reopened' : 'refused', health: health() };
}
