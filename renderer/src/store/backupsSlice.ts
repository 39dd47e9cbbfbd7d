import type {
  BackupInfo,
  LibraryHealthReport,
  ReopenOutcome,
  RestoreOutcome,
} from '../../../electron/core/contract/outputs';
import { api } from '../api/bridge';
import { describeBackupContents, formatBackupTime } from '../lib/backups';
import { call, type Engine } from './engine';
import type { GetStore, LoadStatus, SetStore, Slice } from './types';

/** `checking` until the host has said how the library file looked at startup. */
export type HealthStatus = 'checking' | 'ok' | 'damaged';

export interface RestoreNotice {
  outcome: RestoreOutcome;
  /** True when this restore put back the library a previous restore had set aside. */
  undid: boolean;
  /** True when it replaced a damaged library: what was set aside is that file, not for undoing. */
  replacedDamaged: boolean;
}

export interface BackupsSlice {
  healthStatus: HealthStatus;
  health: LibraryHealthReport | null;
  backups: BackupInfo[];
  backupsStatus: LoadStatus;
  backupsError: string | null;
  /** What is running now: a new backup, or the restore of one. */
  backupTask: { kind: 'create' } | { kind: 'restore'; backupId: string } | null;
  /** The backup made last by "Back up now", to point it out in the list. */
  newBackupId: string | null;
  /** What the last restore did and how to undo it; shown until dismissed. */
  restoreNotice: RestoreNotice | null;
  /** Asks the host how the library file looked at startup (recovery mode when damaged). */
  checkHealth(): Promise<void>;
  loadBackups(): Promise<void>;
  createBackup(): Promise<BackupInfo | null>;
  /**
   * Replaces the library with a backup (after asking, unless `confirm` is false), then shows
   * the restored library. Resolves to true when it was restored.
   */
  restoreBackup(backup: BackupInfo, options?: { confirm?: boolean }): Promise<boolean>;
  /** Restores the library the last restore set aside. */
  undoRestore(): Promise<boolean>;
  dismissRestoreNotice(): void;
  // Recovery "Reopen the library" (issue 13, h35).
  /** True while the library is being reopened. */
  reopening: boolean;
  /** The last Reopen found no file at the path: the screen offers a new library or a backup. */
  reopenFoundNoFile: boolean;
  /**
   * Opens the library file now at the path (after it was swapped or deleted underneath), as at
   * startup; `startNew` creates a new library when there is no file. Resolves to true when open.
   */
  reopenLibrary(options?: { startNew?: boolean }): Promise<boolean>;
}

/** Back to the app on the library now open, from the start (the library list). */
async function showOpenLibrary(engine: Engine, set: SetStore, get: GetStore): Promise<void> {
  set({ timeline: null, timelineStatus: 'idle', editingMomentId: null });
  get().openLibrary();
  await engine.refreshStories();
  void get().loadBackups();
}

/** How the library file is: recovery mode while it is damaged. */
function healthActions(
  engine: Engine,
  set: SetStore,
  get: GetStore,
): Pick<BackupsSlice, 'checkHealth'> {
  let healthCheck: Promise<void> | null = null;
  /** Asked again while a check ran: its answer may be older than what prompted the ask. */
  let healthAgain = false;

  /** Asks the host how the library is; leaves the recovery screen once it is open again. */
  const askHealth = async () => {
    do {
      healthAgain = false;
      const wasDamaged = get().healthStatus === 'damaged';
      const result = await call(() => api().library.health({}));
      // A host that cannot answer is not a damaged library: the app says what went wrong.
      if (!result.ok) {
        if (!wasDamaged) set({ healthStatus: 'ok' });
        continue;
      }
      const damaged = result.value.status === 'damaged';
      set({ health: result.value, healthStatus: damaged ? 'damaged' : 'ok' });
      // This page's own reopen or restore shows the library itself when it is answered.
      if (wasDamaged && !damaged && !get().reopening && !get().backupTask) {
        // Another page (or window) reopened or restored the library (issue 13, h41).
        set({ reopenFoundNoFile: false });
        await showOpenLibrary(engine, set, get);
        get().announce('The library was reopened.');
      }
    } while (healthAgain);
  };

  return {
    checkHealth: () => {
      if (healthCheck) {
        healthAgain = true;
        return healthCheck;
      }
      healthCheck = askHealth().finally(() => {
        healthCheck = null;
      });
      return healthCheck;
    },
  };
}

