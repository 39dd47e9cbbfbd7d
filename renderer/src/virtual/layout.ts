import { ownWidthsOf, useBoardNav, widthOf, type BoardNav } from '../components/board/boardNav';
import {
  DEFAULT_COLUMN_WIDTH,
  OVERVIEW_COLUMN_WIDTH,
  type ColumnWidths,
} from '../components/board/columnWidth';
import { useStore } from '../store';
import { arrayMove, type TimelineModel } from '../store/timelineModel';

/**
 * The timeline's geometry, shared by the virtualized board, drag hit-testing and the first
 * load. Columns have the board's width (`columnWidth()`) unless the writer resized one alone,
 * so a column's place is arithmetic plus the few resized before it.
 */
export const TRACK_PAD_X = 24;
export const COLUMN_GAP = 14;
export const ADD_EVENT_WIDTH = 200;
/** Columns rendered beyond each edge of the board. */
export const COLUMN_OVERSCAN = 4;
/** Columns beyond the rendered ones whose first beats are loaded ahead of a scroll. */
export const PREFETCH_COLUMNS = 4;
/** Gap between beat cards, as in `.beat-rows`. */
export const BEAT_GAP = 8;
/** The beat list's padding above its rows, as in `.beat-list`. */
export const LIST_PAD_TOP = 10;
/**
 * The virtualizers' `scrollToFn`: they never move the board or a list (on mounting they would
 * put it back at 0, after a focus request has scrolled a card into view). The writer, focus
 * requests and `board/reveal.ts` do.
 */
export const leaveScroll = () => {};
/** Beat rows rendered beyond each edge of a column's list. */
export const ROW_OVERSCAN = 4;

/** The width of a story's columns as its board shows them: the overview's, or the writer's. */
export function boardColumnWidth(nav: BoardNav, storyId: string): number {
  return nav.overview ? OVERVIEW_COLUMN_WIDTH : widthOf(nav, storyId);
}

/**
 * Column widths (h25/h27, issue 16): every column has the board's width, but for the few the
 * writer resized alone (`own`, by index as shown). Places stay arithmetic plus a sum over those.
 */
interface Columns {
  base: number;
  own: ReadonlyMap<number, number> | null;
}

/** The last by-index map and what it was derived from (compared by identity). */
let memo: {
  order: readonly string[];
  widths: ColumnWidths;
  movingId: string | null;
  movingTo: number;
  byIndex: ReadonlyMap<number, number> | null;
} | null = null;

/**
 * The columns of `order` (with `moving` shown at its keyboard-move place) that have a width of
 * their own, by index; null when none. Derived again only when one of its inputs changed.
 */
export function ownWidthsByIndex(
  order: readonly string[],
  widths: ColumnWidths,
  moving: { id: string; index: number } | null = null,
): ReadonlyMap<number, number> | null {
  const movingId = moving?.id ?? null;
  const movingTo = moving?.index ?? -1;
  if (
    memo &&
    memo.order === order &&
    memo.widths === widths &&
    memo.movingId === movingId &&
    memo.movingTo === movingTo
  ) {
    return memo.byIndex;
  }
  let byIndex: Map<number, number> | null = null;
  if (Object.keys(widths).length > 0) {
    const shown = moving ? arrayMove(order, moving.id, moving.index) : order;
    byIndex = new Map();
    shown.forEach((id, i) => {
      const px = widths[id];
      if (px !== undefined) byIndex!.set(i, px);
    });
    if (byIndex.size === 0) byIndex = null;
  }
  memo = { order, widths, movingId, movingTo, byIndex };
  return byIndex;
}

/** The open board's columns, read from the stores (never cached here but for the index map). */
function openColumns(): Columns {
  const s = useStore.getState();
  const storyId = s.timeline?.story.id;
  if (!storyId) return { base: DEFAULT_COLUMN_WIDTH, own: null };
  const nav = useBoardNav.getState();
  const base = boardColumnWidth(nav, storyId);
  if (nav.overview) return { base, own: null };
  const moving =
    s.drag?.kind === 'event' && s.drag.mode !== 'pointer'
      ? { id: s.drag.id, index: s.drag.target.index }
      : null;
  return { base, own: ownWidthsByIndex(s.timeline!.eventOrder, ownWidthsOf(nav, storyId), moving) };
}

/** The widths of the open board's single resized columns, by index as shown (null: none). */
export const ownColumnWidths = () => openColumns().own;

const widthAt = (c: Columns, index: number) => c.own?.get(index) ?? c.base;

function leftAt(c: Columns, index: number): number {
  let left = TRACK_PAD_X + index * (c.base + COLUMN_GAP);
  // Ascending by index (built in order), so the loop stops at the first one not before.
  if (c.own) {
    for (const [i, px] of c.own) {
      if (i >= index) break;
      left += px - c.base;
    }
  }
  return left;
}

/** The last column among `count` whose left edge is at or before `x` (0 if none). */
function columnAt(c: Columns, x: number, count: number): number {
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = lo + Math.ceil((hi - lo) / 2);
    if (leftAt(c, mid) <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The width of the open board's column at `index` (its own, if resized), or its columns' width. */
export function columnWidth(index?: number): number {
  const c = openColumns();
  return index === undefined ? c.base : widthAt(c, index);
}

export const columnStride = () => columnWidth() + COLUMN_GAP;

/** The left edge of the column shown at `index`, in board-track coordinates. */
export const columnLeft = (index: number) => leftAt(openColumns(), index);

/** Columns whose middle is left of `x` (track coordinates), among `count`. */
export function columnsBefore(x: number, count: number): number {
  const c = openColumns();
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (leftAt(c, mid) + widthAt(c, mid) / 2 < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The board track's width for `count` columns and the Add event button. */
export const trackWidth = (count: number) => columnLeft(count) + ADD_EVENT_WIDTH + TRACK_PAD_X;

export interface IndexRange {
  first: number;
  /** Inclusive; less than `first` when there is nothing to render. */
  last: number;
}

/** The columns of `c` in view on a board scrolled to `scrollLeft` and `width` wide. */
function rangeOf(c: Columns, scrollLeft: number, width: number, count: number): IndexRange {
  if (count === 0) return { first: 0, last: -1 };
  if (c.own) {
    const first = columnAt(c, scrollLeft, count);
    return { first, last: Math.max(first, columnAt(c, scrollLeft + width, count)) };
  }
  const stride = c.base + COLUMN_GAP;
  const from = Math.floor((scrollLeft - TRACK_PAD_X) / stride);
  const to = Math.floor((scrollLeft + width - TRACK_PAD_X) / stride);
  const first = Math.min(count - 1, Math.max(0, from));
  return { first, last: Math.max(first, Math.min(count - 1, to)) };
}

/** The columns in view on a board scrolled to `scrollLeft` and `width` wide. */
export const columnRange = (scrollLeft: number, width: number, count: number) =>
  rangeOf(openColumns(), scrollLeft, width, count);

/**
 * How many columns of `model`'s story are in view, from its left edge, on a board as wide as the
 * window: at that story's widths (its own per-column ones too), read when it opens. The store
 * loads their first beats with the outline (`setColumnsAtOpen`).
 */
export function columnsAtOpen(model: TimelineModel): number {
  const nav = useBoardNav.getState();
  const storyId = model.story.id;
  const c: Columns = {
    base: boardColumnWidth(nav, storyId),
    own: nav.overview ? null : ownWidthsByIndex(model.eventOrder, ownWidthsOf(nav, storyId)),
  };
  const width = window.innerWidth || 0;
  return rangeOf(c, 0, width, model.eventOrder.length).last + 1;
}
