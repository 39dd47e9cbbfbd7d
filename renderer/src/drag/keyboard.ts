import type { LogicSnapshot } from '../lib/logicPreview';
import { locateMoment, type TimelineModel } from '../store/timelineModel';
import type { DragState, FocusKind } from '../store/types';
import { describeBeatSlot, eventName, othersIn } from './describe';
import { logicNote } from './logicNote';

/**
 * The keyboard drag as a pure state machine: `step(drag, key, model)` says what a key does to
 * the drag, what the live region says and, on a drop, which move to make. It works on the
 * model, not on rendered elements, so a beat can travel through columns that are not rendered
 * and past places whose beats are not loaded yet. `keyboardInput.ts` feeds it keys.
 */

/** What a keyboard drag reads: the timeline and, for the drop's warning, the story's links. */
export interface DragModel {
  timeline: TimelineModel;
  logic: LogicSnapshot | null;
}

/** A beat or an event with the keyboard focus, not picked up. */
export interface Resting {
  kind: 'moment' | 'event';
  id: string;
  mode: 'resting';
}

/** The move a drop makes: a beat to a final index in an event, or an event to a final index. */
export type Commit =
  | { kind: 'moment'; id: string; eventId: string; index: number }
  | { kind: 'event'; id: string; index: number };

export interface StepResult {
  /** The drag after the key; null when there is none (dropped, cancelled, never picked up). */
  drag: DragState | null;
  /** What the live region says, or null for nothing. */
  announcement: string | null;
  /** On a drop: the move to make. */
  commit?: Commit;
  /** Where the focus goes once the drag ends. */
  focus?: { kind: FocusKind; id: string };
  /** False when the key means nothing to the drag, so the page may handle it. */
  handled: boolean;
}

const ARROWS: ReadonlySet<string> = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight']);

/** The keys that pick up: Space for a beat (Enter edits it), Space or Enter for an event. */
function picksUp(kind: 'moment' | 'event', key: string): boolean {
  return key === ' ' || (kind === 'event' && key === 'Enter');
}

/** One key pressed with a beat or an event focused (`Resting`) or picked up by keyboard. */
export function step(drag: DragState | Resting, key: string, model: DragModel): StepResult {
  if (drag.mode === 'resting') {
    return picksUp(drag.kind, key)
      ? pickUp(drag, model.timeline)
      : { drag: null, announcement: null, handled: false };
  }
  const unchanged = (announcement: string | null, handled = true): StepResult => ({
    drag,
    announcement,
    handled,
  });
  if (drag.mode !== 'keyboard') return unchanged(null, false);
  if (ARROWS.has(key)) {
    return drag.kind === 'event' ? moveEvent(drag, key, model) : moveBeat(drag, key, model);
  }
  switch (key) {
    case ' ':
    case 'Enter':
      return drop(drag, model.timeline);
    case 'Escape':
      return cancel(drag, model.timeline);
    case 'Tab':
      // The focus stays on the lifted item until it is dropped or the move is cancelled.
      return unchanged(null);
    default:
      return unchanged(null, false);
  }
}

function pickUp(item: Resting, model: TimelineModel): StepResult {
  const none: StepResult = { drag: null, announcement: null, handled: true };
  if (item.kind === 'moment') {
    const at = locateMoment(model, item.id);
    if (!at) return none;
    return {
      drag: { kind: 'moment', id: item.id, mode: 'keyboard', origin: at, target: at },
      announcement:
        `Picked up beat at ${describeBeatSlot(model, item.id, at.eventId, at.index)}. ` +
        'Up and down arrows move it within the event, left and right to other events. ' +
        'Space drops it, Escape cancels.',
      handled: true,
    };
  }
  const index = model.eventOrder.indexOf(item.id);
  if (index < 0) return none;
  return {
    drag: { kind: 'event', id: item.id, mode: 'keyboard', origin: { index }, target: { index } },
    announcement:
      `Picked up event at position ${index + 1} of ${model.eventOrder.length}. ` +
      'Left and right arrows move it. Space drops it, Escape cancels.',
    handled: true,
  };
}

type EventDrag = Extract<DragState, { kind: 'event' }>;
type BeatDrag = Extract<DragState, { kind: 'moment' }>;

function moveEvent(drag: EventDrag, key: string, model: DragModel): StepResult {
  const { eventOrder } = model.timeline;
  const by = key === 'ArrowLeft' || key === 'ArrowUp' ? -1 : 1;
  const index = Math.min(eventOrder.length - 1, Math.max(0, drag.target.index + by));
  if (index === drag.target.index) {
    return {
      drag,
      announcement: `The event is already ${by < 0 ? 'first' : 'last'}.`,
      handled: true,
    };
  }
  const next: EventDrag = { ...drag, target: { index } };
  const note = logicNote(model.timeline, model.logic, next);
  return {
    drag: next,
    announcement: `Event moved to position ${index + 1} of ${eventOrder.length}.${note}`,
    handled: true,
  };
}

function moveBeat(drag: BeatDrag, key: string, model: DragModel): StepResult {
  const timeline = model.timeline;
  let { eventId, index } = drag.target;
  if (key === 'ArrowUp' || key === 'ArrowDown') {
    const next = index + (key === 'ArrowUp' ? -1 : 1);
    if (next < 0 || next > othersIn(timeline, drag.id, eventId)) {
      const edge = next < 0 ? 'first' : 'last';
      return {
        drag,
        announcement: `The beat is already ${edge} in ${eventName(timeline, eventId)}.`,
        handled: true,
      };
    }
    index = next;
  } else {
    const left = key === 'ArrowLeft';
    const nextEvent = timeline.eventOrder[timeline.eventOrder.indexOf(eventId) + (left ? -1 : 1)];
    if (!nextEvent) {
      return {
        drag,
        announcement: `There is no event further ${left ? 'left' : 'right'}.`,
        handled: true,
      };
    }
    eventId = nextEvent;
    index = Math.min(index, othersIn(timeline, drag.id, eventId));
  }
  const next: BeatDrag = { ...drag, target: { eventId, index } };
  const note = logicNote(timeline, model.logic, next);
  return {
    drag: next,
    announcement: `Beat moved to ${describeBeatSlot(timeline, drag.id, eventId, index)}.${note}`,
    handled: true,
  };
}

function drop(drag: DragState, model: TimelineModel): StepResult {
  if (drag.kind === 'moment') {
    const { eventId, index } = drag.target;
    return {
      drag: null,
      announcement: `Dropped. The beat is at ${describeBeatSlot(model, drag.id, eventId, index)}.`,
      commit: { kind: 'moment', id: drag.id, eventId, index },
      focus: { kind: 'beat', id: drag.id },
      handled: true,
    };
  }
  const { index } = drag.target;
  return {
    drag: null,
    announcement: `Dropped. The event is at position ${index + 1} of ${model.eventOrder.length}.`,
    commit: { kind: 'event', id: drag.id, index },
    focus: { kind: 'handle', id: drag.id },
    handled: true,
  };
}

function cancel(drag: DragState, model: TimelineModel): StepResult {
  if (drag.kind === 'moment') {
    const { eventId, index } = drag.origin;
    return {
      drag: null,
      announcement: `Move cancelled. The beat stays at ${describeBeatSlot(model, drag.id, eventId, index)}.`,
      focus: { kind: 'beat', id: drag.id },
      handled: true,
    };
  }
  return {
    drag: null,
    announcement: `Move cancelled. The event stays at position ${drag.origin.index + 1}.`,
    focus: { kind: 'handle', id: drag.id },
    handled: true,
  };
}
