import { useBoardNav, widthOf, type BoardNav } from '../components/board/boardNav';
import { DEFAULT_COLUMN_WIDTH, OVERVIEW_COLUMN_WIDTH } from '../components/board/columnWidth';
import { useStore } from '../store';
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

/** The column width of the open board (read from the stores, never cached here). */
export function columnWidth(): number {
  const storyId = useStore.getState().timeline?.story.id;
  return storyId ? boardColumnWidth(useBoardNav.getState(), storyId) : DEFAULT_COLUMN_WIDTH;
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

/** The first window of beats of the columns in view when a story opens. */
export function initialWindows(model: TimelineModel): WindowRequest[] {
  const stride = boardColumnWidth(useBoardNav.getState(), model.story.id) + COLUMN_GAP;
  const last = Math.floor((window.innerWidth - TRACK_PAD_X) / stride);
  return model.eventOrder
    .slice(0, last + 1)
    .flatMap((id) => gapWindows(id, model.momentIds[id] ?? [], WINDOW_SIZE, 0, WINDOW_SIZE));
}
