import { useEffect } from 'react';
import { api } from '../api/bridge';
import { CONFLICT_EVENT } from '../../../electron/core/contract/api';
import { useStore } from '../store';
import { BackupsView } from './BackupsView';
import { ConfirmDialog, HelpDialog } from './Dialogs';
import { DragOverlay } from './DragOverlay';
import { ExportDialog } from './ExportDialog';
import { LibraryView } from './LibraryView';
import { LiveRegion } from './LiveRegion';
import { RecoveryView } from './RecoveryView';
import { SettingsDialog } from './SettingsDialog';
import { StoryView } from './StoryView';
import { Toasts } from './Toasts';
import { TopBar } from './TopBar';

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.matches('input, textarea, select');
}

/** Export (the open story, or a choice of stories), Import and Backups, from keys or a menu. */
function runCommand(command: 'export' | 'import' | 'backups') {
  const state = useStore.getState();
  if (command === 'import') void state.importStory();
  else if (command === 'backups') state.openBackups();
  else state.openExportDialog(state.view.name === 'story' ? state.view.storyId : null);
}

/**
 * A field of the story view: its text is saved as it is typed, so its typing is in the app's
 * history. Other fields (a new story's title, dialogs, and in the story view those marked
 * `data-own-undo`: the search box, Go to event, the link picker) keep the browser's own text
 * undo, kept to themselves (`useFieldUndoKeys`).
 */
function isSavedAsTyped(target: EventTarget | null): boolean {
  return (
    isTextField(target) &&
    !(target as HTMLElement).matches('[data-own-undo]') &&
    (target as HTMLElement).closest('.story-view') !== null
  );
}

/**
 * Undo or redo from inside a text field: the field's typing is sent first (so it becomes a
 * step), then the app's history moves. The browser's own text undo never runs: it jumps to
 * other fields and changes text the app does not see (issue 12).
 */
function undoFromField(redo: boolean): void {
  const state = useStore.getState();
  void state.commitAllDrafts();
  void (redo ? state.redo() : state.undo());
}

/** Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z and Ctrl+Y in a text field: the app's undo, never the browser's. */
function useFieldUndoKeys() {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (!isSavedAsTyped(e.target) || !(e.ctrlKey || e.metaKey) || e.altKey) return;
      const key = e.key.toLowerCase();
      if (key !== 'z' && key !== 'y') return;
      e.preventDefault();
      e.stopPropagation();
      const { drag, confirmRequest, showHelp, exportDialog, settingsOpen } = useStore.getState();
      if (drag || confirmRequest || showHelp || exportDialog || settingsOpen) return;
      undoFromField(key === 'y' || e.shiftKey);
    };
    // The Edit menu or the context menu's Undo, where they reach the page as input events.
    const onBeforeInput = (e: InputEvent) => {
      if (e.inputType !== 'historyUndo' && e.inputType !== 'historyRedo') return;
      // The browser's own undo, from a field that keeps it (the search box), reaching into
      // another field: never (it would change, and save, text the writer is not editing).
      if (e.target !== document.activeElement) {
        e.preventDefault();
        return;
      }
      if (!isSavedAsTyped(e.target)) return;
      e.preventDefault();
      undoFromField(e.inputType === 'historyRedo');
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    window.addEventListener('beforeinput', onBeforeInput, { capture: true });
    return () => {
      window.removeEventListener('keydown', onKeyDown, { capture: true });
      window.removeEventListener('beforeinput', onBeforeInput, { capture: true });
    };
  }, []);
}

/** App-wide shortcuts (undo keys inside text fields: `useFieldUndoKeys`). */
function useGlobalShortcuts() {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      const {
        drag,
        confirmRequest,
        showHelp,
        exportDialog,
        settingsOpen,
        undo,
        redo,
        setShowHelp,
      } = useStore.getState();
      if (drag || confirmRequest || showHelp || exportDialog || settingsOpen || e.defaultPrevented)
        return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && !e.altKey && (key === 'z' || key === 'y') && !isTextField(e.target)) {
        e.preventDefault();
        if (key === 'y' || e.shiftKey) void redo();
        else void undo();
      } else if (mod && !e.altKey && !e.shiftKey && (key === 'e' || key === 'o')) {
        // Also in text fields: neither key means anything there.
        e.preventDefault();
        runCommand(key === 'e' ? 'export' : 'import');
      } else if (mod && !e.altKey && !e.shiftKey && e.key === ',') {
        e.preventDefault();
        useStore.getState().openSettings();
      } else if (e.key === '?' && !mod && !isTextField(e.target)) {
        e.preventDefault();
        setShowHelp(true);
      }
    };
    // The Electron menu (File, Edit, Help) reaches the store the same way.
    const onCommand = (e: Event) => {
      const command = (e as CustomEvent<unknown>).detail;
      if (command === 'undo') void useStore.getState().undo();
      if (command === 'redo') void useStore.getState().redo();
      if (command === 'shortcuts') useStore.getState().setShowHelp(true);
      if (command === 'settings') useStore.getState().openSettings();
      if (command === 'export' || command === 'import' || command === 'backups') {
        runCommand(command);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('beatline:command', onCommand);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('beatline:command', onCommand);
    };
  }, []);
}

/** Every view in step: a change another writer made is read again as it lands. */
function useChangeNotices() {
  useEffect(() => api().subscribe(() => useStore.getState().libraryChanged()), []);
  // A refused call may mean the library file was swapped underneath and the notice was missed
  // (issue 13, h41): the health says so, and the recovery screen shows.
  useEffect(() => {
    const refused = () => void useStore.getState().checkHealth();
    window.addEventListener(CONFLICT_EVENT, refused);
    return () => window.removeEventListener(CONFLICT_EVENT, refused);
  }, []);
  // How far the desktop app's import has got (issue 13): the Import button shows it.
  useEffect(() => api().onImportProgress((f) => useStore.getState().setImportProgress(f)), []);
}

/** The window title names the open story. */
function useDocumentTitle() {
  const storyTitle = useStore((s) =>
    s.view.name === 'story' && s.timeline?.story.id === s.view.storyId
      ? s.timeline.story.title
      : null,
  );
  useEffect(() => {
    document.title = storyTitle ? `${storyTitle} · Beatline` : 'Beatline';
  }, [storyTitle]);
}

/** Checks the library file first: a damaged one gets the recovery screen, not the app. */
export function App() {
  const healthStatus = useStore((s) => s.healthStatus);
  const checkHealth = useStore((s) => s.checkHealth);
  useEffect(() => {
    void checkHealth();
  }, [checkHealth]);

  // Listened to on the recovery screen too: another page may reopen the library (h41).
  useChangeNotices();

  if (healthStatus === 'checking') return <div className="app" aria-busy="true" />;
  if (healthStatus === 'damaged') {
    return (
      <>
        <RecoveryView />
        <Toasts />
        <LiveRegion />
        <ConfirmDialog />
      </>
    );
  }
  return <Workspace />;
}

function Workspace() {
  const view = useStore((s) => s.view);
  useGlobalShortcuts();
  useFieldUndoKeys();
  useDocumentTitle();

  return (
    <div className="app">
      <TopBar />
      {view.name === 'story' ? (
        <StoryView storyId={view.storyId} />
      ) : view.name === 'backups' ? (
        <BackupsView />
      ) : (
        <LibraryView />
      )}
      <Toasts />
      <LiveRegion />
      <DragOverlay />
      <ConfirmDialog />
      <HelpDialog />
      <ExportDialog />
      <SettingsDialog />
    </div>
  );
}
