import type { Slice } from './types';

/** How to read a mounted beat list's layout (from its virtualizer; see virtual/registry.ts). */
export interface RowLayout {
  /** The final index among the other beats where `draggedId` dropped at `clientY` would land. */
  slotAt(clientY: number, draggedId: string): number;
  /** The top of row `index` in the list's content. */
  top(index: number): number;
}

/** An arrow-key focus move waiting for its beat to load (see virtual/focusGoal.ts). */
export interface FocusGoal {
  /** The beat that held the focus when the goal was set: the goal counts only while it does. */
  from: string;
  eventId: string;
  index: number;
}

/**
 * The virtualized board's own state (not library data): the arrow-key focus goal, and the
 * layouts of the mounted beat lists, which drag hit-testing and scrolling to a beat read.
 */
export interface BoardSlice {
  focusGoal: FocusGoal | null;
  setFocusGoal(goal: FocusGoal | null): void;
  /** Registers a mounted beat list's layout under its event; returns the unregistering function. */
  registerRows(eventId: string, layout: RowLayout): () => void;
  /** The layout of an event's beat list, when it is mounted. */
  rowLayout(eventId: string): RowLayout | null;
}

export const createBoardSlice: Slice<BoardSlice> = (set) => {
  // Registered and read, never drawn: kept out of the state, so a list mounting renders nothing.
  const rowLayouts = new Map<string, RowLayout>();
  return {
    focusGoal: null,
    setFocusGoal: (focusGoal) => set({ focusGoal }),
    registerRows: (eventId, layout) => {
      rowLayouts.set(eventId, layout);
      return () => {
        if (rowLayouts.get(eventId) === layout) rowLayouts.delete(eventId);
      };
    },
    rowLayout: (eventId) => rowLayouts.get(eventId) ?? null,
  };
};
