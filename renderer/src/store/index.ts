import { create } from 'zustand';
import { createBackupsSlice } from './backupsSlice';
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

/** The one store, built from slices: library, timeline, undo history, UI, story files and backups. */
export const useStore = create<Store>()((set, get, store) => {
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
    ...createBoardSlice(set, get, store),
  };
});

export type { Store } from './types';
