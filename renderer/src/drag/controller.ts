import type { PointerEvent as ReactPointerEvent } from 'react';
import { useStore } from '../store';
import { locateMoment, type TimelineModel } from '../store/timelineModel';
import type { DragState } from '../store/types';
import { isOverDropZone } from './dropZone';
import { autoScroll, beatSlotAt, eventSlotAt } from './geometry';
import { dragLogicNote } from '../components/logic/DragWarning';

/**
 * Drag to reorder, by pointer and by keyboard, without a library: the store holds where the
 * dragged item would land (`drag.target`); columns read it to draw the drop indicator
 * (pointer) or a live preview (keyboard). Nothing is saved until the drop.
 */

const THRESHOLD = 5;
const INTERACTIVE = 'input, textarea, button, select, a, [contenteditable="true"], [data-no-drag]';

const store = () => useStore.getState();

function eventName(model: TimelineModel, eventId: string): string {
  const index = model.eventOrder.indexOf(eventId);
  const title = model.events[eventId]?.title.trim() || 'Untitled event';
  return `event ${index + 1}, ${title}`;
}

/** "position 2 of 5 in event 3, The heist": where a beat is (or would be). */
function describeBeatSlot(model: TimelineModel, momentId: string, eventId: string, index: number) {
  const others = (model.momentIds[eventId] ?? []).filter((id) => id !== momentId).length;
  return `position ${index + 1} of ${others + 1} in ${eventName(model, eventId)}`;
}

// ---- the floating copy that follows the pointer ----

interface Ghost {
  x: number;
  y: number;
  grabX: number;
  grabY: number;
  width: number;
}

let ghost: Ghost | null = null;
let ghostEl: HTMLElement | null = null;

function placeGhost(): void {
  if (!ghost || !ghostEl) return;
  ghostEl.style.width = `${ghost.width}px`;
  ghostEl.style.transform = `translate3d(${ghost.x - ghost.grabX}px, ${ghost.y - ghost.grabY}px, 0)`;
}

/** The drag overlay registers its element here; the controller moves it without re-rendering. */
export function registerGhost(el: HTMLElement | null): void {
  ghostEl = el;
  placeGhost();
}

// ---- pointer drags ----

interface PointerSession {
  kind: 'moment' | 'event';
  id: string;
  pointerId: number;
  startX: number;
  startY: number;
  x: number;
  y: number;
  source: HTMLElement;
  active: boolean;
  frame: number;
}

let session: PointerSession | null = null;

function updatePointerTarget(): void {
  const s = session;
  const drag = store().drag;
  if (!s || !drag || drag.mode !== 'pointer') return;
  if (drag.kind === 'moment') {
    const slot = beatSlotAt(s.x, s.y, drag.id);
    if (slot && (slot.eventId !== drag.target.eventId || slot.index !== drag.target.index)) {
      store().setDrag({ ...drag, target: slot });
    }
  } else {
    const order = store().timeline?.eventOrder ?? [];
    const index = eventSlotAt(s.x, order.indexOf(drag.id), order.length);
    if (index !== drag.target.index) store().setDrag({ ...drag, target: { index } });
  }
}

function tick(): void {
  const s = session;
  if (!s?.active) return;
  if (autoScroll(s.x, s.y, s.kind)) updatePointerTarget();
  s.frame = requestAnimationFrame(tick);
}

function startPointerDrag(s: PointerSession): boolean {
  const model = store().timeline;
  if (!model) return false;
  let drag: DragState;
  if (s.kind === 'moment') {
    const place = locateMoment(model, s.id);
    if (!place) return false;
    drag = { kind: 'moment', id: s.id, mode: 'pointer', origin: place, target: place };
  } else {
    const index = model.eventOrder.indexOf(s.id);
    if (index < 0) return false;
    drag = {
      kind: 'event',
      id: s.id,
      mode: 'pointer',
      origin: { index },
      target: { index },
    };
  }
  const rect = s.source.getBoundingClientRect();
  ghost = {
    x: s.x,
    y: s.y,
    grabX: s.startX - rect.left,
    grabY: s.startY - rect.top,
    width: rect.width,
  };
  window.getSelection()?.removeAllRanges();
  (document.activeElement as HTMLElement | null)?.blur?.();
  document.body.classList.add('is-dragging');
  s.active = true;
  store().setDrag(drag);
  s.frame = requestAnimationFrame(tick);
  if (drag.kind === 'moment') {
    const from = describeBeatSlot(model, s.id, drag.origin.eventId, drag.origin.index);
    store().announce(`Dragging beat from ${from}.`);
  } else {
    store().announce(`Dragging event ${drag.origin.index + 1} of ${model.eventOrder.length}.`);
  }
  return true;
}

