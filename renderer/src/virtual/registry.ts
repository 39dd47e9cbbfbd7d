import { useStore } from '../store';
import type { RowLayout } from '../store/boardSlice';

/**
 * Mounted beat lists register how to read their layout (from their virtualizer), so drag
 * hit-testing and scrolling to a beat work with rows that are not rendered. The layouts are
 * kept by the store (`registerRows`), for as long as their lists are mounted.
 */
export type { RowLayout };

/** Registers a mounted list's layout under its event; returns the unregistering function. */
export function registerRows(eventId: string, layout: RowLayout): () => void {
  return useStore.getState().registerRows(eventId, layout);
}

/** The final index among the other beats where a beat dropped at `clientY` would land. */
export function rowSlotAt(eventId: string, clientY: number, draggedId: string): number | null {
  return useStore.getState().rowLayout(eventId)?.slotAt(clientY, draggedId) ?? null;
}

/** The top of a row of a mounted list, in its content, or null when the list is not mounted. */
export function rowTop(eventId: string, index: number): number | null {
  return useStore.getState().rowLayout(eventId)?.top(index) ?? null;
}