/** Recovery's "Reopen the library". */
function reopenActions(
  engine: Engine,
  set: SetStore,
  get: GetStore,
): Pick<BackupsSlice, 'reopenLibrary'> {
  /** What `library:reopen` answered: the app on the library now open, or the recovery screen. */
  const showReopened = async (outcome: ReopenOutcome) => {
    const open = outcome.outcome === 'reopened';
    set({
      health: outcome.health,
      healthStatus: outcome.health.status === 'damaged' ? 'damaged' : 'ok',
      reopenFoundNoFile: outcome.outcome === 'missing',
    });
    if (!open) {
      get().announce(
        outcome.outcome === 'missing'
          ? 'There is no library file there now.'
          : outcome.health.message,
      );
      return false;
    }
    await showOpenLibrary(engine, set, get);
    get().announce('The library was reopened.');
    return true;
  };

  return {
    reopenLibrary: async (options = {}) => {
      if (get().reopening || get().backupTask) return false;
      set({ reopening: true });
      const result = await engine.enqueue(() =>
        call(() => api().library.reopen({ ifMissing: options.startNew ? 'create' : 'refuse' })),
      );
      set({ reopening: false });
      if (!result.ok) {
        get().toast('error', `The library was not reopened: ${result.error.message}`);
        return false;
      }
      return showReopened(result.value);
    },
  };
}

/** The list of backups, and a new one made now. */
function backupListActions(
  engine: Engine,
  set: SetStore,
  get: GetStore,
): Pick<BackupsSlice, 'loadBackups' | 'createBackup'> {
  return {
    loadBackups: async () => {
      set({ backupsStatus: 'loading' });
      const result = await call(() => api().backups.list({}));
      if (result.ok) set({ backups: result.value, backupsStatus: 'ready', backupsError: null });
      else set({ backupsStatus: 'error', backupsError: result.error.message });
    },

    createBackup: async () => {
      if (get().backupTask) return null;
      set({ backupTask: { kind: 'create' } });
      const result = await engine.enqueue(() => call(() => api().backups.create({})));
      set({ backupTask: null });
      if (!result.ok) {
        get().toast('error', `No backup was made: ${result.error.message}`);
        return null;
      }
      const made = result.value;
      set({ newBackupId: made.id });
      get().toast('info', `Backed up: ${describeBackupContents(made)}.`);
      await get().loadBackups();
      return made;
    },
  };
}

/** Restores a backup in the change queue; once restored, the app starts again on it. */
function restorer(
  engine: Engine,
  set: SetStore,
  get: GetStore,
): (backup: BackupInfo, undid: boolean) => Promise<boolean> {
  /** The library changed under the store: start again from what the host has now. */
  const showRestored = async (outcome: RestoreOutcome, undid: boolean) => {
    const replacedDamaged = get().healthStatus === 'damaged';
    const damaged = outcome.health.status === 'damaged';
    set({
      health: outcome.health,
      healthStatus: damaged ? 'damaged' : 'ok',
      restoreNotice: { outcome, undid, replacedDamaged },
      reopenFoundNoFile: false,
      timeline: null,
      timelineStatus: 'idle',
      editingMomentId: null,
    });
    // Undo and Redo are read from the library now in place (openLibrary).
    get().openLibrary();
    await engine.refreshStories();
    void get().loadBackups();
    get().announce(
      undid
        ? 'The restore was undone: your library is back as it was.'
        : `Restored the backup from ${formatBackupTime(outcome.restored.createdAt)}.`,
    );
  };

  return async (backup, undid) => {
    set({ backupTask: { kind: 'restore', backupId: backup.id } });
    // In the change queue: every edit asked for before the restore is in the set-aside copy.
    const result = await engine.enqueue(() =>
      call(() => api().backups.restore({ backupId: backup.id })),
    );
    set({ backupTask: null });
    if (!result.ok) {
      get().toast('error', `Nothing was restored: ${result.error.message}`);
      return false;
    }
    await showRestored(result.value, undid);
    return true;
  };
}

/** Restoring a backup, undoing the restore, and the notice that says what it did. */
function restoreActions(
  engine: Engine,
  set: SetStore,
  get: GetStore,
): Pick<BackupsSlice, 'restoreBackup' | 'undoRestore' | 'dismissRestoreNotice'> {
  const restore = restorer(engine, set, get);

  return {
    restoreBackup: async (backup, options = {}) => {
      if (get().backupTask) return false;
      if (options.confirm ?? true) {
        const when = formatBackupTime(backup.createdAt);
        const ok = await get().confirm({
          title: `Restore the backup from ${when}?`,
          body:
            `Your library will be replaced by this backup: ${describeBackupContents(backup)}. ` +
            'Your library as it is now is kept as a backup first, so you can undo the restore.',
          confirmLabel: 'Restore backup',
        });
        if (!ok) return false;
      }
      return restore(backup, false);
    },

    undoRestore: async () => {
      const notice = get().restoreNotice;
      const setAside = notice?.outcome.setAside;
      if (!setAside?.readable || notice?.replacedDamaged || get().backupTask) return false;
      return restore(setAside, true);
    },

    dismissRestoreNotice: () => set({ restoreNotice: null }),
  };
}

export const createBackupsSlice =
  (engine: Engine): Slice<BackupsSlice> =>
  (set, get) => ({
    reopening: false,
    reopenFoundNoFile: false,
    healthStatus: 'checking',
    health: null,
    backups: [],
    backupsStatus: 'idle',
    backupsError: null,
    backupTask: null,
    newBackupId: null,
    restoreNotice: null,
    ...healthActions(engine, set, get),
    ...reopenActions(engine, set, get),
    ...backupListActions(engine, set, get),
    ...restoreActions(engine, set, get),
  });
