import type { KeyboardEvent, PointerEvent } from 'react';
import { flushSync } from 'react-dom';
import { COLUMN_GAP, columnLeft, columnWidth } from '../../virtual/layout';
import { useBoardNav, widthOf } from './boardNav';
import { DEFAULT_COLUMN_WIDTH, MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH } from './columnWidth';

const STEP = 16;

/**
 * Sets the width of every column, keeping the left edge of column `index` where it is on
 * screen (all columns before it widen too, so the board scrolls by as much).
 */
function resize(storyId: string, index: number, px: number): void {
  const nav = useBoardNav.getState();
  const before = widthOf(nav, storyId);
  // Drawn at the new width first, so the track is wide enough for the scroll below.
  flushSync(() => nav.setWidth(storyId, px));
  const after = widthOf(useBoardNav.getState(), storyId);
  const board = document.querySelector<HTMLElement>('[data-board]');
  if (board) board.scrollLeft += index * (after - before);
}

/**
 * The handles on the right edge of each column drawn: drag one to change the columns' width,
 * or focus it and use ← → (Home: the default width). The width is the story's, remembered.
 */
export function ColumnResizers({ storyId, shown }: { storyId: string; shown: number[] }) {
  const width = useBoardNav((s) => widthOf(s, storyId));

  const onPointerDown = (e: PointerEvent<HTMLDivElement>, index: number) => {
    if (e.button !== 0) return;
    e.preventDefault();
    const handle = e.currentTarget;
    handle.setPointerCapture(e.pointerId);
    const startX = e.clientX;
    const startWidth = columnWidth();
    let applied = startWidth;
    const move = (ev: globalThis.PointerEvent) => {
      const next = startWidth + (ev.clientX - startX);
      if (Math.round(next) === applied) return;
      applied = Math.round(next);
      resize(storyId, index, next);
    };
    const end = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', end);
      handle.removeEventListener('pointercancel', end);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', end);
    handle.addEventListener('pointercancel', end);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>, index: number) => {
    const step = e.shiftKey ? STEP * 4 : STEP;
    const next =
      e.key === 'ArrowRight'
        ? width + step
        : e.key === 'ArrowLeft'
          ? width - step
          : e.key === 'Home'
            ? DEFAULT_COLUMN_WIDTH
            : null;
    if (next === null) return;
    e.preventDefault();
    resize(storyId, index, next);
  };

  return (
    <>
      {shown.map((i) => (
        <div
          key={i}
          className="column-resizer"
          role="separator"
          tabIndex={0}
          aria-orientation="vertical"
          aria-label={`Column width (event ${i + 1})`}
          aria-valuemin={MIN_COLUMN_WIDTH}
          aria-valuemax={MAX_COLUMN_WIDTH}
          aria-valuenow={width}
          aria-valuetext={`${width} pixels`}
          title="Drag to change the columns’ width, or use ← → (Home: default)"
          data-column-resizer={i}
          style={{ left: columnLeft(i) + width + COLUMN_GAP / 2 - 4 }}
          onPointerDown={(e) => onPointerDown(e, i)}
          onKeyDown={(e) => onKeyDown(e, i)}
        />
      ))}
    </>
  );
}
