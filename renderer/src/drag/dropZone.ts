import { COLUMN_GAP } from '../virtual/layout';
import { BOARD_SELECTOR, COLUMN_SELECTOR } from './geometry';

const inside = (x: number, y: number, rect: DOMRect) =>
  x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom;

/**
 * True when a pointer drop at (x, y) lands where the writer aimed: an event anywhere on the
 * board; a beat on the board within a column's band (the column, down to the board's bottom,
 * plus half the gap either side). Anywhere else the drop cancels, as Escape does.
 */
export function isOverDropZone(kind: 'moment' | 'event', x: number, y: number): boolean {
  const board = document.querySelector<HTMLElement>(BOARD_SELECTOR)?.getBoundingClientRect();
  if (!board || !inside(x, y, board)) return false;
  if (kind === 'event') return true;
  const half = COLUMN_GAP / 2;
  for (const column of document.querySelectorAll<HTMLElement>(COLUMN_SELECTOR)) {
    const rect = column.getBoundingClientRect();
    if (x >= rect.left - half && x <= rect.right + half) return true;
  }
  return false;
}
