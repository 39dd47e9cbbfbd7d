import { useStore } from '.';
import { holdsUnsavedText } from './draftsSlice';
import { restoreKeptDrafts } from './restoreDrafts';

interface FlushHost {
  /** Electron's: the window asks before it closes; the answer says whether text is unsaved. */
  onFlushRequest?: (flush: () => Promise<boolean>) => unknown;
  /** The browser host's: a page there can be closed or reloaded under the writer. */
  whileClosing?: unknown;
}

/**
 * Typing reaches the library when the page is hidden (saved as usual, over what the field
 * started from, so it neither looks like another window's change afterwards nor writes over
 * one) or closed (reload, tab closed, window closed: sent at once, and kept in local storage
 * until the library holds it), and in Electron when the main process asks before it closes a
 * window. Text kept when a page closed is offered again now (`restoreKeptDrafts`).
 */
export function installDraftFlushOnClose(host: unknown): void {
  window.addEventListener('pagehide', () => useStore.getState().sendAllDraftsNow());
  // The browser asks before a reload or a closed tab throws such text away (issue 12, h65),
  // also when it is only in a toast (h72). In Electron the window asks (`saveBeforeClose`).
  if ((host as FlushHost | undefined)?.whileClosing) {
    window.addEventListener('beforeunload', (e) => {
      if (holdsUnsavedText(useStore.getState())) e.preventDefault();
    });
  }
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void useStore.getState().commitAllDrafts();
  });
  (host as FlushHost | undefined)?.onFlushRequest?.(() => useStore.getState().saveBeforeClose());
  void restoreKeptDrafts(() => useStore.getState());
}
