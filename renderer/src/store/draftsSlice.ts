import { sendingWhileClosing } from '../api/bridge';
import type { DraftBase } from './saveText';
import type { Slice, Store } from './types';

/** True while a field or a toast holds text the library refused (too long, a conflict, gone). */
export function holdsUnsavedText(s: Store): boolean {
  return (
    Object.values(s.fieldStates).some((state) => typeof state === 'string') ||
    s.toasts.some((t) => t.unsaved !== undefined)
  );
}

/**
 * The text fields that may hold typing the library has not confirmed yet. Undo, leaving the
 * story and closing the page reach every one of them through this registry (the store's).
 */
export interface DraftField {
  /** Sends the field's typing now, in the queue, and ends it as one step. */
  commit(): Promise<unknown>;
  /** Sends the field's unsent typing at once, outside the queue: the page is going away. */
  sendNow(): void;
  /** Keeps the field's unconfirmed text in local storage (`keptDrafts.ts`); true if it had any. */
  keep(): boolean;
}

/**
 * Typing a field held when it left the page while its row stayed (its beat moved to another
 * event, so its card was drawn again there), handed to the field that shows the row next.
 */
export interface HandedDraft {
  text: string;
  /** What the typing started from (shared: the save in flight moves it on). */
  base: DraftBase;
  /** Called by the field that takes the typing over: the old one stops settling it. */
  adopted(): void;
}

export interface DraftsSlice {
  /** Hands typing over under `key` (a `DraftTarget` as `kind:id`) until taken or dropped. */
  handOverDraft(key: string, draft: HandedDraft): void;
  /** The typing handed over under `key`, if any, taken (once). */
  takeHandedDraft(key: string): HandedDraft | undefined;
  /** Drops `draft` if it is still waiting under `key` (its save was answered). */
  dropHandedDraft(key: string, draft: HandedDraft): void;
  /** Adds a field to the registry; the returned function takes it out again. */
  registerDraftField(field: DraftField): () => void;
  /** Sends every field's typing (queued, in order); resolves once each has been answered. */
  commitAllDrafts(): Promise<void>;
  /** Sends every field's unsent typing in this very call, as requests that outlive the page. */
  sendAllDraftsNow(): void;
  /**
   * Saves every field's typing, then keeps what the library did not take in local storage;
   * resolves to true when text is left unsaved (in a field or a toast): the window is closing.
   */
  saveBeforeClose(): Promise<boolean>;
}

/** The draft-field registry, one per store. */
export const createDraftsSlice: Slice<DraftsSlice> = (_set, get) => {
  const fields = new Set<DraftField>();
  const handed = new Map<string, HandedDraft>();
  return {
    handOverDraft: (key, draft) => {
      handed.set(key, draft);
    },
    takeHandedDraft: (key) => {
      const draft = handed.get(key);
      handed.delete(key);
      return draft;
    },
    dropHandedDraft: (key, draft) => {
      if (handed.get(key) === draft) handed.delete(key);
    },
    registerDraftField: (field) => {
      fields.add(field);
      return () => {
        fields.delete(field);
      };
    },
    commitAllDrafts: async () => {
      await Promise.all([...fields].map((f) => f.commit()));
    },
    sendAllDraftsNow: () => {
      sendingWhileClosing(() => {
        for (const field of fields) field.sendNow();
      });
    },
    saveBeforeClose: async () => {
      await get().commitAllDrafts();
      let kept = false;
      for (const field of fields) kept = field.keep() || kept;
      return kept || holdsUnsavedText(get());
    },
  };
};
