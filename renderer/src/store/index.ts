import { create, type StateCreator } from 'zustand';
import { createBackupsSlice } from './backupsSlice';
import { createDraftsSlice } from './draftsSlice';

import { createBoardSlice } from './boardSlice';
import { Engine } from './engine';
import { createFilesSlice } from './filesSlice';
import { createHistorySlice } from './historySlice';
import { createLibrarySlice } from './librarySlice';
import { createLogicSlice } from './logicSlice';
import { createSettingsSlice } from './settingsSlice';
import { createTimelineSlice } from './timelineSlice';
import type { Store } from './types';
import { createUiSlice } from './uiSlice';

/** The store's slices: library, timeline, undo history, UI, story files and backups. */
const slices: StateCreator<Store> = (set, get, store) => {
  const engine = new Engine(set, get);
  return {
    ...createLibrarySlice(engine)(set, get, store),
    ...createTimelineSlice(engine)(set, get, store),
    ...createHistorySlice(engine)(set, get, store),
    ...createUiSlice(set, get, store),
    ...createFilesSlice(engine)(set, get, store),
    ...createBackupsSlice(engine)(set, get, store),
    ...createLogicSlice(engine)(set, get, store),
    ...createSettingsSlice(set, get, store),
    ...createDraftsSlice(set, get, store),

    ...createBoardSlice(set, get, store),
  };
};

/** A store of its own (each holds its own registries); the app has one, `useStore`. */
export const createAppStore = () => create<Store>()(slices);

/** The app's one store. */
export const useStore = createAppStore();

export type { Store } from './types';
