import { useShallow } from 'zustand/react/shallow';
import { useStore, type Store } from '../store';
import {
  AlertIcon,
  BackupsIcon,
  CheckIcon,
  KeyboardIcon,
  LogoMark,
  RedoIcon,
  SettingsIcon,
  UndoIcon,
} from './icons';

export const isMac = /Mac|iPhone|iPad/.test(navigator.platform);
export const MOD = isMac ? '⌘' : 'Ctrl+';

/** What the save status says: the library holds everything on screen, or not yet, or not. */
function saveState(s: Store): { kind: 'saved' | 'saving' | 'refused'; reason?: string } {
  const states = Object.values(s.fieldStates);
  const reason = states.find((state) => state !== null);
  if (reason) return { kind: 'refused', reason };
  // A refused text whose field is gone lives in a notice until the writer copies it.
  if (s.toasts.some((t) => t.unsaved !== undefined)) {
    return {
      kind: 'refused',
      reason: 'A notice holds text that is not saved: copy it to keep it.',
    };
  }
  if (s.pending > 0 || states.length > 0) return { kind: 'saving' };
  return { kind: 'saved' };
}

function SaveStatus() {
  const state = useStore(useShallow(saveState));
  if (state.kind === 'refused') {
    return (
      <span className="save-status is-refused" role="status" title={state.reason}>
        <AlertIcon size={14} /> Not saved
      </span>
    );
  }
  const saving = state.kind === 'saving';
  return (
    <span className={`save-status ${saving ? 'is-saving' : ''}`} role="status">
      {saving ? (
        <>
          <span className="spinner" aria-hidden="true" /> Saving…
        </>
      ) : (
        <>
          <CheckIcon size={14} /> Saved
        </>
      )}
    </span>
  );
}

/** Undo and Redo, each named for the step it takes. */
function UndoRedoButtons() {
  const undoLabel = useStore((s) => s.undoLabel);
  const redoLabel = useStore((s) => s.redoLabel);
  const undo = useStore((s) => s.undo);
  const redo = useStore((s) => s.redo);
  const undoTitle = undoLabel ? `Undo ${undoLabel} (${MOD}Z)` : 'Nothing to undo';
  const redoTitle = redoLabel
    ? `Redo ${redoLabel} (${isMac ? '⇧⌘Z' : 'Ctrl+Shift+Z'})`
    : 'Nothing to redo';
  return (
    <>
      <button
        type="button"
        className="button ghost"
        onClick={() => void undo()}
        disabled={!undoLabel}
        title={undoTitle}
        aria-label={undoLabel ? `Undo ${undoLabel}` : 'Undo'}
        aria-keyshortcuts={isMac ? 'Meta+Z' : 'Control+Z'}
      >
        <UndoIcon size={16} /> Undo
      </button>
      <button
        type="button"
        className="button ghost"
        onClick={() => void redo()}
        disabled={!redoLabel}
        title={redoTitle}
        aria-label={redoLabel ? `Redo ${redoLabel}` : 'Redo'}
        aria-keyshortcuts={isMac ? 'Meta+Shift+Z' : 'Control+Shift+Z'}
      >
        <RedoIcon size={16} /> Redo
      </button>
    </>
  );
}

/** The bar above every view: home, the save status, undo and redo, backups, help, settings. */
export function TopBar() {
  const setShowHelp = useStore((s) => s.setShowHelp);
  const openLibrary = useStore((s) => s.openLibrary);
  const openBackups = useStore((s) => s.openBackups);
  const openSettings = useStore((s) => s.openSettings);
  const onBackups = useStore((s) => s.view.name === 'backups');

  return (
    <header className="top-bar">
      <button type="button" className="brand" onClick={openLibrary} aria-label="Beatline home">
        <LogoMark />
        <span>Beatline</span>
      </button>
      <span className="spacer" />
      <SaveStatus />
      <div className="toolbar" role="toolbar" aria-label="Edit">
        <UndoRedoButtons />
        <button
          type="button"
          className="button ghost"
          onClick={openBackups}
          aria-current={onBackups ? 'page' : undefined}
          title="Backups of your library"
        >
          <BackupsIcon size={16} /> Backups
        </button>
        <button
          type="button"
          className="icon-button"
          onClick={() => setShowHelp(true)}
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
        >
          <KeyboardIcon size={17} />
        </button>
        <button
          type="button"
          className="icon-button"
          onClick={openSettings}
          aria-label="Settings"
          title={`Settings (${MOD},)`}
        >
          <SettingsIcon size={17} />
        </button>
      </div>
    </header>
  );
}