function endPointerSession(): void {
  const s = session;
  session = null;
  window.removeEventListener('pointermove', onPointerMove, true);
  window.removeEventListener('pointerup', onPointerUp, true);
  window.removeEventListener('pointercancel', onPointerCancel, true);
  window.removeEventListener('keydown', onPointerKey, true);
  window.removeEventListener('blur', onPointerCancel);
  if (s?.active) {
    cancelAnimationFrame(s.frame);
    document.body.classList.remove('is-dragging', 'is-drag-outside');
    ghost = null;
    // The click that follows a drag must not open the beat for editing.
    window.addEventListener('click', swallowClick, { capture: true, once: true });
    setTimeout(() => window.removeEventListener('click', swallowClick, true), 0);
  }
}

function swallowClick(e: MouseEvent): void {
  e.stopPropagation();
  e.preventDefault();
}

function onPointerMove(e: PointerEvent): void {
  const s = session;
  if (!s || e.pointerId !== s.pointerId) return;
  s.x = e.clientX;
  s.y = e.clientY;
  if (!s.active) {
    if (Math.hypot(s.x - s.startX, s.y - s.startY) < THRESHOLD) return;
    if (!startPointerDrag(s)) {
      endPointerSession();
      return;
    }
  }
  e.preventDefault();
  if (ghost) {
    ghost.x = s.x;
    ghost.y = s.y;
    placeGhost();
  }
  document.body.classList.toggle('is-drag-outside', !isOverDropZone(s.kind, s.x, s.y));
  updatePointerTarget();
}

function onPointerUp(e: PointerEvent): void {
  const s = session;
  if (!s || e.pointerId !== s.pointerId) return;
  // Released outside every column (or, for an event, outside the board): cancelled, as by Escape.
  if (s.active && !isOverDropZone(s.kind, e.clientX, e.clientY)) {
    onPointerCancel();
    return;
  }
  const drag = store().drag;
  const model = store().timeline;
  endPointerSession();
  if (!s.active || !drag || drag.mode !== 'pointer') return;
  store().setDrag(null);
  if (!model) return;
  if (drag.kind === 'moment') {
    store().moveMoment(drag.id, drag.target.eventId, drag.target.index);
    const after = store().timeline ?? model;
    store().announce(
      `Dropped beat at ${describeBeatSlot(after, drag.id, drag.target.eventId, drag.target.index)}.`,
    );
  } else {
    store().moveEvent(drag.id, drag.target.index);
    store().announce(
      `Dropped event at position ${drag.target.index + 1} of ${model.eventOrder.length}.`,
    );
  }
}

function onPointerCancel(): void {
  const wasActive = session?.active;
  endPointerSession();
  if (wasActive) {
    store().setDrag(null);
    store().announce('Drag cancelled.');
  }
}

function onPointerKey(e: KeyboardEvent): void {
  if (e.key === 'Escape' && session?.active) {
    e.preventDefault();
    e.stopPropagation();
    onPointerCancel();
  }
}

