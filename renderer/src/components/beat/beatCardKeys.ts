import type { KeyboardEvent } from 'react';
import { startKeyboardDrag } from '../../drag/keyboardInput';
import { useStore } from '../../store';
import type { Slot } from '../../store/timelineModel';
import { focusBeatAt, focusGoalFrom } from '../../virtual/focusGoal';

/** Store actions, read when used. */
const actions = () => useStore.getState();

/**
 * Moves focus between beats with the arrow keys (when not moving one), through the model: the
 * neighbour may not be rendered or loaded yet (see `focusBeatAt`).
 */
function focusNeighbour(momentId: string, eventId: string, key: string): void {
  const model = useStore.getState().timeline;
  if (!model) return;
  const start = focusGoalFrom(momentId) ?? {
    eventId,
    index: model.momentIds[eventId]?.indexOf(momentId) ?? -1,
  };
  if (start.index < 0) return;
  if (key === 'ArrowUp' || key === 'ArrowDown') {
    const at = start.index + (key === 'ArrowUp' ? -1 : 1);
    const count = model.momentIds[start.eventId]?.length ?? 0;
    if (at >= 0 && at < count) focusBeatAt(momentId, start.eventId, at);
    return;
  }
  const order = model.eventOrder;
  const next = order[order.indexOf(start.eventId) + (key === 'ArrowLeft' ? -1 : 1)];
  if (next) focusBeatAt(momentId, next, start.index);
}

/** The beat next to this one in its event (`after`: the next first, else the previous first). */
function siblingOf(momentId: string, eventId: string, after: boolean): Slot | undefined {
  const siblings = useStore.getState().timeline?.momentIds[eventId] ?? [];
  const at = siblings.indexOf(momentId);
  return after ? (siblings[at + 1] ?? siblings[at - 1]) : (siblings[at - 1] ?? siblings[at + 1]);
}

/** Deletes a beat and hands the focus to `next`, or to Add beat when the event is left empty. */
function deleteAndFocus(momentId: string, eventId: string, next: Slot | undefined): void {
  actions().deleteMoment(momentId);
  if (next) actions().requestFocus('beat', next);
  else actions().requestFocus('add-beat', eventId);
}

/** The keys a focused beat card answers (not its text field): lift, edit, link, delete, move focus. */
export function onBeatCardKey(
  e: KeyboardEvent<HTMLElement>,
  momentId: string,
  eventId: string,
): void {
  if (e.target !== e.currentTarget || e.altKey || e.ctrlKey || e.metaKey) return;
  switch (e.key) {
    case ' ':
      e.preventDefault();
      if (!e.repeat) startKeyboardDrag('moment', momentId);
      break;
    case 'Enter':
    case 'F2':
      e.preventDefault();
      actions().setEditingMoment(momentId);
      break;
    case 'l':
    case 'L':
      e.preventDefault();
      actions().openLinkPicker(momentId);
      break;
    case 'Delete':
    case 'Backspace':
      e.preventDefault();
      // The focus moves on to the next beat (or the previous, or Add beat).
      deleteAndFocus(momentId, eventId, siblingOf(momentId, eventId, true));
      break;
    case 'ArrowUp':
    case 'ArrowDown':
    case 'ArrowLeft':
    case 'ArrowRight':
      e.preventDefault();
      focusNeighbour(momentId, eventId, e.key);
      break;
  }
}

/** Where a beat's text field sits and how it ends its edit. */
export interface BeatTextPlace {
  momentId: string;
  eventId: string;
  index: number;
  finishEditing: (refocus: boolean) => Promise<void>;
}

/** The keys a beat's text field answers: Escape ends the edit, Enter starts the next beat. */
export function onBeatTextKey(e: KeyboardEvent<HTMLTextAreaElement>, place: BeatTextPlace): void {
  const { momentId, eventId, index, finishEditing } = place;
  const el = e.currentTarget;
  if (e.key === 'Escape') {
    // Escape leaves the text as it is, saved: it never throws typing away. A beat just added
    // (Enter, Add beat) and left empty is removed instead, as an undoable delete.
    e.preventDefault();
    e.stopPropagation();
    const fresh = useStore.getState().takeFreshBeat(momentId);
    if (fresh && el.value.trim() === '') {
      const back = siblingOf(momentId, eventId, false);
      void finishEditing(false);
      deleteAndFocus(momentId, eventId, back);
      return;
    }
    void finishEditing(true);
    return;
  }
  // Enter, wherever the caret is, ends this beat and starts the next; Shift+Enter is a new line.
  if (e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.nativeEvent.isComposing) {
    e.preventDefault();
    // Both are queued in order: this beat's text is saved, then the next beat is created.
    void finishEditing(false);
    void actions().addMoment(eventId, index + 1);
  }
}
