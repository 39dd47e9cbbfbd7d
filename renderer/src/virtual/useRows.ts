import {
  useCallback,
  useDeferredValue,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { RefObject } from 'react';
import type { Slot } from '../store/timelineModel';
import { recordHeight, rowHeight } from './heights';
import { BEAT_GAP, ROW_OVERSCAN, widen, type IndexRange } from './layout';

/** `tops[i]` is where row i starts in the list's content; `tops[n]` is past the last gap. */
function computeTops(ids: readonly Slot[], _measured: number): Float64Array {
  const tops = new Float64Array(ids.length + 1);
  for (let i = 0; i < ids.length; i++) tops[i + 1] = tops[i]! + rowHeight(ids[i]!) + BEAT_GAP;
  return tops;
}

/** The first index in `tops[0..n-1]` whose value is >= `v` (or > `v` when `strict`). */
function search(tops: Float64Array, n: number, v: number, strict: boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const t = tops[mid]!;
    if (strict ? t > v : t >= v) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The rows that overlap `[y0, y1)` of the list's content. */
export function rowRange(tops: Float64Array, y0: number, y1: number): IndexRange {
  const n = tops.length - 1;
  if (n <= 0) return { first: 0, last: -1 };
  const first = Math.min(n - 1, Math.max(0, search(tops, n, y0, true) - 1));
  const last = Math.min(n - 1, Math.max(first, search(tops, n, y1, false) - 1));
  return { first, last };
}

/** The index among the rows other than `dragged` where a row dropped at `y` would land. */
export function dropIndexAt(tops: Float64Array, y: number, dragged: number): number {
  const n = tops.length - 1;
  let lo = 0;
  let hi = n;
  // Rows whose middle is above y, found by bisection (the middles are in order).
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const middle = (tops[mid]! + tops[mid + 1]! - BEAT_GAP) / 2;
    if (middle < y) lo = mid + 1;
    else hi = mid;
  }
  return dragged >= 0 && dragged < lo ? lo - 1 : lo;
}

export interface Rows extends IndexRange {
  tops: Float64Array;
  /** The content's height. */
  total: number;
  /** Ref callback for a rendered row (`data-row-id` set): keeps its height measured. */
  measure: (el: HTMLElement | null) => (() => void) | undefined;
}

/**
 * Vertical virtualization of one column's beats: which rows to render for the list's scroll
 * position, with rows placed by measured heights (ResizeObserver) or estimates. The rows in
 * range are laid out in flow between two paddings, so a card that grows pushes the ones
 * below it at once and the browser's scroll anchoring absorbs corrections above. Rows beyond
 * the edges are added in a deferred render, after the ones in view have been painted.
 */
export function useRows(
  ids: readonly Slot[],
  scrollerRef: RefObject<HTMLElement | null>,
  contentRef: RefObject<HTMLElement | null>,
): Rows {
  const [measured, setMeasured] = useState(0);
  const tops = useMemo(() => computeTops(ids, measured), [ids, measured]);
  // Until the list is laid out, a guess at its height.
  const [range, setRange] = useState<IndexRange>(() => rowRange(tops, 0, window.innerHeight - 240));
  const overscan = useDeferredValue(ROW_OVERSCAN, 0);
  const topsRef = useRef(tops);

  const sync = useCallback(() => {
    const scroller = scrollerRef.current;
    const content = contentRef.current;
    if (!scroller || !content) return;
    const top = scroller.scrollTop - content.offsetTop;
    const next = rowRange(topsRef.current, top, top + scroller.clientHeight);
    setRange((prev) => (prev.first === next.first && prev.last === next.last ? prev : next));
  }, [scrollerRef, contentRef]);

  // When the rows' places change (and on mount); scrolling is followed by the scroll event.
  // (A card scrolled into view before that event stays rendered: it is pinned by its focus.)
  useLayoutEffect(() => {
    topsRef.current = tops;
    sync();
  }, [tops, sync]);

  useEffect(() => {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    scroller.addEventListener('scroll', sync, { passive: true });
    const resize = new ResizeObserver(sync);
    resize.observe(scroller);
    return () => {
      scroller.removeEventListener('scroll', sync);
      resize.disconnect();
    };
  }, [scrollerRef, sync]);

  const observer = useRef<ResizeObserver | null>(null);
  useEffect(() => () => observer.current?.disconnect(), []);
  const measure = useCallback((el: HTMLElement | null) => {
    if (!el) return undefined;
    observer.current ??= new ResizeObserver((entries) => {
      let changed = false;
      for (const entry of entries) {
        const id = (entry.target as HTMLElement).dataset.rowId;
        const height =
          entry.borderBoxSize[0]?.blockSize ?? (entry.target as HTMLElement).offsetHeight;
        if (id && height > 0 && recordHeight(id, height)) changed = true;
      }
      if (changed) setMeasured((m) => m + 1);
    });
    const resize = observer.current;
    resize.observe(el);
    return () => resize.unobserve(el);
  }, []);

  const n = ids.length;
  const { first, last } = widen(range, overscan, n);
  return { first, last, tops, total: n === 0 ? 0 : tops[n]! - BEAT_GAP, measure };
}
