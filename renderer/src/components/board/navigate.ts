import { flushSync } from 'react-dom';
import { useStore } from '../../store';
import { columnRange, columnLeft, TRACK_PAD_X } from '../../virtual/layout';
import { useBoardNav } from './boardNav';
import { revealEvent } from './reveal';

const board = () => document.querySelector<HTMLElement>('[data-board]');

/** The first column in view on the board now. */
function firstInView(): number {
  const el = board();
  const count = useStore.getState().timeline?.eventOrder.length ?? 0;
  return el ? columnRange(el.scrollLeft + TRACK_PAD_X, el.clientWidth, count).first : 0;
}

/** Zooms out to the overview or back, keeping the first column in view where it was. */
export function toggleOverview(on = !useBoardNav.getState().overview): void {
  const first = firstInView();
  flushSync(() => useBoardNav.getState().setOverview(on));
  const el = board();
  if (el) el.scrollLeft = Math.max(0, columnLeft(first) - TRACK_PAD_X);
  if (on) {
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>(`[data-overview-go="${first}"]`)?.focus(),
    );
  }
}

/** Leaves the overview (if on) and goes to an event at normal zoom, its handle focused. */
export function goToEvent(eventId: string): void {
  if (useBoardNav.getState().overview) flushSync(() => useBoardNav.getState().setOverview(false));
  revealEvent(eventId, true);
}
