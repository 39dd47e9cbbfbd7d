import type { LinkKind } from '../../../../electron/core/contract/types';
import { describeBeat, quoteBeat } from '../../../../electron/core/logic/check';
import { api } from '../../api/bridge';
import { placeOf } from '../../lib/logicPreview';
import { call } from '../../store/call';
import { useStore } from '../../store';
import { focusBeatAt } from '../../virtual/focusGoal';

/** How a link reads from its first beat, and from its second. */
export const KIND_OUT: Record<LinkKind, string> = {
  causes: 'causes',
  sets_up: 'sets up',
  precedes: 'precedes',
};
export const KIND_IN: Record<LinkKind, string> = {
  causes: 'caused by',
  sets_up: 'set up by',
  precedes: 'preceded by',
};

/** "'She breaks in' (Night watch, beat 1)", or a plain "a beat" when its place is unknown. */
export function nameBeat(momentId: string): string {
  const { timeline, logic } = useStore.getState();
  if (!timeline || !logic) return 'a beat';
  const place = placeOf(timeline, logic, momentId);
  if (!place) return 'a beat';
  const event = timeline.events[place.eventId];
  return describeBeat(place.description, event?.title ?? '', place.index);
}

/** "'She breaks in'" (its text, as the check quotes it), or "a beat" when its place is unknown. */
export function quoteBeatOf(momentId: string): string {
  const { timeline, logic } = useStore.getState();
  const place = timeline && logic ? placeOf(timeline, logic, momentId) : null;
  return place ? quoteBeat(place.description) : 'a beat';
}

/**
 * Shows a beat wherever it is: the reading-order board, its column scrolled to, the card
 * focused. A beat whose place is not known here (off screen in a long story) is read first.
 */
export async function jumpToBeat(momentId: string): Promise<void> {
  const { timeline, logic } = useStore.getState();
  if (!timeline || !logic) return;
  let place: { eventId: string; index: number } | null = placeOf(timeline, logic, momentId);
  if (!place) {
    const got = await call(() => api().moments.get({ momentId }));
    if (!got.ok) return;
    place = { eventId: got.value.eventId, index: got.value.place };
  }
  const state = useStore.getState();
  if (state.logicView !== 'reading') state.setLogicView('reading');
  // After the board is drawn: the request pins the beat's column so the focus can land.
  requestAnimationFrame(() => focusBeatAt(momentId, place.eventId, place.index));
}
