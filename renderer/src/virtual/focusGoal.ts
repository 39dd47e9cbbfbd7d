import { useStore } from '../store';

/**
 * Arrow-key focus moves over beats that may not be loaded yet. When the next beat is not
 * loaded, the place is kept as a goal (further arrow presses move on from it), its window is
 * asked for, and the focus goes there as soon as the beat arrives.
 */
interface Goal {
  /** The beat that held the focus when the goal was set: the goal counts only while it does. */
  from: string;
  eventId: string;
  index: number;
}

let goal: Goal | null = null;
let unsubscribe: (() => void) | null = null;

function settle(): void {
  unsubscribe?.();
  unsubscribe = null;
  goal = null;
}

/** Where the next arrow press from the beat `from` starts: the pending goal, if it is its own. */
export function focusGoalFrom(from: string): { eventId: string; index: number } | null {
  return goal && goal.from === from ? goal : null;
}

/** Moves the focus to the beat at `index` of an event (its handle when it has no beats). */
export function focusBeatAt(from: string, eventId: string, index: number): void {
  const { timeline, requestFocus, wantBeats } = useStore.getState();
  const slots = timeline?.momentIds[eventId];
  if (!slots) return;
  if (slots.length === 0) {
    settle();
    requestFocus('handle', eventId);
    return;
  }
  const at = Math.max(0, Math.min(index, slots.length - 1));
  const id = slots[at];
  if (id) {
    settle();
    requestFocus('beat', id);
    return;
  }
  goal = { from, eventId, index: at };
  wantBeats(eventId, at, at);
  unsubscribe ??= useStore.subscribe((s) => {
    if (!goal) return settle();
    const arrived = s.timeline?.momentIds[goal.eventId]?.[goal.index];
    if (arrived) {
      settle();
      s.requestFocus('beat', arrived);
    } else if (!s.timeline?.momentIds[goal.eventId]) {
      settle();
    }
  });
}
