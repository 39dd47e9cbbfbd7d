import { create } from 'zustand';
import { Engine } from './engine';
import { createHistorySlice } from './historySlice';
import { createLibrarySlice } from './librarySlice';
import { createTimelineSlice } from './timelineSlice';
import type { Store } from './types';
import { createUiSlice } from './uiSlice';

/** The one store, built from slices: library, timeline, undo history and UI. */
export const useStore = create<Store>()((set, get, store) => {
  const engine = new Engine(set, get);
  return {
    ...createLibrarySlice(engine)(set, get, store),
    ...createTimelineSlice(engine)(set, get, store),
    ...createHistorySlice(engine)(set, get, store),
    ...createUiSlice(set, get, store),
  };
});

export type { Store } from './types';
