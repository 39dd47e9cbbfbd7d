import type { BackupInfo } from '../../../electron/core/contract/outputs';
import { backupKindLabel, formatBackupTime, formatBytes } from '../lib/backups';
import { describeWhen } from '../lib/time';
import { useStore } from '../store';
import '../styles/backups.css';

function Count({ n }: { n: number | null }) {
  return n === null ? <span className="subtle">–</span> : <>{n.toLocaleString()}</>;
}

/** The table's column heads (no events column when compact). */
function BackupHead({ compact }: { compact: boolean }) {
  return (
    <thead>
      <tr>
        <th scope="col">Taken</th>
        <th scope="col">Kind</th>
        <th scope="col" className="num">
          Stories
        </th>
        {!compact && (
          <th scope="col" className="num">
            Events
          </th>
        )}
        <th scope="col" className="num">
          Beats
        </th>
        <th scope="col" className="num">
          Size
        </th>
        <th scope="col">
          <span className="visually-hidden">Actions</span>
        </th>
      </tr>
    </thead>
  );
}

interface RowProps {
  backup: BackupInfo;
  compact: boolean;
  onRestore: (backup: BackupInfo) => void;
}

/** One backup: when, kind, what it holds (or that it cannot be read), size, Restore. */
function BackupRow({ backup: b, compact, onRestore }: RowProps) {
  const task = useStore((s) => s.backupTask);
  const isNew = useStore((s) => s.newBackupId === b.id);
  const when = formatBackupTime(b.createdAt);
  return (
    <tr className={isNew ? 'is-new' : undefined} data-backup-id={b.id}>
      <th scope="row" className="backup-when">
        <time dateTime={b.createdAt}>{when}</time>
        <span className="subtle">{describeWhen(b.createdAt)}</span>
      </th>
      <td>
        <span className={`backup-kind kind-${b.kind}`}>{backupKindLabel(b.kind)}</span>
      </td>
      {b.readable ? (
        <>
          <td className="num">
            <Count n={b.storyCount} />
          </td>
          {!compact && (
            <td className="num">
              <Count n={b.eventCount} />
            </td>
          )}
          <td className="num">
            <Count n={b.beatCount} />
          </td>
        </>
      ) : (
        <td colSpan={compact ? 2 : 3} className="backup-unreadable">
          Cannot be read as a library
        </td>
      )}
      <td className="num">{formatBytes(b.sizeBytes)}</td>
      <td className="backup-actions">
        {b.readable && (
          <button
            type="button"
            className="button"
            disabled={task !== null}
            aria-label={`Restore the backup from ${when}`}
            onClick={() => onRestore(b)}
          >
            {task?.kind === 'restore' && task.backupId === b.id ? (
              <>
                <span className="spinner" aria-hidden="true" /> Restoring…
              </>
            ) : (
              'Restore…'
            )}
          </button>
        )}
      </td>
    </tr>
  );
}

/** The backups as a table, newest first, each with its Restore button. */
export function BackupTable({
  backups,
  onRestore,
  caption,
  compact = false,
}: {
  backups: BackupInfo[];
  onRestore: (backup: BackupInfo) => void;
  caption: string;
  /** Without the events column, for narrow places (the recovery screen). */
  compact?: boolean;
}) {
  return (
    <div className="backup-table-wrap">
      <table className={compact ? 'backup-table is-compact' : 'backup-table'}>
        <caption className="visually-hidden">{caption}</caption>
        <BackupHead compact={compact} />
        <tbody>
          {backups.map((b) => (
            <BackupRow key={b.id} backup={b} compact={compact} onRestore={onRestore} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
