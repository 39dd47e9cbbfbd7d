import { columnsBefore } from '../virtual/layout';
import { rowSlotAt } from '../virtual/registry';

/**
 * Hit-testing for drags: which event column and which slot the pointer is over. The timeline
 * is virtualized, so slots come from the layout (rows' heights, columns' fixed width), not
 * from counting rendered elements.
 */

export const COLUMN_SELECTOR = '[data-event-column]';
export const LIST_SELECTOR = '[data-beat-list]';
export const BOARD_SELECTOR = '[data-board]';
export const TRACK_SELECTOR = '[data-board-track]';

function horizontalDistance(x: number, rect: DOMRect): number {
  if (x < rect.left) return rect.left - x;
  if (x > rect.right) return x - rect.right;
  return 0;
}

/** The event column nearest the pointer horizontally. */
export function columnAt(x: number): HTMLElement | null {
  let best: HTMLElement | null = null;
  let bestDistance = Infinity;
  for (const column of document.querySelectorAll<HTMLElement>(COLUMN_SELECTOR)) {
    const distance = horizontalDistance(x, column.getBoundingClientRect());
    if (distance < bestDistance) {
      best = column;
      bestDistance = distance;
    }
  }
  return best;
}

/** Where a dragged beat would land: the column's event and the final index among the others. */
export function beatSlotAt(
  x: number,
  y: number,
  draggedId: string,
): { eventId: string; index: number } | null {
  const eventId = columnAt(x)?.dataset.eventColumn;
  if (!eventId) return null;
  return { eventId, index: rowSlotAt(eventId, y, draggedId) ?? 0 };
}

/**
 * Where a dragged event would land: its final index among the other events, from the columns'
 * places on the track (`dragged` is its index, `count` the number of events).
 */
export function eventSlotAt(x: number, dragged: number, count: number): number {
  const track = document.querySelector<HTMLElement>(TRACK_SELECTOR);
  if (!track) return Math.max(0, dragged);
  // Columns whose middle is left of the pointer (each at its own width).
  const passed = columnsBefore(x - track.getBoundingClientRect().left, count);
  return dragged >= 0 && dragged < passed ? passed - 1 : passed;
}

/** How fast to scroll when the pointer is `depth` px inside an edge zone of `zone` px. */
function edgeSpeed(depth: number, zone: number): number {
  const t = Math.min(1, Math.max(0, depth / zone));
  return Math.round(2 + t * t * 22);
}

const EDGE = 72;

/** Scrolls the board and the column under the pointer when the pointer nears their edges. */
export function autoScroll(x: number, y: number, kind: 'moment' | 'event'): boolean {
  let moved = false;
  const board = document.querySelector<HTMLElement>(BOARD_SELECTOR);
  if (board) {
    const r = board.getBoundingClientRect();
    const zone = Math.min(EDGE, r.width / 4);
    let dx = 0;
    if (x < r.left + zone) dx = -edgeSpeed(r.left + zone - x, zone);
    else if (x > r.right - zone) dx = edgeSpeed(x - (r.right - zone), zone);
    if (dx !== 0) {
      const before = board.scrollLeft;
      board.scrollLeft += dx;
      moved ||= board.scrollLeft !== before;
    }
  }
  if (kind === 'moment') {
    const list = columnAt(x)?.querySelector<HTMLElement>(LIST_SELECTOR);
    if (list) {
      const r = list.getBoundingClientRect();
      const zone = Math.min(EDGE / 1.5, r.height / 4);
      let dy = 0;
      if (y < r.top + zone && y > r.top - EDGE) dy = -edgeSpeed(r.top + zone - y, zone);
      else if (y > r.bottom - zone && y < r.bottom + EDGE) {
        dy = edgeSpeed(y - (r.bottom - zone), zone);
      }
      if (dy !== 0) {
        const before = list.scrollTop;
        list.scrollTop += dy;
        moved ||= list.scrollTop !== before;
      }
    }
  }
  return moved;
}
