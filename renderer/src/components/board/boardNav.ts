import { create } from 'zustand';
import type { BeatSearchResult } from '../../../../electron/core/contract/types';
import {
  clampWidth,
  loadColumnWidth,
  loadColumnWidths,
  saveColumnWidth,
  saveColumnWidths,
  type ColumnWidths,
} from './columnWidth';

/**
 * The board's navigation state (issue 16): overview on or off, the column width per story,
 * the "Go to event" dialog and the beat search. A store of its own: none of it is library
 * data, and the timeline store stays as it was.
 */
export interface BoardNav {
  overview: boolean;
  /** Column widths chosen in this session, by story (the rest come from storage). */
  widths: Record<string, number>;
  /** Single-column widths chosen in this session, by story, then event. */
  ownWidths: Record<string, ColumnWidths>;
  goToOpen: boolean;
  searchOpen: boolean;
  query: string;
  /** The answer for `query`, or null while none has arrived (or the query is empty). */
  result: BeatSearchResult | null;
  /** Index of the current hit in `result.hits`, or -1. */
  current: number;
  setOverview(on: boolean): void;
  /** Sets every column of a story to `px` (single-column widths are forgotten). */
  setWidth(storyId: string, px: number): void;
  /** Sets one event's column width; null gives it the story's width again. */
  setOwnWidth(storyId: string, eventId: string, px: number | null): void;
  setGoToOpen(open: boolean): void;
  setSearchOpen(open: boolean): void;
  setQuery(query: string): void;
  setResult(result: BeatSearchResult | null, current: number): void;
  setCurrent(current: number): void;
}

export const useBoardNav = create<BoardNav>()((set) => ({
  overview: false,
  widths: {},
  ownWidths: {},
  goToOpen: false,
  searchOpen: false,
  query: '',
  result: null,
  current: -1,
  setOverview: (overview) => set({ overview }),
  setWidth: (storyId, px) => {
    const width = clampWidth(px);
    saveColumnWidth(storyId, width);
    saveColumnWidths(storyId, {});
    set((s) => ({
      widths: { ...s.widths, [storyId]: width },
      ownWidths: { ...s.ownWidths, [storyId]: {} },
    }));
  },
  setOwnWidth: (storyId, eventId, px) =>
    set((s) => {
      const next = { ...ownWidthsOf(s, storyId) };
      const width = px === null ? null : clampWidth(px);
      if (width === null || width === widthOf(s, storyId)) delete next[eventId];
      else next[eventId] = width;
      saveColumnWidths(storyId, next);
      return { ownWidths: { ...s.ownWidths, [storyId]: next } };
    }),
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

/** The widths of a story's single columns, by event, as the writer set them. */
export function ownWidthsOf(s: BoardNav, storyId: string): ColumnWidths {
  return s.ownWidths[storyId] ?? loadColumnWidths(storyId);
}
