import { useStore } from '.';

interface FlushHost {
  onFlushRequest?: (flush: () => Promise<void>) => unknown;
}

/**
 * Typing reaches the library when the page is hidden (saved as usual, over what the field
 * started from, so it neither looks like another window's change afterwards nor writes over
 * one) or closed (reload, tab closed, window closed: sent at once), and in Electron when the
 * main process asks before it closes a window.
 */
export function installDraftFlushOnClose(host: unknown): void {
  window.addEventListener('pagehide', () => useStore.getState().sendAllDraftsNow());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void useStore.getState().commitAllDrafts();
  });
  (host as FlushHost | undefined)?.onFlushRequest?.(() => useStore.getState().commitAllDrafts());
}
