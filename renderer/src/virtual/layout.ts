import type { TimelineModel } from '../store/timelineModel';
import { gapWindows, WINDOW_SIZE, type WindowRequest } from '../store/windows';

/**
 * The timeline's geometry, shared by the virtualized board, drag hit-testing and the first
 * load. Columns all have the same width (`columnWidth()`), so a column's place is arithmetic.
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
/** Beat rows rendered beyond each edge of a column's list. */
export const ROW_OVERSCAN = 4;

const FALLBACK_COLUMN_WIDTH = 288;
let cachedWidth: number | null = null;
/** The width the board shows now (the writer's, or the overview's), when it set one. */
let boardWidth: number | null = null;

/** Sets the width the open board lays its columns out with (null: the stylesheet's). */
export function setColumnWidth(px: number | null): void {
  boardWidth = px;
}

/** The column width: the open board's, or the stylesheet's (`--column-width`). */
export function columnWidth(): number {
  if (boardWidth !== null) return boardWidth;
  if (cachedWidth === null) {
    const raw = getComputedStyle(document.documentElement).getPropertyValue('--column-width');
    const px = Number.parseFloat(raw);
    cachedWidth = Number.isFinite(px) && px > 0 ? px : FALLBACK_COLUMN_WIDTH;
  }
  return cachedWidth;
}

export const columnStride = () => columnWidth() + COLUMN_GAP;

/** The left edge of the column shown at `index`, in board-track coordinates. */
export const columnLeft = (index: number) => TRACK_PAD_X + index * columnStride();

/** The board track's width for `count` columns and the Add event button. */
export const trackWidth = (count: number) => columnLeft(count) + ADD_EVENT_WIDTH + TRACK_PAD_X;

export interface IndexRange {
  first: number;
  /** Inclusive; less than `first` when there is nothing to render. */
  last: number;
}

/** The columns in view on a board scrolled to `scrollLeft` and `width` wide. */
export function columnRange(scrollLeft: number, width: number, count: number): IndexRange {
  if (count === 0) return { first: 0, last: -1 };
  const stride = columnStride();
  const from = Math.floor((scrollLeft - TRACK_PAD_X) / stride);
  const to = Math.floor((scrollLeft + width - TRACK_PAD_X) / stride);
  const first = Math.min(count - 1, Math.max(0, from));
  return { first, last: Math.max(first, Math.min(count - 1, to)) };
}

/** `range` widened by `by` on each side, within `0..count-1`. */
export function widen(range: IndexRange, by: number, count: number): IndexRange {
  const last = Math.min(count - 1, range.last + by);
  return { first: Math.min(Math.max(0, range.first - by), Math.max(0, last)), last };
}

/** The first window of beats of the columns in view when a story opens. */
export function initialWindows(model: TimelineModel): WindowRequest[] {
  const { last } = columnRange(0, window.innerWidth, model.eventOrder.length);
  return model.eventOrder
    .slice(0, last + 1)
    .flatMap((id) => gapWindows(id, model.momentIds[id] ?? [], WINDOW_SIZE, 0, WINDOW_SIZE));
}
