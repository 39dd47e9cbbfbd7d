import { useEffect } from 'react';
import { useStore, type Store } from '../store';

/**
 * Arrow-key focus moves over beats that may not be loaded yet. When the next beat is not
 * loaded, the place is kept as the store's `focusGoal` (further arrow presses move on from it),
 * its window is asked for, and the focus goes there as soon as the beat arrives.
 */

/** Where the next arrow press from the beat `from` starts: the pending goal, if it is its own. */
export function focusGoalFrom(from: string): { eventId: string; index: number } | null {
  const goal = useStore.getState().focusGoal;
  return goal && goal.from === from ? goal : null;
}

/** Moves the focus to the beat at `index` of an event (its handle when it has no beats). */
export function focusBeatAt(from: string, eventId: string, index: number): void {
  const { timeline, requestFocus, wantBeats, setFocusGoal } = useStore.getState();
  const slots = timeline?.momentIds[eventId];
  if (!slots) return;
  if (slots.length === 0) {
    setFocusGoal(null);
    requestFocus('handle', eventId);
    return;
  }
  const at = Math.max(0, Math.min(index, slots.length - 1));
  const id = slots[at];
  if (id) {
    setFocusGoal(null);
    requestFocus('beat', id);
    return;
  }
  setFocusGoal({ from, eventId, index: at });
  wantBeats(eventId, at, at);
}

/** What became of the goal's place: null while none arrived, false when its event went, or the beat. */
function goalArrival(s: Store): string | null | false {
  const goal = s.focusGoal;
  if (!goal) return null;
  const slots = s.timeline?.momentIds[goal.eventId];
  if (!slots) return false;
  return slots[goal.index] ?? null;
}

/** Lands a pending goal when its beat arrives (or drops it when its event goes): the board's. */
export function useFocusGoal(): void {
  const arrival = useStore(goalArrival);
  useEffect(() => {
    if (arrival === null) return;
    const { setFocusGoal, requestFocus } = useStore.getState();
    setFocusGoal(null);
    if (arrival) requestFocus('beat', arrival);
  }, [arrival]);
}
