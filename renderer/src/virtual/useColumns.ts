import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { columnRange, type IndexRange } from './layout';

/** Horizontal virtualization: the event columns to render for the board's scroll position. */
export function useColumnRange(boardRef: RefObject<HTMLElement | null>, count: number): IndexRange {
  const [range, setRange] = useState<IndexRange>(() => columnRange(0, window.innerWidth, count));
  const countRef = useRef(count);

  const sync = useCallback(() => {
    const board = boardRef.current;
    if (!board) return;
    const next = columnRange(board.scrollLeft, board.clientWidth, countRef.current);
    setRange((prev) => (prev.first === next.first && prev.last === next.last ? prev : next));
  }, [boardRef]);

  // After every render: a column scrolled into view (keyboard move, focus) moved the board.
  useLayoutEffect(() => {
    countRef.current = count;
    sync();
  });

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

  const last = Math.min(range.last, count - 1);
  return { first: Math.min(range.first, Math.max(0, last)), last };
}
