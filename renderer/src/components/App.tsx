import { useEffect } from 'react';
import { useStore } from '../store';
import { ConfirmDialog, HelpDialog } from './Dialogs';
import { DragOverlay } from './DragOverlay';
import { LibraryView } from './LibraryView';
import { LiveRegion } from './LiveRegion';
import { StoryView } from './StoryView';
import { Toasts } from './Toasts';
import { TopBar } from './TopBar';

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.matches('input, textarea, select');
}

/** App-wide shortcuts. In text fields Ctrl+Z stays the field's own text undo. */
function useGlobalShortcuts() {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      const { drag, confirmRequest, showHelp, undo, redo, setShowHelp } = useStore.getState();
      if (drag || confirmRequest || showHelp || e.defaultPrevented) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && !e.altKey && (key === 'z' || key === 'y') && !isTextField(e.target)) {
        e.preventDefault();
        if (key === 'y' || e.shiftKey) void redo();
        else void undo();
      } else if (e.key === '?' && !mod && !isTextField(e.target)) {
        e.preventDefault();
        setShowHelp(true);
      }
    };
    // The Electron menu (Edit → Undo/Redo) can reach the store the same way.
    const onCommand = (e: Event) => {
      const command = (e as CustomEvent<unknown>).detail;
      if (command === 'undo') void useStore.getState().undo();
      if (command === 'redo') void useStore.getState().redo();
    };
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('beatline:command', onCommand);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('beatline:command', onCommand);
    };
  }, []);
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

export function App() {
  const view = useStore((s) => s.view);
  const openStory = useStore((s) => s.openStory);
  useGlobalShortcuts();
  useDocumentTitle();

  // A reload comes back to the story that was open.
  useEffect(() => {
    const { view: initial } = useStore.getState();
    if (initial.name === 'story') openStory(initial.storyId);
  }, [openStory]);

  return (
    <div className="app">
      <TopBar />
      {view.name === 'library' ? <LibraryView /> : <StoryView storyId={view.storyId} />}
      <Toasts />
      <LiveRegion />
      <DragOverlay />
      <ConfirmDialog />
      <HelpDialog />
    </div>
  );
}
