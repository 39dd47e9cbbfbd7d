import type { KeyboardEvent, PointerEvent } from 'react';
import { flushSync } from 'react-dom';
import { COLUMN_GAP, columnLeft, columnWidth } from '../../virtual/layout';
import { useBoardNav } from './boardNav';
import { DEFAULT_COLUMN_WIDTH, MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH } from './columnWidth';

const STEP = 16;

/** What a resize changes: the one column, or (Alt) every column of the story. */
interface Target {
  storyId: string;
  eventId: string;
  index: number;
  all: boolean;
}

/**
 * Sets a column's width (null: the story's again) or, for `all`, every column's, keeping the
 * left edge of the column where it is on screen (the board scrolls by what moved it).
 */
function resize({ storyId, eventId, index, all }: Target, px: number | null): void {
  const nav = useBoardNav.getState();
  const before = columnLeft(index);
  // Drawn at the new width first, so the track is wide enough for the scroll below.
  flushSync(() => {
    if (all) nav.setWidth(storyId, px ?? DEFAULT_COLUMN_WIDTH);
    else nav.setOwnWidth(storyId, eventId, px);
  });
  const board = document.querySelector<HTMLElement>('[data-board]');
  if (board) board.scrollLeft += columnLeft(index) - before;
}

/** The column a handle resizes; `all`: every column (Alt held). */
type TargetOf = (all: boolean) => Target;

/** A pointer drag on a handle: the column's width follows the pointer from where it started. */
function dragResize(e: PointerEvent<HTMLDivElement>, index: number, targetOf: TargetOf): void {
  if (e.button !== 0) return;
  e.preventDefault();
  const handle = e.currentTarget;
  handle.setPointerCapture(e.pointerId);
  const to = targetOf(e.altKey);
  const startX = e.clientX;
  const startWidth = columnWidth(index);
  let applied = startWidth;
  const move = (ev: globalThis.PointerEvent) => {
    const next = Math.round(startWidth + (ev.clientX - startX));
    if (next === applied) return;
    applied = next;
    resize(to, next);
  };
  const end = () => {
    handle.removeEventListener('pointermove', move);
    handle.removeEventListener('pointerup', end);
    handle.removeEventListener('pointercancel', end);
  };
  handle.addEventListener('pointermove', move);
  handle.addEventListener('pointerup', end);
  handle.addEventListener('pointercancel', end);
}

/** ← → widen or narrow the column a step (Shift: four); Home gives it the story's width. */
function keyResize(e: KeyboardEvent<HTMLDivElement>, index: number, targetOf: TargetOf): void {
  const step = e.shiftKey ? STEP * 4 : STEP;
  const width = columnWidth(index);
  const next =
    e.key === 'ArrowRight'
      ? width + step
      : e.key === 'ArrowLeft'
        ? width - step
        : e.key === 'Home'
          ? null
          : undefined;
  if (next === undefined) return;
  e.preventDefault();
  resize(targetOf(e.altKey), next);
}

/**
 * The handles on the right edge of each column drawn: drag one (or focus it and use ← →) to
 * change that column's width, with Alt every column's; Home or a double-click gives the column
 * the story's width again (Alt+Home: every column the default). Remembered per story.
 */
export function ColumnResizers({
  storyId,
  ids,
  shown,
}: {
  storyId: string;
  ids: readonly string[];
  shown: number[];
}) {
  // Every width change re-renders the board, and these handles with it: places come from layout.
  const targetOf =
    (index: number): TargetOf =>
    (all) => ({ storyId, eventId: ids[index]!, index, all });

  return (
    <>
      {shown.map((i) => {
        const width = columnWidth(i);
        return (
          <div
            key={ids[i]}
            className="column-resizer"
            role="separator"
            tabIndex={0}
            aria-orientation="vertical"
            aria-label={`Column width (event ${i + 1})`}
            aria-valuemin={MIN_COLUMN_WIDTH}
            aria-valuemax={MAX_COLUMN_WIDTH}
            aria-valuenow={width}
            aria-valuetext={`${width} pixels`}
            aria-keyshortcuts="ArrowLeft ArrowRight Home Alt+ArrowLeft Alt+ArrowRight"
            title="Drag to change this column’s width (with Alt: every column), or use ← →; double-click or Home: reset"
            data-column-resizer={i}
            style={{ left: columnLeft(i) + width + COLUMN_GAP / 2 - 4 }}
            onPointerDown={(e) => dragResize(e, i, targetOf(i))}
            onKeyDown={(e) => keyResize(e, i, targetOf(i))}
            onDoubleClick={() => resize(targetOf(i)(false), null)}
          />
        );
      })}
    </>
  );
}