/** Pointer-down on a beat card or an event header: may become a drag once it moves. */
export function pointerDownForDrag(
  e: ReactPointerEvent<HTMLElement>,
  kind: 'moment' | 'event',
  id: string,
): void {
  if (e.button !== 0 || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return;
  if (session || store().drag) return;
  if ((e.target as HTMLElement).closest(INTERACTIVE)) return;
  session = {
    kind,
    id,
    pointerId: e.pointerId,
    startX: e.clientX,
    startY: e.clientY,
    x: e.clientX,
    y: e.clientY,
    source: e.currentTarget,
    active: false,
    frame: 0,
  };
  window.addEventListener('pointermove', onPointerMove, true);
  window.addEventListener('pointerup', onPointerUp, true);
  window.addEventListener('pointercancel', onPointerCancel, true);
  window.addEventListener('keydown', onPointerKey, true);
  window.addEventListener('blur', onPointerCancel);
}

// ---- keyboard drags ----

function endKeyboardDrag(): void {
  window.removeEventListener('keydown', onDragKey, true);
  window.removeEventListener('pointerdown', cancelKeyboardDrag, true);
}

function cancelKeyboardDrag(): void {
  const drag = store().drag;
  const model = store().timeline;
  endKeyboardDrag();
  if (!drag || drag.mode !== 'keyboard') return;
  store().setDrag(null);
  if (drag.kind === 'moment') {
    if (model) {
      store().announce(
        `Move cancelled. The beat stays at ${describeBeatSlot(model, drag.id, drag.origin.eventId, drag.origin.index)}.`,
      );
    }
    store().requestFocus('beat', drag.id);
  } else {
    store().announce(`Move cancelled. The event stays at position ${drag.origin.index + 1}.`);
    store().requestFocus('handle', drag.id);
  }
}

function dropKeyboardDrag(): void {
  const drag = store().drag;
  endKeyboardDrag();
  if (!drag || drag.mode !== 'keyboard') return;
  store().setDrag(null);
  if (drag.kind === 'moment') {
    store().moveMoment(drag.id, drag.target.eventId, drag.target.index);
    const model = store().timeline;
    if (model) {
      store().announce(
        `Dropped. The beat is at ${describeBeatSlot(model, drag.id, drag.target.eventId, drag.target.index)}.`,
      );
    }
    store().requestFocus('beat', drag.id);
  } else {
    store().moveEvent(drag.id, drag.target.index);
    const count = store().timeline?.eventOrder.length ?? 0;
    store().announce(`Dropped. The event is at position ${drag.target.index + 1} of ${count}.`);
    store().requestFocus('handle', drag.id);
  }
}

function stepKeyboardDrag(key: string): void {
  const drag = store().drag;
  const model = store().timeline;
  if (!drag || drag.mode !== 'keyboard' || !model) return;
  if (drag.kind === 'event') {
    const step = key === 'ArrowLeft' || key === 'ArrowUp' ? -1 : 1;
    const last = model.eventOrder.length - 1;
    const index = Math.min(last, Math.max(0, drag.target.index + step));
    if (index === drag.target.index) {
      store().announce(`The event is already ${step < 0 ? 'first' : 'last'}.`);
      return;
    }
    store().setDrag({ ...drag, target: { index } });
    store().announce(
      `Event moved to position ${index + 1} of ${model.eventOrder.length}.${dragLogicNote()}`,
    );
    return;
  }
  const others = (eventId: string) =>
    (model.momentIds[eventId] ?? []).filter((id) => id !== drag.id).length;
  let { eventId, index } = drag.target;
  if (key === 'ArrowUp' || key === 'ArrowDown') {
    const next = index + (key === 'ArrowUp' ? -1 : 1);
    if (next < 0 || next > others(eventId)) {
      store().announce(
        `The beat is already ${next < 0 ? 'first' : 'last'} in ${eventName(model, eventId)}.`,
      );
      return;
    }
    index = next;
  } else {
    const at = model.eventOrder.indexOf(eventId) + (key === 'ArrowLeft' ? -1 : 1);
    const nextEvent = model.eventOrder[at];
    if (!nextEvent) {
      store().announce(`There is no event further ${key === 'ArrowLeft' ? 'left' : 'right'}.`);
      return;
    }
    eventId = nextEvent;
    index = Math.min(index, others(eventId));
  }
  store().setDrag({ ...drag, target: { eventId, index } });
  store().announce(
    `Beat moved to ${describeBeatSlot(model, drag.id, eventId, index)}.${dragLogicNote()}`,
  );
}

function onDragKey(e: KeyboardEvent): void {
  switch (e.key) {
    case 'ArrowUp':
    case 'ArrowDown':
    case 'ArrowLeft':
    case 'ArrowRight':
      stepKeyboardDrag(e.key);
      break;
    case ' ':
    case 'Enter':
      if (!e.repeat) dropKeyboardDrag();
      break;
    case 'Escape':
      cancelKeyboardDrag();
      break;
    case 'Tab':
      break;
    default:
      return;
  }
  e.preventDefault();
  e.stopPropagation();
}

/** Space on a focused beat or event handle: picks it up for moving with the arrow keys. */
export function startKeyboardDrag(kind: 'moment' | 'event', id: string): void {
  const model = store().timeline;
  if (!model || store().drag) return;
  if (kind === 'moment') {
    const at = locateMoment(model, id);
    if (!at) return;
    store().setDrag({ kind, id, mode: 'keyboard', origin: at, target: at });
    store().announce(
      `Picked up beat at ${describeBeatSlot(model, id, at.eventId, at.index)}. ` +
        'Up and down arrows move it within the event, left and right to other events. ' +
        'Space drops it, Escape cancels.',
    );
  } else {
    const index = model.eventOrder.indexOf(id);
    if (index < 0) return;
    store().setDrag({ kind, id, mode: 'keyboard', origin: { index }, target: { index } });
    store().announce(
      `Picked up event at position ${index + 1} of ${model.eventOrder.length}. ` +
        'Left and right arrows move it. Space drops it, Escape cancels.',
    );
  }
  window.addEventListener('keydown', onDragKey, true);
  window.addEventListener('pointerdown', cancelKeyboardDrag, true);
}
