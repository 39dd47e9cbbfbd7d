import { useCallback, useDeferredValue } from 'react';
import type { RefObject } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  COLUMN_GAP,
  COLUMN_OVERSCAN,
  columnRange,
  columnWidth,
  leaveScroll,
  TRACK_PAD_X,
  type IndexRange,
} from './layout';

/**
 * Horizontal virtualization with @tanstack/react-virtual: the event columns to render for the
 * board's scroll position. Columns have the board's width or their own (layout.ts), so they are
 * never measured and a column's place stays arithmetic (`columnLeft`). The columns beyond the edges are added in
 * a deferred render, after the ones in view have been painted (on the first paint, and as
 * columns scroll in).
 */
export function useColumnRange(
  boardRef: RefObject<HTMLElement | null>,
  count: number,
  /** The column width: a change moves every column, so the range is found again. */
  width: number,
  /** The single columns' own widths by index (layout's `ownColumnWidths`), likewise. */
  own: ReadonlyMap<number, number> | null,
): IndexRange {
  const overscan = useDeferredValue(COLUMN_OVERSCAN, 0);
  // A new key function for new widths: the virtualizer places its columns again.
  const getItemKey = useCallback((i: number) => `${own?.get(i) ?? width}:${i}`, [width, own]);
  // No React Compiler here: the virtualizer's answers are read afresh on every render.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer<HTMLElement, HTMLElement>({
    horizontal: true,
    count,
    getScrollElement: () => boardRef.current,
    estimateSize: (i) => columnWidth(i),
    getItemKey,
    overscan,
    gap: COLUMN_GAP,
    paddingStart: TRACK_PAD_X,
    paddingEnd: TRACK_PAD_X,
    // Until the board is laid out, the window's width.
    initialRect: { width: window.innerWidth, height: 0 },
    scrollToFn: leaveScroll,
    useFlushSync: false,
  });
  virtualizer.getVirtualIndexes();
  const range = virtualizer.range;
  if (!range) return columnRange(0, window.innerWidth, count);
  return {
    first: Math.max(0, range.startIndex - overscan),
    last: Math.min(count - 1, range.endIndex + overscan),
  };
}
