import { useStore } from '../store';
import { ExportIcon, ImportIcon } from './icons';
import { isMac, MOD } from './TopBar';
import '../styles/files.css';

const EXPORT_KEYS = isMac ? 'Meta+E' : 'Control+E';
const IMPORT_KEYS = isMac ? 'Meta+O' : 'Control+O';

/** Import…: opens a story file (.beatline.json or Markdown) as a new story. */
export function ImportButton({ className = 'button' }: { className?: string }) {
  const importStory = useStore((s) => s.importStory);
  const importing = useStore((s) => s.importing);
  const progress = useStore((s) => s.importProgress);
  const busy = importing || progress !== null;
  const label = progress !== null ? `Importing… ${Math.round(progress * 100)}%` : 'Importing…';
  return (
    <button
      type="button"
      className={className}
      onClick={() => void importStory()}
      disabled={busy}
      aria-busy={busy}
      title={`Import a story file (${MOD}O)`}
      aria-keyshortcuts={IMPORT_KEYS}
    >
      {busy ? <span className="spinner" aria-hidden="true" /> : <ImportIcon size={15} />}
      <span className="button-label">{busy ? label : 'Import…'}</span>
    </button>
  );
}

/** Export…: the story in a format of the writer's choice. */
export function ExportButton({
  storyId,
  className = 'button',
}: {
  storyId: string;
  className?: string;
}) {
  const openExportDialog = useStore((s) => s.openExportDialog);
  return (
    <button
      type="button"
      className={className}
      onClick={() => openExportDialog(storyId)}
      title={`Export this story (${MOD}E)`}
      aria-keyshortcuts={EXPORT_KEYS}
    >
      <ExportIcon size={15} /> <span className="button-label">Export…</span>
    </button>
  );
}
