import { formatBackupTime } from '../lib/backups';
import { useStore } from '../store';
import { CheckIcon, CloseIcon } from './icons';
import '../styles/backups.css';

/** What the last restore did, and the way back: restore the library it set aside. */
export function RestoreNotice() {
  const notice = useStore((s) => s.restoreNotice);
  const busy = useStore((s) => s.backupTask !== null);
  const undoRestore = useStore((s) => s.undoRestore);
  const dismiss = useStore((s) => s.dismissRestoreNotice);
  if (!notice) return null;
  const { restored, setAside } = notice.outcome;
  const canUndo = !notice.undid && !notice.replacedDamaged && setAside?.readable === true;

  let what: string;
  let keptAs: string | null = null;
  if (notice.undid) {
    what = 'The restore was undone: your library is back as it was just before it.';
    keptAs = 'The library you had restored is kept in Backups too.';
  } else {
    what = `Restored the backup from ${formatBackupTime(restored.createdAt)}.`;
    if (setAside && (notice.replacedDamaged || !setAside.readable)) {
      keptAs = `The damaged library file was moved, unchanged, into the backups folder as “${setAside.id}”. Nothing was deleted.`;
    } else if (setAside) {
      keptAs = `Your library as it was just before is kept as a backup (${formatBackupTime(setAside.createdAt)}), so you can undo this.`;
    }
  }

  return (
    <div className="restore-notice" role="status">
      <CheckIcon size={18} />
      <div className="restore-notice-text">
        <p className="restore-notice-what">{what}</p>
        {keptAs && <p>{keptAs}</p>}
      </div>
      {canUndo && (
        <button type="button" className="button" disabled={busy} onClick={() => void undoRestore()}>
          Undo restore
        </button>
      )}
      <button
        type="button"
        className="icon-button"
        aria-label="Dismiss this note"
        onClick={dismiss}
      >
        <CloseIcon size={15} />
      </button>
    </div>
  );
}
