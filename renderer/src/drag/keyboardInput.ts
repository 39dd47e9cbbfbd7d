import { useLayoutEffect } from 'react';
import { useStore, type Store } from '../store';
import type { DragState } from '../store/types';
import { step, type Resting, type StepResult } from './keyboard';

/**
 * The keyboard adapter: feeds keys to the pure `step` and carries out what it answers in the
 * store (the drag, the announcement, the move on drop, the focus after). It holds no state of
 * its own: the drag is the store's.
 */

function apply(s: Store, before: DragState | null, result: StepResult): void {
  if (result.drag !== before) s.setDrag(result.drag);
  const move = result.commit;
  if (move?.kind === 'moment') s.moveMoment(move.id, move.eventId, move.index);
  else if (move?.kind === 'event') s.moveEvent(move.id, move.index);
  if (result.announcement) s.announce(result.announcement);
  if (result.focus) s.requestFocus(result.focus.kind, result.focus.id);
}

/** Runs one key through the keyboard drag in the store; true when the drag used the key. */
function press(key: string, item?: Resting): boolean {
  const s = useStore.getState();
  const drag = item ?? s.drag;
  if (!drag) return false;
  if (!s.timeline) {
    // The story closed under the drag: nothing to move.
    if (drag.mode === 'keyboard') s.setDrag(null);
    return false;
  }
  const result = step(drag, key, { timeline: s.timeline, logic: s.logic });
  apply(s, s.drag, result);
  return result.handled;
}

/** Space on a focused beat or event handle: picks it up for moving with the arrow keys. */
export function startKeyboardDrag(kind: 'moment' | 'event', id: string): void {
  if (useStore.getState().drag) return;
  press(' ', { kind, id, mode: 'resting' });
}

/**
 * While a keyboard drag is on, every key goes to it first (arrows move, Space or Enter drop,
 * Escape cancels, Tab is held), and a pointer press anywhere cancels it.
 */
export function useKeyboardDrag(): void {
  const active = useStore((s) => s.drag?.mode === 'keyboard');
  useLayoutEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      // A held Space or Enter drops once, not again on its repeats.
      const used = e.repeat && (e.key === ' ' || e.key === 'Enter') ? true : press(e.key);
      if (!used) return;
      e.preventDefault();
      e.stopPropagation();
    };
    const onPointer = () => void press('Escape');
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('pointerdown', onPointer, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('pointerdown', onPointer, true);
    };
  }, [active]);
}
