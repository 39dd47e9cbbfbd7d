import { useCallback, useEffect, useState } from 'react';
import { useStore } from '../store';
import { locateMoment } from '../store/timelineModel';
import type { DragState } from '../store/types';
import { describeBeatSlot } from './describe';
import { isOverDropZone } from './dropZone';
import { autoScroll, beatSlotAt, eventSlotAt } from './geometry';

/**
 * The pointer adapter: a press on a drag source (an element marked `data-drag-kind` and
 * `data-drag-id`) becomes a drag once it moves a few pixels; the store holds where the item
 * would land (`drag.target`), columns draw the drop indicator from it, and a copy (the ghost)
 * follows the pointer. The session and the ghost belong to the component that calls
 * `usePointerDrag` (the drag overlay), not to this module. Its steps, one function each: press,
 * start, move (with auto-scroll), drop, cancel. The keyboard drag is the pure `keyboard.ts`.
 */

const THRESHOLD = 5;
const INTERACTIVE = 'input, textarea, button, select, a, [contenteditable="true"], [data-no-drag]';
const SOURCE = '[data-drag-kind][data-drag-id]';

interface Ghost {
  x: number;
  y: number;
  grabX: number;
  grabY: number;
  width: number;
}

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
  ghost: Ghost | null;
}

const store = () => useStore.getState();

function swallowClick(e: MouseEvent): void {
  e.stopPropagation();
  e.preventDefault();
}

/** Where the press would pick up from: the drag in the store at its start, or null. */
function dragAtStart(s: PointerSession): DragState | null {
  const model = store().timeline;
  if (!model) return null;
  if (s.kind === 'moment') {
    const place = locateMoment(model, s.id);
    return place
      ? { kind: 'moment', id: s.id, mode: 'pointer', origin: place, target: place }
      : null;
  }
  const index = model.eventOrder.indexOf(s.id);
  if (index < 0) return null;
  return { kind: 'event', id: s.id, mode: 'pointer', origin: { index }, target: { index } };
}

/** The adapter's listeners, bound once to it so that they can be removed. */
interface Listeners {
  down: (e: PointerEvent) => void;
  move: (e: PointerEvent) => void;
  up: (e: PointerEvent) => void;
  cancel: () => void;
  key: (e: KeyboardEvent) => void;
  /** One animation frame of auto-scroll. */
  frame: () => void;
}

/** One mounted adapter: the press or drag in progress, the ghost element, its listeners. */
interface Adapter {
  session: PointerSession | null;
  ghostEl: HTMLElement | null;
  on: Listeners;
}

/** An adapter with no press in progress and no ghost element yet. */
function createAdapter(): Adapter {
  const a: Adapter = {
    session: null,
    ghostEl: null,
    on: {
      down: (e) => press(a, e),
      move: (e) => movePointer(a, e),
      up: (e) => dropAtPointer(a, e),
      cancel: () => cancelDrag(a),
      key: (e) => cancelOnEscape(a, e),
      frame: () => autoScrollFrame(a),
    },
  };
  return a;
}

/** Moves the ghost to the pointer, without a render. */
function placeGhost(a: Adapter): void {
  const ghost = a.session?.ghost;
  const el = a.ghostEl;
  if (!ghost || !el) return;
  el.style.width = `${ghost.width}px`;
  el.style.transform = `translate3d(${ghost.x - ghost.grabX}px, ${ghost.y - ghost.grabY}px, 0)`;
}

