import type { BackupInfo } from '../contract/outputs';
import { createBackup } from '../backup/create';
import { backupListSignature, scanBackupFiles } from '../backup/list';
import type { FolderBackupKind } from '../backup/names';
import { pruneBackups } from '../backup/retention';
import { findNewestGoodBackup } from '../db/health';
import { DomainError } from '../errors';
import { replacedMessage } from '../library';
import { changeMarker, type HostMachine } from './machine';

/** Runs work one at a time (backups, restores, reopens): each waits for the one before. */
export type Exclusive = <T>(work: () => Promise<T>) => Promise<T>;

/** A fresh `Exclusive` queue. */
export function oneAtATime(): Exclusive {
  let running: Promise<unknown> | null = null;
  return async <T>(work: () => Promise<T>): Promise<T> => {
    while (running) await running.catch(() => undefined);
    const task = work();
    running = task;
    try {
      return await task;
    } finally {
      if (running === task) running = null;
    }
  };
}

/** The host's backups of its library file; `take` and `takeIfChanged` run inside `Exclusive`. */
export interface HostBackups {
  /** One backup, pruned after. */
  take(kind: FolderBackupKind): Promise<BackupInfo>;
  /** A backup when the open, writable library changed since the last one; else null. */
  takeIfChanged(kind: 'auto' | 'quit'): Promise<BackupInfo | null>;
  /** The newest backup that passes `quick_check` (cached until the backup files change). */
  newestGood(): BackupInfo | null;
}

/** The backups of the library `machine` holds, named and pruned by `now`. */
export function createHostBackups(machine: HostMachine, now: () => Date): HostBackups {
  const { path } = machine;
  // Checked once and kept until the backup files change (added, removed or rewritten), so
  // `library:health` costs a folder listing.
  let newestGood: { signature: string; backup: BackupInfo | null } | null = null;

  const take = async (kind: FolderBackupKind): Promise<BackupInfo> => {
    machine.requireFile();
    machine.noticeSwap();
    const state = machine.state;
    if (state.kind === 'replaced') throw new DomainError('conflict', replacedMessage(path, false));
    if (state.kind !== 'open') {
      throw new DomainError('conflict', 'The library is not open, so it cannot be backed up.');
    }
    const marker = changeMarker(state.library.db);
    const made = await createBackup(state.library.db, path, kind, now);
    state.backedUp = marker;
    pruneBackups(path, now());
    // The copy was just checked in full: when it is the newest, health needs no check of its own.
    if (scanBackupFiles(path)[0]?.id === made.info.id) {
      newestGood = { signature: backupListSignature(path), backup: made.info };
    }
    return made.info;
  };

  return {
    take,
    async takeIfChanged(kind) {
      if (machine.inMemory || machine.noticeSwap()) return null;
      const state = machine.state;
      if (state.kind !== 'open') return null;
      if (
        state.library.access === 'read_only' ||
        changeMarker(state.library.db) === state.backedUp
      ) {
        return null;
      }
      return take(kind);
    },
    newestGood() {
      const signature = backupListSignature(path);
      if (newestGood?.signature !== signature) {
        newestGood = { signature, backup: findNewestGoodBackup(path) };
      }
      return newestGood.backup;
    },
  };
}
