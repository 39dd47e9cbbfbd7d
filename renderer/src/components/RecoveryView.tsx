import { useEffect, useState } from 'react';
import type { BackupInfo, LibraryFileKind } from '../../../electron/core/contract/outputs';
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

/** File kinds that are not damage: the file now at the path can be reopened (issue 13, h35). */
const REOPENABLE_KINDS: readonly LibraryFileKind[] = ['replaced', 'foreign', 'newer'];

/**
 * Shown instead of the app when the library file could not be opened. It offers the newest
 * good backup; it never offers to delete or overwrite the damaged file (a restore moves it
 * aside, unchanged).
 */
export function RecoveryView() {
  const health = useStore((s) => s.health);
  const backups = useStore((s) => s.backups);
  const backupsStatus = useStore((s) => s.backupsStatus);
  const task = useStore((s) => s.backupTask);
  const loadBackups = useStore((s) => s.loadBackups);
  const reopening = useStore((s) => s.reopening);
  const reopenFoundNoFile = useStore((s) => s.reopenFoundNoFile);

  useEffect(() => {
    void loadBackups();
  }, [loadBackups]);

  if (!health) return null;
  const best = health.newestGoodBackup;
  // Issue 13 (h35): not damage; the way out is to reopen the file now at the path.
  const reopenable = REOPENABLE_KINDS.includes(health.kind);
  // The newest good backup has a section of its own only when the file is damaged.
  const others = reopenable ? backups : backups.filter((b) => b.id !== best?.id);
  const backupsShown = others.length > 0 || (!reopenable && best !== null);
  // Said only once the list has been read: "none" while it loads would be wrong.
  const noBackups = backupsStatus === 'ready' && !backupsShown;
  const busy = task !== null || reopening;

  return (
    <div className="recovery-page">
      <header className="recovery-brand">
        <LogoMark />
        <span>Beatline</span>
      </header>
      <main className="recovery" aria-labelledby="recovery-title">
        <RecoveryHead message={health.message} />
        <p className="recovery-safe">
          <SafetyNote
            fileName={health.fileName}
            gone={reopenFoundNoFile}
            reopenable={reopenable}
            backupsShown={backupsShown}
            noBackups={noBackups}
          />
        </p>

        {reopenable ? (
          reopenFoundNoFile ? (
            <FileGoneOffer
              fileName={health.fileName}
              busy={busy}
              othersListed={others.length > 0}
              noBackups={noBackups}
            />
          ) : (
            <ReopenOffer fileName={health.fileName} busy={busy} />
          )
        ) : best ? (
          <BestBackupOffer best={best} />
        ) : (
          <NoBackupOffer fileName={health.fileName} />
        )}

        {others.length > 0 && <OtherBackups others={others} />}
      </main>
    </div>
  );
}

/** The screen's title and why the library could not be opened. */
function RecoveryHead({ message }: { message: string }) {
  return (
    <div className="recovery-head">
      <span className="recovery-icon">
        <AlertIcon size={22} />
      </span>
      <div>
        <h1 id="recovery-title">Your library could not be opened</h1>
        <p className="recovery-message">{message}</p>
      </div>
    </div>
  );
}

/** Restores a backup; `confirm`: the writer is asked first (a backup they chose from the list). */
function restore(backup: BackupInfo, confirm: boolean): void {
  void useStore.getState().restoreBackup(backup, { confirm });
}