/** Points the drag in the store at the slot under the pointer. */
function updateTarget(a: Adapter): void {
  const s = a.session;
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

/** Auto-scroll: each frame of a drag, scrolls when the pointer is near an edge. */
function autoScrollFrame(a: Adapter): void {
  const s = a.session;
  if (!s?.active) return;
  if (autoScroll(s.x, s.y, s.kind)) updateTarget(a);
  s.frame = requestAnimationFrame(a.on.frame);
}

/** A press on a beat card or an event header may become a drag once it moves. */
function press(a: Adapter, e: PointerEvent): void {
  if (e.button !== 0 || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return;
  if (a.session || store().drag) return;
  const target = e.target as HTMLElement | null;
  const source = target?.closest?.<HTMLElement>(SOURCE);
  if (!source || target!.closest(INTERACTIVE)) return;
  const kind = source.dataset.dragKind === 'event' ? 'event' : 'moment';
  a.session = {
    kind,
    id: source.dataset.dragId!,
    pointerId: e.pointerId,
    startX: e.clientX,
    startY: e.clientY,
    x: e.clientX,
    y: e.clientY,
    source,
    active: false,
    frame: 0,
    ghost: null,
  };
  window.addEventListener('pointermove', a.on.move, true);
  window.addEventListener('pointerup', a.on.up, true);
  window.addEventListener('pointercancel', a.on.cancel, true);
  window.addEventListener('keydown', a.on.key, true);
  window.addEventListener('blur', a.on.cancel);
}

/** Start: the press moved far enough; false when there is nothing to pick up. */
function startDrag(a: Adapter, s: PointerSession): boolean {
  const model = store().timeline;
  const drag = dragAtStart(s);
  if (!model || !drag) return false;
  const rect = s.source.getBoundingClientRect();
  s.ghost = {
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
  s.frame = requestAnimationFrame(a.on.frame);
  if (drag.kind === 'moment') {
    const from = describeBeatSlot(model, s.id, drag.origin.eventId, drag.origin.index);
    store().announce(`Dragging beat from ${from}.`);
  } else {
    store().announce(`Dragging event ${drag.origin.index + 1} of ${model.eventOrder.length}.`);
  }
  return true;
}

/** Move: starts the drag past the threshold, then carries the ghost and the target along. */
function movePointer(a: Adapter, e: PointerEvent): void {
  const s = a.session;
  if (!s || e.pointerId !== s.pointerId) return;
  s.x = e.clientX;
  s.y = e.clientY;
  if (!s.active) {
    if (Math.hypot(s.x - s.startX, s.y - s.startY) < THRESHOLD) return;
    if (!startDrag(a, s)) {
      endSession(a);
      return;
    }
  }
  e.preventDefault();
  if (s.ghost) {
    s.ghost.x = s.x;
    s.ghost.y = s.y;
    placeGhost(a);
  }
  document.body.classList.toggle('is-drag-outside', !isOverDropZone(s.kind, s.x, s.y));
  updateTarget(a);
}

/** Drop: the release makes the move the target shows and says where it landed. */
function dropAtPointer(a: Adapter, e: PointerEvent): void {
  const s = a.session;
  if (!s || e.pointerId !== s.pointerId) return;
  // Released outside every column (or, for an event, outside the board): cancelled, as by Escape.
  if (s.active && !isOverDropZone(s.kind, e.clientX, e.clientY)) {
    cancelDrag(a);
    return;
  }
  const drag = store().drag;
  const model = store().timeline;
  endSession(a);
  if (!s.active || !drag || drag.mode !== 'pointer') return;
  store().setDrag(null);
  if (!model) return;
  if (drag.kind === 'moment') {
    store().moveMoment(drag.id, drag.target.eventId, drag.target.index);
    const after = store().timeline ?? model;
    const at = describeBeatSlot(after, drag.id, drag.target.eventId, drag.target.index);
    store().announce(`Dropped beat at ${at}.`);
  } else {
    store().moveEvent(drag.id, drag.target.index);
    store().announce(
      `Dropped event at position ${drag.target.index + 1} of ${model.eventOrder.length}.`,
    );
  }
}

/** Cancel: the drag ends where it began (Escape, a release outside, a lost window). */
function cancelDrag(a: Adapter): void {
  const wasActive = a.session?.active;
  endSession(a);
  if (wasActive) {
    store().setDrag(null);
    store().announce('Drag cancelled.');
  }
}

/** Escape during a drag cancels it; before the drag starts, the key is the page's. */
function cancelOnEscape(a: Adapter, e: KeyboardEvent): void {
  if (e.key === 'Escape' && a.session?.active) {
    e.preventDefault();
    e.stopPropagation();
    cancelDrag(a);
  }
}

/** Ends the press or drag: its listeners, its frame and its page classes go. */
function endSession(a: Adapter): void {
  const s = a.session;
  a.session = null;
  window.removeEventListener('pointermove', a.on.move, true);
  window.removeEventListener('pointerup', a.on.up, true);
  window.removeEventListener('pointercancel', a.on.cancel, true);
  window.removeEventListener('keydown', a.on.key, true);
  window.removeEventListener('blur', a.on.cancel);
  if (s?.active) {
    cancelAnimationFrame(s.frame);
    document.body.classList.remove('is-dragging', 'is-drag-outside');
    // The click that follows a drag must not open the beat for editing.
    window.addEventListener('click', swallowClick, { capture: true, once: true });
    setTimeout(() => window.removeEventListener('click', swallowClick, true), 0);
  }
}

/** Listens for presses; returns the stop, which also drops any drag in progress. */
function listen(a: Adapter): () => void {
  // Bubbling to the document, as React's own handlers do: a press a control stops is no drag.
  document.addEventListener('pointerdown', a.on.down);
  return () => {
    document.removeEventListener('pointerdown', a.on.down);
    if (a.session?.active) store().setDrag(null);
    endSession(a);
  };
}

/** Gives the adapter the ghost element (or takes it away) and places it. */
function attachGhost(a: Adapter, el: HTMLElement | null): void {
  a.ghostEl = el;
  placeGhost(a);
}

/**
 * Pointer drags for as long as the calling component is mounted; returns the ref callback for
 * the ghost element, which the adapter moves without re-rendering.
 */
export function usePointerDrag(): (el: HTMLElement | null) => void {
  const [adapter] = useState(createAdapter);
  useEffect(() => listen(adapter), [adapter]);
  return useCallback((el: HTMLElement | null) => attachGhost(adapter, el), [adapter]);
}
