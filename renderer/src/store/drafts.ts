import { useStore } from '.';

interface FlushHost {
  onFlushRequest?: (flush: () => Promise<void>) => unknown;
}

/**
 * Typing reaches the library when the page is hidden or closed (reload, tab closed, window
 * closed), and in Electron when the main process asks before it closes a window.
 */
export function installDraftFlushOnClose(host: unknown): void {
  const sendNow = () => useStore.getState().sendAllDraftsNow();
  window.addEventListener('pagehide', sendNow);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') sendNow();
  });
  (host as FlushHost | undefined)?.onFlushRequest?.(() => useStore.getState().commitAllDrafts());
}
