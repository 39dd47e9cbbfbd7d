import { useStore } from '.';

interface FlushHost {
  onFlushRequest?: (flush: () => Promise<void>) => unknown;
  /** The browser host's: a page there can be closed or reloaded under the writer. */
  whileClosing?: unknown;
}

/** True while a field holds text the library refused (too long, a conflict, gone, unreachable). */
function holdsRefusedText(): boolean {
  return Object.values(useStore.getState().fieldStates).some((state) => typeof state === 'string');
}

/**
 * Typing reaches the library when the page is hidden (saved as usual, over what the field
 * started from, so it neither looks like another window's change afterwards nor writes over
 * one) or closed (reload, tab closed, window closed: sent at once), and in Electron when the
 * main process asks before it closes a window.
 */
export function installDraftFlushOnClose(host: unknown): void {
  window.addEventListener('pagehide', () => useStore.getState().sendAllDraftsNow());
  // The browser asks before a reload or a closed tab throws such text away (issue 12, h65). Not
  // in Electron, where a refused unload would keep the window from closing without a word.
  if ((host as FlushHost | undefined)?.whileClosing) {
    window.addEventListener('beforeunload', (e) => {
      if (holdsRefusedText()) e.preventDefault();
    });
  }
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void useStore.getState().commitAllDrafts();
  });
  (host as FlushHost | undefined)?.onFlushRequest?.(() => useStore.getState().commitAllDrafts());
}