/** The file at the library's path is gone: start a new library there, or reopen once it is back. */
function FileGoneOffer(props: {
  fileName: string;
  busy: boolean;
  othersListed: boolean;
  noBackups: boolean;
}) {
  const reopenLibrary = useStore((s) => s.reopenLibrary);
  return (
    <section className="recovery-offer" aria-labelledby="recovery-offer-title">
      <h2 id="recovery-offer-title">There is no library file there now</h2>
      <p>
        No file named <code>{props.fileName}</code> is in the library’s folder. Start a new, empty
        library there{props.othersListed ? ', restore a backup below' : ''}, or put your library
        file back and reopen it.
        {props.noBackups ? ' No backups of this library were found.' : ''}
      </p>
      <div className="recovery-actions">
        <button
          type="button"
          className="button primary"
          disabled={props.busy}
          onClick={() => void reopenLibrary({ startNew: true })}
        >
          Start a new library
        </button>
        <button
          type="button"
          className="button"
          disabled={props.busy}
          onClick={() => void reopenLibrary()}
        >
          Reopen the library
        </button>
      </div>
    </section>
  );
}

/** The file at the path is not damaged (replaced, foreign, newer): reopen it. */
function ReopenOffer({ fileName, busy }: { fileName: string; busy: boolean }) {
  const reopening = useStore((s) => s.reopening);
  const reopenLibrary = useStore((s) => s.reopenLibrary);
  return (
    <section className="recovery-offer" aria-labelledby="recovery-offer-title">
      <h2 id="recovery-offer-title">Reopen the library</h2>
      <p>
        Beatline opens the file now named <code>{fileName}</code>, checking it as it does at
        startup. A file that is not a Beatline library it can write is left as it is.
      </p>
      <button
        type="button"
        className="button primary"
        disabled={busy}
        onClick={() => void reopenLibrary()}
      >
        {reopening ? (
          <>
            <span className="spinner on-accent" aria-hidden="true" /> Reopening…
          </>
        ) : (
          'Reopen the library'
        )}
      </button>
    </section>
  );
}

/** The damaged file's newest good backup, offered first. */
function BestBackupOffer({ best }: { best: BackupInfo }) {
  const task = useStore((s) => s.backupTask);
  const restoringBest = task?.kind === 'restore' && task.backupId === best.id;
  return (
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
        Restoring puts this backup in place of the damaged file. Changes made after it was taken are
        not in it.
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
  );
}

/** The file is damaged and no good backup was found: keep the file, look again. */
function NoBackupOffer({ fileName }: { fileName: string }) {
  const checkHealth = useStore((s) => s.checkHealth);
  return (
    <section className="recovery-offer is-empty" aria-labelledby="recovery-offer-title">
      <h2 id="recovery-offer-title">No good backup was found</h2>
      <p>
        Keep a copy of <code>{fileName}</code> somewhere safe: it may still be repaired. If you have
        a backup elsewhere, put it in the backups folder beside the library, then check again.
      </p>
      <button type="button" className="button" onClick={() => void checkHealth()}>
        Check again
      </button>
    </section>
  );
}

/** The library's other backups, listed on request. */
function OtherBackups({ others }: { others: BackupInfo[] }) {
  const [showAll, setShowAll] = useState(false);
  return (
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
  );
}

/**
 * What happens to the file at the library's path, in words that match the screen: backups are
 * named only when some are listed below, and a file that is gone is not said to be untouched.
 */
function SafetyNote(props: {
  fileName: string;
  gone: boolean;
  reopenable: boolean;
  backupsShown: boolean;
  noBackups: boolean;
}) {
  const file = <code>{props.fileName}</code>;
  if (props.gone) {
    return (
      <>
        Beatline did not delete {file}: it was already gone.
        {props.backupsShown ? ' Restoring a backup below puts one in its place.' : ''}
      </>
    );
  }
  if (props.backupsShown) {
    return (
      <>
        Beatline has not changed, moved or deleted {file}. Nothing happens to it unless you restore
        a backup below, and even then it is kept, unchanged, in the backups folder.
      </>
    );
  }
  return (
    <>
      Beatline has not changed, moved or deleted {file}
      {props.reopenable
        ? '; it writes to it again only once you reopen it and it is found to be a Beatline library.'
        : ', and nothing on this screen changes it.'}
      {props.noBackups ? ' No backups of this library were found.' : ''}
    </>
  );
}
