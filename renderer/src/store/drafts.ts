import { sendingWhileClosing } from '../api/bridge';

/**
 * The text fields that may hold typing the library has not confirmed yet. Undo, leaving the
 * story and closing the page reach every one of them through this registry.
 */
export interface DraftField {
  /** Sends the field's typing now, in the queue, and ends it as one step. */
  commit(): Promise<unknown>;
  /** Sends the field's unsent typing at once, outside the queue: the page is going away. */
  sendNow(): void;
}

const fields = new Set<DraftField>();

/** Adds a field to the registry; the returned function takes it out again. */
export function registerDraftField(field: DraftField): () => void {
  fields.add(field);
  return () => {
    fields.delete(field);
  };
}

/** Sends every field's typing (queued, in order); resolves once each has been answered. */
export async function commitAllDrafts(): Promise<void> {
  await Promise.all([...fields].map((f) => f.commit()));
}

/** Sends every field's unsent typing in this very call, as requests that outlive the page. */
export function sendAllDraftsNow(): void {
  sendingWhileClosing(() => {
    for (const field of fields) field.sendNow();
  });
}

interface FlushHost {
  onFlushRequest?: (flush: () => Promise<void>) => unknown;
}

/**
 * Typing reaches the library when the page is hidden or closed (reload, tab closed, window
 * closed), and in Electron when the main process asks before it closes a window.
 */
export function installDraftFlushOnClose(host: unknown): void {
  window.addEventListener('pagehide', sendAllDraftsNow);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') sendAllDraftsNow();
  });
  (host as FlushHost | undefined)?.onFlushRequest?.(commitAllDrafts);
}
