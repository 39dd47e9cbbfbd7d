import { api } from '../../api/bridge';
import { useStore } from '../../store';
import { call } from '../../store/call';
import { columnLeft, columnWidth, TRACK_PAD_X } from '../../virtual/layout';
import { rowTop } from '../../virtual/registry';

/**
 * Bringing a place of a virtualized board into view: a column that may not be rendered, a beat
 * that may not be loaded. The board renders whatever its scroll position shows, so revealing
 * is scrolling there and, for a beat, waiting for its card to be drawn.
 */

const board = () => document.querySelector<HTMLElement>('[data-board]');
const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** Waits (a few frames at most) for `find` to return an element. */
async function waitFor<T>(find: () => T | null, frames = 90): Promise<T | null> {
  for (let i = 0; i < frames; i++) {
    const found = find();
    if (found) return found;
    await frame();
  }
  return find();
}

/** Scrolls the board so that the column at `index` is in view (left-aligned if it was not). */
export function scrollToColumn(index: number): void {
  const el = board();
  if (!el) return;
  const left = columnLeft(index);
  const right = left + columnWidth(index);
  if (left >= el.scrollLeft + TRACK_PAD_X && right <= el.scrollLeft + el.clientWidth) return;
  el.scrollLeft = Math.max(0, left - TRACK_PAD_X);
}

/** Scrolls to an event's column and, with `focus`, puts the focus on its handle. */
export function revealEvent(eventId: string, focus: boolean): void {
  const model = useStore.getState().timeline;
  const index = model?.eventOrder.indexOf(eventId) ?? -1;
  if (index < 0) return;
  scrollToColumn(index);
  if (focus) useStore.getState().requestFocus('handle', eventId);
}

/** The beat's place in its event: from the loaded model, or asked of the library. */
async function indexOf(momentId: string, eventId: string): Promise<number> {
  const at = useStore.getState().timeline?.momentIds[eventId]?.indexOf(momentId) ?? -1;
  if (at >= 0) return at;
  const got = await call(() => api().moments.get({ momentId }));
  return got.ok && got.value.eventId === eventId ? got.value.place : -1;
}

/** The card of a beat, when it is drawn. */
const cardOf = (momentId: string) =>
  document.querySelector<HTMLElement>(`[data-beat-id="${CSS.escape(momentId)}"]`);

/**
 * Scrolls to a beat wherever it is, loading its window when it is not loaded, and centres
 * its card in its column. Resolves true once the card is on screen. Aborting `signal` (a newer
 * reveal: Enter pressed again quickly) stops the scrolling at its next step.
 */
export async function revealBeat(
  momentId: string,
  eventId: string,
  signal?: AbortSignal,
): Promise<boolean> {
  const model = useStore.getState().timeline;
  const column = model?.eventOrder.indexOf(eventId) ?? -1;
  if (column < 0) return false;
  scrollToColumn(column);
  const index = await indexOf(momentId, eventId);
  if (index < 0 || signal?.aborted) return false;
  useStore.getState().wantBeats(eventId, index, index);
  const list = await waitFor(() =>
    document.querySelector<HTMLElement>(
      `[data-event-column="${CSS.escape(eventId)}"] [data-beat-list]`,
    ),
  );
  if (!list || signal?.aborted) return false;
  // Where the row is, from the column's own layout.
  const place = await waitFor(() => {
    const top = rowTop(eventId, index);
    return top === null ? null : { top };
  });
  if (signal?.aborted) return false;
  list.scrollTop = Math.max(0, (place?.top ?? 0) - list.clientHeight / 3);
  const card = await waitFor(() => cardOf(momentId));
  if (!card || signal?.aborted) return false;
  card.scrollIntoView({ block: 'center', inline: 'nearest' });
  return true;
}
