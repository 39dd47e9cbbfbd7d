import { useEffect } from 'react';
import { useStore } from '../store';
import { BackupTable } from './BackupList';
import { BackIcon, BackupsIcon, ShieldIcon } from './icons';
import { RestoreNotice } from './RestoreNotice';
import '../styles/backups.css';

/** Backups: every copy of the library, newest first; back up now, restore one, undo it. */
export function BackupsView() {
  const loadBackups = useStore((s) => s.loadBackups);
  const openLibrary = useStore((s) => s.openLibrary);

  useEffect(() => {
    void loadBackups();
  }, [loadBackups]);

  return (
    <main className="backups" aria-labelledby="backups-title">
      <div className="backups-inner">
        <button type="button" className="button ghost back-link" onClick={openLibrary}>
          <BackIcon size={16} /> Library
        </button>
        <div className="library-head">
          <div>
            <h1 id="backups-title">Backups</h1>
            <p className="subtle">
              Copies of your whole library, checked when they are made. Restore one to go back to
              it.
            </p>
          </div>
          <BackUpNowButton />
        </div>
        <RestoreNotice />
        <BackupsListed />
        <AboutBackups />
      </div>
    </main>
  );
}

/** Back up now (a spinner while a backup is made). */
function BackUpNowButton() {
  const task = useStore((s) => s.backupTask);
  const createBackup = useStore((s) => s.createBackup);
  return (
    <button
      type="button"
      className="button primary"
      onClick={() => void createBackup()}
      disabled={task !== null}
    >
      {task?.kind === 'create' ? (
        <>
          <span className="spinner on-accent" aria-hidden="true" /> Backing up…
        </>
      ) : (
        <>
          <BackupsIcon size={16} /> Back up now
        </>
      )}
    </button>
  );
}

/** The backups table, or why there is none: not listed (Try again), or none made yet. */
function BackupsListed() {
  const backups = useStore((s) => s.backups);
  const status = useStore((s) => s.backupsStatus);
  const error = useStore((s) => s.backupsError);
  const loadBackups = useStore((s) => s.loadBackups);
  const restoreBackup = useStore((s) => s.restoreBackup);
  if (status === 'error' && backups.length === 0) {
    return (
      <div className="empty-card" role="alert">
        <h2>The backups could not be listed</h2>
        <p>{error}</p>
        <button type="button" className="button primary" onClick={() => void loadBackups()}>
          Try again
        </button>
      </div>
    );
  }
  if (backups.length === 0) {
    return status === 'ready' ? (
      <div className="empty-card">
        <h2>No backups yet</h2>
        <p>
          Beatline makes the first one within ten minutes of your first change. Make one now if you
          are about to try something bold.
        </p>
      </div>
    ) : null;
  }
  return (
    <BackupTable
      backups={backups}
      caption="Backups of your library, newest first"
      onRestore={(b) => void restoreBackup(b)}
    />
  );
}

/** How backups are made and kept, in plain words. */
function AboutBackups() {
  return (
    <section className="backups-about" aria-labelledby="backups-about-title">
      <ShieldIcon size={18} />
      <div>
        <h2 id="backups-about-title">How your work is kept safe</h2>
        <ul>
          <li>
            Every change is saved the moment you make it. On top of that, Beatline copies the whole
            library every 10 minutes while you write, when you quit, and before an update changes
            its format.
          </li>
          <li>It keeps the last 10 of those copies, plus one a day for a week.</li>
          <li>
            Restoring never throws anything away: your library as it is at that moment is kept as a
            backup first, so a restore can itself be undone.
          </li>
        </ul>
      </div>
    </section>
  );
}
