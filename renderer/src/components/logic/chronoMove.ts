import type { KeyboardEvent, PointerEvent as ReactPointerEvent, RefObject } from 'react';
import { problemsCreatedBy, type LogicSnapshot } from '../../lib/logicPreview';
import { useStore } from '../../store';
import type { TimelineModel } from '../../store/timelineModel';
import { warningText } from '../../drag/logicNote';

/** An event being moved in story time: by pointer (drop indicator) or keyboard (live order). */
export interface Moving {
  id: string;
  mode: 'pointer' | 'keyboard';
  from: number;
  to: number;
}

/** What a move in the chronology works with: the story, its story-time order, the move. */
export interface ChronoMove {
  model: TimelineModel;
  logic: LogicSnapshot;
  /** Event ids in story time, as saved (not as the keyboard move shows them). */
  order: string[];
  moving: Moving | null;
  setMoving: (moving: Moving | null) => void;
  listRef: RefObject<HTMLOListElement | null>;
}

const announce = (message: string) => useStore.getState().announce(message);

/** The warning a move of `id` to `index` would bring (empty when it goes nowhere). */
function noteFor(move: ChronoMove, id: string, from: number, index: number): string {
  return warningText(
    index === from ? [] : problemsCreatedBy(move.model, move.logic, { kind: 'chrono', id, index }),
  );
}

/** Ends a move: saves the new story time (if it changed) and says where it landed. */
function drop(move: ChronoMove, m: Moving): void {
  move.setMoving(null);
  if (m.to === m.from) return;
  void useStore.getState().moveInChronology(m.id, m.to);
  const note = noteFor(move, m.id, m.from, m.to);
  announce(`Moved in story time to ${m.to + 1} of ${move.order.length}.${note ? ` ${note}` : ''}`);
}

/** One arrow key during a keyboard move: one place up or down, with what it would break. */
function step(move: ChronoMove, moving: Moving, up: boolean): void {
  const to = Math.max(0, Math.min(move.order.length - 1, moving.to + (up ? -1 : 1)));
  move.setMoving({ ...moving, to });
  const note = noteFor(move, moving.id, moving.from, to);
  announce(`Story time ${to + 1} of ${move.order.length}.${note ? ` Warning: ${note}` : ''}`);
}

/** A grip's keys: Space or Enter picks the event up; then arrows move it, Space drops, Escape cancels. */
export function onGripKey(
  move: ChronoMove,
  e: KeyboardEvent<HTMLElement>,
  id: string,
  index: number,
): void {
  const { moving } = move;
  if (!moving) {
    if (e.key === ' ' || e.key === 'Enter') {
      e.preventDefault();
      move.setMoving({ id, mode: 'keyboard', from: index, to: index });
      announce(
        `Picked up ${index + 1} of ${move.order.length} in story time. Up and down arrows move it, ` +
          'Space drops it, Escape cancels.',
      );
    }
    return;
  }
  if (moving.mode !== 'keyboard') return;
  if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
    e.preventDefault();
    step(move, moving, e.key === 'ArrowUp');
  } else if (e.key === ' ' || e.key === 'Enter') {
    e.preventDefault();
    drop(move, moving);
  } else if (e.key === 'Escape') {
    e.preventDefault();
    move.setMoving(null);
    announce('Move cancelled.');
  }
}

/** A pointer drag from a grip: the drop place follows the pointer's height among the other rows. */
export function onGripPointerDown(
  move: ChronoMove,
  e: ReactPointerEvent<HTMLElement>,
  id: string,
  index: number,
): void {
  if (e.button !== 0 || move.moving) return;
  e.preventDefault();
  let current: Moving = { id, mode: 'pointer', from: index, to: index };
  move.setMoving(current);
  const rows = () => [
    ...(move.listRef.current?.querySelectorAll<HTMLElement>('[data-chrono-row]') ?? []),
  ];
  const onMove = (ev: PointerEvent) => {
    const others = rows().filter((r) => r.dataset.chronoRow !== id);
    let to = others.findIndex((r) => {
      const box = r.getBoundingClientRect();
      return ev.clientY < box.top + box.height / 2;
    });
    if (to < 0) to = others.length;
    if (to !== current.to) {
      current = { ...current, to };
      move.setMoving(current);
    }
  };
  const up = () => {
    window.removeEventListener('pointermove', onMove, true);
    window.removeEventListener('pointerup', up, true);
    drop(move, current);
  };
  window.addEventListener('pointermove', onMove, true);
  window.addEventListener('pointerup', up, true);
}
