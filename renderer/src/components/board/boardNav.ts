import { create } from 'zustand';
import type { BeatSearchResult } from '../../../../electron/core/contract/types';
import { clampWidth, loadColumnWidth, saveColumnWidth } from './columnWidth';

/**
 * The board's navigation state (issue 16): overview on or off, the column width per story,
 * the "Go to event" dialog and the beat search. A store of its own: none of it is library
 * data, and the timeline store stays as it was.
 */
export interface BoardNav {
  overview: boolean;
  /** Column widths chosen in this session, by story (the rest come from storage). */
  widths: Record<string, number>;
  goToOpen: boolean;
  searchOpen: boolean;
  query: string;
  /** The answer for `query`, or null while none has arrived (or the query is empty). */
  result: BeatSearchResult | null;
  /** Index of the current hit in `result.hits`, or -1. */
  current: number;
  setOverview(on: boolean): void;
  setWidth(storyId: string, px: number): void;
  setGoToOpen(open: boolean): void;
  setSearchOpen(open: boolean): void;
  setQuery(query: string): void;
  setResult(result: BeatSearchResult | null, current: number): void;
  setCurrent(current: number): void;
}

export const useBoardNav = create<BoardNav>()((set) => ({
  overview: false,
  widths: {},
  goToOpen: false,
  searchOpen: false,
  query: '',
  result: null,
  current: -1,
  setOverview: (overview) => set({ overview }),
  setWidth: (storyId, px) => {
    const width = clampWidth(px);
    saveColumnWidth(storyId, width);
    set((s) => ({ widths: { ...s.widths, [storyId]: width } }));
  },
  setGoToOpen: (goToOpen) => set({ goToOpen }),
  setSearchOpen: (searchOpen) =>
    set(searchOpen ? { searchOpen } : { searchOpen, query: '', result: null, current: -1 }),
  setQuery: (query) => set({ query }),
  setResult: (result, current) => set({ result, current }),
  setCurrent: (current) => set({ current }),
}));

/** The width of a story's columns as the writer set it. */
export function widthOf(s: BoardNav, storyId: string): number {
  return s.widths[storyId] ?? loadColumnWidth(storyId);
}
