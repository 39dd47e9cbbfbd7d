import type {
  BackupInfo,
  LibraryHealthReport,
  RestoreOutcome,
} from '../../../electron/core/contract/outputs';
import { api } from '../api/bridge';
import { describeBackupContents, formatBackupTime } from '../lib/backups';
import { call, type Engine } from './engine';
import type { LoadStatus, Slice } from './types';

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
}

export const createBackupsSlice =
  (engine: Engine): Slice<BackupsSlice> =>
  (set, get) => {
    let healthCheck: Promise<void> | null = null;

    /** The library changed under the store: start again from what the host has now. */
    const showRestored = async (outcome: RestoreOutcome, undid: boolean) => {
      const replacedDamaged = get().healthStatus === 'damaged';
      const damaged = outcome.health.status === 'damaged';
      set({
        health: outcome.health,
        healthStatus: damaged ? 'damaged' : 'ok',
        restoreNotice: { outcome, undid, replacedDamaged },
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

    const restore = async (backup: BackupInfo, undid: boolean): Promise<boolean> => {
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

    return {
      healthStatus: 'checking',
      health: null,
      backups: [],
      backupsStatus: 'idle',
      backupsError: null,
      backupTask: null,
      newBackupId: null,
      restoreNotice: null,

      checkHealth: () => {
        healthCheck ??= (async () => {
          const result = await call(() => api().library.health({}));
          // A host that cannot answer is not a damaged library: the app says what went wrong.
          if (!result.ok) set({ healthStatus: 'ok' });
          else {
            set({
              health: result.value,
              healthStatus: result.value.status === 'damaged' ? 'damaged' : 'ok',
            });
          }
        })().finally(() => {
          healthCheck = null;
        });
        return healthCheck;
      },

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
  };
