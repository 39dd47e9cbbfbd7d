import { useCallback, useDeferredValue, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { COLUMN_OVERSCAN, columnRange, widen, type IndexRange } from './layout';

/**
 * Horizontal virtualization: the event columns to render for the board's scroll position.
 * The columns beyond the edges are added in a deferred render, after the ones in view have
 * been painted (on the first paint, and as columns scroll in).
 */
export function useColumnRange(
  boardRef: RefObject<HTMLElement | null>,
  count: number,
  /** The column width: a change moves every column, so the range is found again. */
  width: number,
): IndexRange {
  const [range, setRange] = useState<IndexRange>(() => columnRange(0, window.innerWidth, count));
  const overscan = useDeferredValue(COLUMN_OVERSCAN, 0);
  const countRef = useRef(count);

  const sync = useCallback(() => {
    const board = boardRef.current;
    if (!board) return;
    const next = columnRange(board.scrollLeft, board.clientWidth, countRef.current);
    setRange((prev) => (prev.first === next.first && prev.last === next.last ? prev : next));
  }, [boardRef]);

  // When the number of columns changes (and on mount); scrolling is followed by the scroll
  // event. (A column scrolled into view before that event stays rendered: it is pinned.)
  useLayoutEffect(() => {
    countRef.current = count;
    sync();
  }, [count, width, sync]);

  useEffect(() => {
    const board = boardRef.current;
    if (!board) return;
    board.addEventListener('scroll', sync, { passive: true });
    const resize = new ResizeObserver(sync);
    resize.observe(board);
    return () => {
      board.removeEventListener('scroll', sync);
      resize.disconnect();
    };
  }, [boardRef, sync]);

  return widen(range, overscan, count);
}
