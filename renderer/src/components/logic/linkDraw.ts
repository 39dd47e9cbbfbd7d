import type { PointerEvent as ReactPointerEvent } from 'react';
import { useStore } from '../../store';
import { nameBeat } from './beatPlaces';

/**
 * Drawing a link by pointer: press a beat's link handle, move onto another beat (in any
 * column) and let go. The new link reads "this beat causes that one" (hard); the picker (L)
 * offers the other kinds.
 */

const THRESHOLD = 5;
const store = () => useStore.getState();

function beatAt(x: number, y: number): string | null {
  const el = document.elementFromPoint(x, y);
  return el instanceof HTMLElement
    ? (el.closest<HTMLElement>('[data-beat-id]')?.dataset.beatId ?? null)
    : null;
}

/** A drawing let go: links the two beats ("causes", hard), or says why no link was made. */
function linkDrawnTo(fromId: string, overId: string | null): void {
  if (!overId) {
    store().announce('No link made: let go over another beat.');
    return;
  }
  const words = `${nameBeat(fromId)} causes ${nameBeat(overId)}`;
  void store()
    .createLink({ fromMomentId: fromId, toMomentId: overId, kind: 'causes', strength: 'hard' })
    .then((ok) => {
      if (ok) store().announce(`Linked: ${words}.`);
    });
}

/** Pointer-down on a link handle: becomes a link drawing once the pointer moves. */
export function startLinkDraw(e: ReactPointerEvent<HTMLElement>, fromId: string): void {
  if (e.button !== 0 || store().drag || store().linkDraw) return;
  const handle = e.currentTarget;
  const pointerId = e.pointerId;
  const startX = e.clientX;
  const startY = e.clientY;
  let active = false;

  const move = (ev: PointerEvent) => {
    if (ev.pointerId !== pointerId) return;
    if (!active) {
      if (Math.hypot(ev.clientX - startX, ev.clientY - startY) < THRESHOLD) return;
      active = true;
      document.body.classList.add('is-linking');
      store().announce('Drawing a link. Let go over the beat to link to; Escape cancels.');
    }
    ev.preventDefault();
    const over = beatAt(ev.clientX, ev.clientY);
    const overId = over === fromId ? null : over;
    if (store().linkDraw?.overId !== overId) store().setLinkDraw({ fromId, overId });
  };
  const end = () => {
    window.removeEventListener('pointermove', move, true);
    window.removeEventListener('pointerup', up, true);
    window.removeEventListener('pointercancel', cancel, true);
    window.removeEventListener('keydown', key, true);
    document.body.classList.remove('is-linking');
    store().setLinkDraw(null);
  };
  const up = (ev: PointerEvent) => {
    if (ev.pointerId !== pointerId) return;
    const overId = store().linkDraw?.overId ?? null;
    end();
    if (!active) return;
    // The click that follows must not open the picker.
    handle.dataset.drew = '1';
    setTimeout(() => delete handle.dataset.drew, 0);
    linkDrawnTo(fromId, overId);
  };
  const cancel = () => {
    end();
    if (active) store().announce('Link cancelled.');
  };
  const key = (ev: KeyboardEvent) => {
    if (ev.key !== 'Escape') return;
    ev.preventDefault();
    ev.stopPropagation();
    cancel();
  };
  window.addEventListener('pointermove', move, true);
  window.addEventListener('pointerup', up, true);
  window.addEventListener('pointercancel', cancel, true);
  window.addEventListener('keydown', key, true);
}
