import { useCallback, useEffect, useRef } from 'react';
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
 * `usePointerDrag` (the drag overlay), not to this module.
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

/**
 * Pointer drags for as long as the calling component is mounted; returns the ref callback for
 * the ghost element, which the adapter moves without re-rendering.
 */
export function usePointerDrag(): (el: HTMLElement | null) => void {
  const ghostEl = useRef<HTMLElement | null>(null);
  const session = useRef<PointerSession | null>(null);

  const placeGhost = useCallback(() => {
    const ghost = session.current?.ghost;
    const el = ghostEl.current;
    if (!ghost || !el) return;
    el.style.width = `${ghost.width}px`;
    el.style.transform = `translate3d(${ghost.x - ghost.grabX}px, ${ghost.y - ghost.grabY}px, 0)`;
  }, []);

  useEffect(() => {
    const updateTarget = () => {
      const s = session.current;
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
    };

    const tick = () => {
      const s = session.current;
      if (!s?.active) return;
      if (autoScroll(s.x, s.y, s.kind)) updateTarget();
      s.frame = requestAnimationFrame(tick);
    };

    const start = (s: PointerSession): boolean => {
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
      s.frame = requestAnimationFrame(tick);
      if (drag.kind === 'moment') {
        const from = describeBeatSlot(model, s.id, drag.origin.eventId, drag.origin.index);
        store().announce(`Dragging beat from ${from}.`);
      } else {
        store().announce(`Dragging event ${drag.origin.index + 1} of ${model.eventOrder.length}.`);
      }
      return true;
    };

    const end = () => {
      const s = session.current;
      session.current = null;
      window.removeEventListener('pointermove', onMove, true);
      window.removeEventListener('pointerup', onUp, true);
      window.removeEventListener('pointercancel', onCancel, true);
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('blur', onCancel);
      if (s?.active) {
        cancelAnimationFrame(s.frame);
        document.body.classList.remove('is-dragging', 'is-drag-outside');
        // The click that follows a drag must not open the beat for editing.
        window.addEventListener('click', swallowClick, { capture: true, once: true });
        setTimeout(() => window.removeEventListener('click', swallowClick, true), 0);
      }
    };

    const onMove = (e: PointerEvent) => {
      const s = session.current;
      if (!s || e.pointerId !== s.pointerId) return;
      s.x = e.clientX;
      s.y = e.clientY;
      if (!s.active) {
        if (Math.hypot(s.x - s.startX, s.y - s.startY) < THRESHOLD) return;
        if (!start(s)) {
          end();
          return;
        }
      }
      e.preventDefault();
      if (s.ghost) {
        s.ghost.x = s.x;
        s.ghost.y = s.y;
        placeGhost();
      }
      document.body.classList.toggle('is-drag-outside', !isOverDropZone(s.kind, s.x, s.y));
      updateTarget();
    };

    const onUp = (e: PointerEvent) => {
      const s = session.current;
      if (!s || e.pointerId !== s.pointerId) return;
      // Released outside every column (or, for an event, outside the board): cancelled, as by Escape.
      if (s.active && !isOverDropZone(s.kind, e.clientX, e.clientY)) {
        onCancel();
        return;
      }
      const drag = store().drag;
      const model = store().timeline;
      end();
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
    };

    function onCancel(): void {
      const wasActive = session.current?.active;
      end();
      if (wasActive) {
        store().setDrag(null);
        store().announce('Drag cancelled.');
      }
    }

    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && session.current?.active) {
        e.preventDefault();
        e.stopPropagation();
        onCancel();
      }
    };

    // A press on a beat card or an event header may become a drag once it moves.
    const onDown = (e: PointerEvent) => {
      if (e.button !== 0 || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return;
      if (session.current || store().drag) return;
      const target = e.target as HTMLElement | null;
      const source = target?.closest?.<HTMLElement>(SOURCE);
      if (!source || target!.closest(INTERACTIVE)) return;
      const kind = source.dataset.dragKind === 'event' ? 'event' : 'moment';
      session.current = {
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
      window.addEventListener('pointermove', onMove, true);
      window.addEventListener('pointerup', onUp, true);
      window.addEventListener('pointercancel', onCancel, true);
      window.addEventListener('keydown', onKey, true);
      window.addEventListener('blur', onCancel);
    };

    // Bubbling to the document, as React's own handlers do: a press a control stops is no drag.
    document.addEventListener('pointerdown', onDown);
    return () => {
      document.removeEventListener('pointerdown', onDown);
      if (session.current?.active) store().setDrag(null);
      end();
    };
  }, [placeGhost]);

  return useCallback(
    (el: HTMLElement | null) => {
      ghostEl.current = el;
      placeGhost();
    },
    [placeGhost],
  );
}
