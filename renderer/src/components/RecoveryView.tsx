import { useEffect, useState } from 'react';
import type { BackupInfo } from '../../../electron/core/contract/outputs';
import {
  backupKindLabel,
  describeBackupContents,
  formatBackupTime,
  formatBytes,
} from '../lib/backups';
import { describeWhen } from '../lib/time';
import { useStore } from '../store';
import { BackupTable } from './BackupList';
import { AlertIcon, LogoMark } from './icons';
import '../styles/backups.css';

/**
 * Shown instead of the app when the library file could not be opened. It offers the newest
 * good backup; it never offers to delete or overwrite the damaged file (a restore moves it
 * aside, unchanged).
 */
export function RecoveryView() {
  const health = useStore((s) => s.health);
  const backups = useStore((s) => s.backups);
  const task = useStore((s) => s.backupTask);
  const loadBackups = useStore((s) => s.loadBackups);
  const restoreBackup = useStore((s) => s.restoreBackup);
  const checkHealth = useStore((s) => s.checkHealth);
  const [showAll, setShowAll] = useState(false);

  useEffect(() => {
    void loadBackups();
  }, [loadBackups]);

  if (!health) return null;
  const best = health.newestGoodBackup;
  const restore = (backup: BackupInfo, confirm: boolean) => void restoreBackup(backup, { confirm });
  const others = backups.filter((b) => b.id !== best?.id);
  const restoringBest = task?.kind === 'restore' && task.backupId === best?.id;

  return (
    <div className="recovery-page">
      <header className="recovery-brand">
        <LogoMark />
        <span>Beatline</span>
      </header>
      <main className="recovery" aria-labelledby="recovery-title">
        <div className="recovery-head">
          <span className="recovery-icon">
            <AlertIcon size={22} />
          </span>
          <div>
            <h1 id="recovery-title">Your library could not be opened</h1>
            <p className="recovery-message">{health.message}</p>
          </div>
        </div>
        <p className="recovery-safe">
          Beatline has not changed, moved or deleted <code>{health.fileName}</code>. Nothing happens
          to it unless you restore a backup below, and even then it is kept, unchanged, in the
          backups folder.
        </p>

        {best ? (
          <section className="recovery-offer" aria-labelledby="recovery-offer-title">
            <h2 id="recovery-offer-title">Newest good backup</h2>
            <p className="recovery-backup-when">
              <time dateTime={best.createdAt}>{formatBackupTime(best.createdAt)}</time>
              <span className="subtle"> · {describeWhen(best.createdAt)}</span>
            </p>
            <p className="recovery-backup-meta">
              {backupKindLabel(best.kind)} · {describeBackupContents(best)} ·{' '}
              {formatBytes(best.sizeBytes)}
            </p>
            <p className="subtle">
              Restoring puts this backup in place of the damaged file. Changes made after it was
              taken are not in it.
            </p>
            <button
              type="button"
              className="button primary"
              disabled={task !== null}
              onClick={() => restore(best, false)}
            >
              {restoringBest ? (
                <>
                  <span className="spinner on-accent" aria-hidden="true" /> Restoring…
                </>
              ) : (
                'Restore this backup'
              )}
            </button>
          </section>
        ) : (
          <section className="recovery-offer is-empty" aria-labelledby="recovery-offer-title">
            <h2 id="recovery-offer-title">No good backup was found</h2>
            <p>
              Keep a copy of <code>{health.fileName}</code> somewhere safe: it may still be
              repaired. If you have a backup elsewhere, put it in the backups folder beside the
              library, then check again.
            </p>
            <button type="button" className="button" onClick={() => void checkHealth()}>
              Check again
            </button>
          </section>
        )}

        {others.length > 0 && (
          <section className="recovery-others">
            <button
              type="button"
              className="link-button"
              aria-expanded={showAll}
              onClick={() => setShowAll((v) => !v)}
            >
              {showAll ? 'Hide the other backups' : `Choose another backup (${others.length})`}
            </button>
            {showAll && (
              <BackupTable
                backups={others}
                caption="Other backups of this library, newest first"
                compact
                onRestore={(b) => restore(b, true)}
              />
            )}
          </section>
        )}
      </main>
    </div>
  );
}
