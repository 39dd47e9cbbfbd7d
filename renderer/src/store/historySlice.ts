import type { Engine } from './engine';
import { HISTORY_LIMIT, invertOp, type HistoryEntry } from './history';
import type { HistorySlice, Slice, Store } from './types';

/** Adds a step to the undo history; a new step clears the redo stack. */
export function pushHistory(entry: HistoryEntry): (s: Store) => Partial<Store> {
  return (s) => ({ past: [...s.past, entry].slice(-HISTORY_LIMIT), future: [] });
}

export const createHistorySlice =
  (engine: Engine): Slice<HistorySlice> =>
  (set, get) => ({
    past: [],
    future: [],

    undo: () =>
      engine.enqueue(async () => {
        const entry = get().past.at(-1);
        if (!entry) return;
        set((s) => ({ past: s.past.slice(0, -1) }));
        const ok = await engine.runInline(invertOp(entry.op));
        if (get().view.name === 'library') await engine.refreshStories();
        if (ok) {
          set((s) => ({ future: [...s.future, entry] }));
          get().announce(`Undid ${entry.label}.`);
        } else {
          get().toast('error', `Could not undo ${entry.label}.`);
        }
      }),

    redo: () =>
      engine.enqueue(async () => {
        const entry = get().future.at(-1);
        if (!entry) return;
        set((s) => ({ future: s.future.slice(0, -1) }));
        const ok = await engine.runInline(entry.op);
        if (get().view.name === 'library') await engine.refreshStories();
        if (ok) {
          set((s) => ({ past: [...s.past, entry].slice(-HISTORY_LIMIT) }));
          get().announce(`Redid ${entry.label}.`);
        } else {
          get().toast('error', `Could not redo ${entry.label}.`);
        }
      }),
  });
