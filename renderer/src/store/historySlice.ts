import { api } from '../api/bridge';
import { call } from './call';
import type { Engine } from './engine';
import type { HistorySlice, Slice } from './types';

/**
 * Undo and Redo are the library's (history channels, per story in a story, the library's own
 * steps in the library view): they survive a reload and never reach a story not on screen.
 */
export const createHistorySlice =
  (engine: Engine): Slice<HistorySlice> =>
  (set, get) => {
    const replay = (verb: 'undo' | 'redo') =>
      engine.enqueue(async () => {
        const storyId = engine.historyScope();
        const result = await call(() => api().history[verb]({ storyId }));
        if (!result.ok) {
          get().toast('error', result.error.message);
          await engine.readHistory();
          return;
        }
        const { label, state } = result.value;
        engine.showHistory(state);
        if (label === null) return;
        get().announce(`${verb === 'undo' ? 'Undid' : 'Redid'} ${label}.`);
        // The open story and the story list as the library holds them now.
        const before = get().timeline;
        await engine.resync();
        engine.noteOwnChanges(before);
      });

    return {
      undoLabel: null,
      redoLabel: null,
      undo: () => replay('undo'),
      redo: () => replay('redo'),
      refreshHistory: () => engine.historyChanged(),
    };
  };
