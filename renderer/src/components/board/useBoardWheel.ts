import { useEffect, type RefObject } from 'react';

/** Pixels a wheel "line" stands for, when the wheel reports lines rather than pixels. */
const LINE = 40;

/** True when `el` or an ancestor below `stop` can still scroll vertically in `dy`'s direction. */
function scrollsVertically(el: Element | null, stop: Element, dy: number): boolean {
  for (let node = el; node && node !== stop; node = node.parentElement) {
    if (!(node instanceof HTMLElement) || node.scrollHeight <= node.clientHeight + 1) continue;
    const overflow = getComputedStyle(node).overflowY;
    if (overflow !== 'auto' && overflow !== 'scroll') continue;
    const room =
      dy < 0 ? node.scrollTop > 0 : node.scrollTop + node.clientHeight < node.scrollHeight - 1;
    if (room) return true;
  }
  return false;
}

/**
 * A vertical mouse wheel scrolls the board sideways wherever nothing under the pointer can
 * scroll up or down (a column header, the empty board, a short column, the end of a long
 * one); Shift+wheel always does. A trackpad's sideways swipe (deltaX) is left to the browser.
 */
export function useBoardWheel(boardRef: RefObject<HTMLElement | null>, mounted: boolean): void {
  useEffect(() => {
    const board = boardRef.current;
    if (!board) return;
    const onWheel = (e: WheelEvent) => {
      if (e.ctrlKey || e.metaKey) return;
      const unit = e.deltaMode === WheelEvent.DOM_DELTA_LINE ? LINE : 1;
      // Shift+wheel: Chromium already turns it sideways on some platforms (deltaX set).
      const dy = e.deltaY * unit;
      if (dy === 0 || Math.abs(e.deltaX) >= Math.abs(e.deltaY)) return;
      if (!e.shiftKey && scrollsVertically(e.target as Element, board, dy)) return;
      const max = board.scrollWidth - board.clientWidth;
      if (max <= 0) return;
      e.preventDefault();
      board.scrollLeft = Math.max(0, Math.min(max, board.scrollLeft + dy));
    };
    board.addEventListener('wheel', onWheel, { passive: false });
    return () => board.removeEventListener('wheel', onWheel);
  }, [boardRef, mounted]);
}
