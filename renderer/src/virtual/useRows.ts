import { useCallback, useDeferredValue, useLayoutEffect } from 'react';
import type { RefObject } from 'react';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import type { Slot } from '../store/timelineModel';
import { BEAT_GAP, leaveScroll, LIST_PAD_TOP, ROW_OVERSCAN, type IndexRange } from './layout';

/** The height a row is given until it is measured (and a placeholder's, until it loads). */
export const ESTIMATED_ROW_HEIGHT = 84;
const estimateSize = () => ESTIMATED_ROW_HEIGHT;

/** Where a row is: its top in the list's content and its height (measured or estimated). */
export interface RowPlace {
  top: number;
  height: number;
}

/**
 * The index among the rows other than `dragged` where a row dropped at `y` (in the list's
 * content) would land: the number of rows whose middle is above `y`, found by bisection.
 */
export function dropIndexAt(
  count: number,
  place: (i: number) => RowPlace,
  y: number,
  dragged: number,
): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const { top, height } = place(mid);
    if (top + height / 2 < y) lo = mid + 1;
    else hi = mid;
  }
  return dragged >= 0 && dragged < lo ? lo - 1 : lo;
}

export interface Rows extends IndexRange {
  /** Rows outside `first..last` rendered anyway (pinned), in order: placed at their tops. */
  floating: number[];
  /** Where row `i` is, rendered or not. */
  place: (i: number) => RowPlace;
  /** The content's height. */
  total: number;
  /** Ref callback for a rendered row (`data-index` set): keeps its height measured. */
  measure: (el: HTMLElement | null) => void;
}

/**
 * Vertical virtualization of one column's beats with @tanstack/react-virtual: which rows to
 * render for the list's scroll position, with rows placed by their measured heights (kept by
 * the virtualizer, by beat id) or an estimate. `pinned` rows are rendered wherever they are.
 * The rows in range are laid out in flow between two paddings, so a card that grows pushes
 * the ones below it at once and the browser's scroll anchoring absorbs corrections above (the
 * virtualizer's own scroll corrections are turned off). Rows beyond the edges are added in a
 * deferred render, after the ones in view have been painted.
 */
export function useRows(
  ids: readonly Slot[],
  scrollerRef: RefObject<HTMLElement | null>,
  pinned: readonly number[],
): Rows {
  const overscan = useDeferredValue(ROW_OVERSCAN, 0);
  const count = ids.length;
  const getItemKey = useCallback((i: number) => ids[i] ?? `slot-${i}`, [ids]);
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      const extra = pinned.filter((i) => i < range.count && !indexes.includes(i));
      return extra.length === 0 ? indexes : [...indexes, ...extra].sort((a, b) => a - b);
    },
    [pinned],
  );
  // No React Compiler here: the virtualizer's answers are read afresh on every render.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer<HTMLElement, HTMLElement>({
    count,
    getScrollElement: () => scrollerRef.current,
    estimateSize,
    getItemKey,
    rangeExtractor,
    overscan,
    gap: BEAT_GAP,
    scrollMargin: LIST_PAD_TOP,
    // Until the list is laid out, a guess at its height.
    initialRect: { width: 0, height: window.innerHeight - 240 },
    scrollToFn: leaveScroll,
    useFlushSync: false,
  });
  useLayoutEffect(() => {
    // Rows above the view that change height are absorbed by the browser's scroll anchoring.
    virtualizer.shouldAdjustScrollPositionOnItemSizeChange = () => false;
  }, [virtualizer]);

  const rendered = virtualizer.getVirtualIndexes();
  const range = virtualizer.range;
  const first = range ? Math.max(0, range.startIndex - overscan) : 0;
  const last = range ? Math.min(count - 1, range.endIndex + overscan) : -1;
  const floating = rendered.filter((i) => i < first || i > last);
  const measurements = virtualizer.measurementsCache;
  const place = useCallback(
    (i: number): RowPlace => {
      const item = measurements[i];
      return item
        ? { top: item.start - LIST_PAD_TOP, height: item.size }
        : { top: 0, height: ESTIMATED_ROW_HEIGHT };
    },
    [measurements],
  );
  return {
    first,
    last,
    floating,
    place,
    total: virtualizer.getTotalSize(),
    measure: virtualizer.measureElement,
  };
}
