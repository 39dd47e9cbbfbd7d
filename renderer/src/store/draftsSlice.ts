import { sendingWhileClosing } from '../api/bridge';
import type { Slice } from './types';

/**
 * The text fields that may hold typing the library has not confirmed yet. Undo, leaving the
 * story and closing the page reach every one of them through this registry (the store's).
 */
export interface DraftField {
  /** Sends the field's typing now, in the queue, and ends it as one step. */
  commit(): Promise<unknown>;
  /** Sends the field's unsent typing at once, outside the queue: the page is going away. */
  sendNow(): void;
}

export interface DraftsSlice {
  /** Adds a field to the registry; the returned function takes it out again. */
  registerDraftField(field: DraftField): () => void;
  /** Sends every field's typing (queued, in order); resolves once each has been answered. */
  commitAllDrafts(): Promise<void>;
  /** Sends every field's unsent typing in this very call, as requests that outlive the page. */
  sendAllDraftsNow(): void;
}

/** The draft-field registry, one per store. */
export const createDraftsSlice: Slice<DraftsSlice> = () => {
  const fields = new Set<DraftField>();
  return {
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
  };
};
