import type { TimelineModel } from '../store/timelineModel';
import { eventName as eventNameOf } from '../../../electron/core/names';

/** "event 3, The heist": an event as the drag announcements name it. */
export function eventName(model: TimelineModel, eventId: string): string {
  const index = model.eventOrder.indexOf(eventId);
  const title = eventNameOf(model.events[eventId]?.title ?? '');
  return `event ${index + 1}, ${title}`;
}

/** How many beats other than `momentId` an event holds (unloaded places count). */
export function othersIn(model: TimelineModel, momentId: string, eventId: string): number {
  return (model.momentIds[eventId] ?? []).filter((id) => id !== momentId).length;
}

/** "position 2 of 5 in event 3, The heist": where a beat is (or would be). */
export function describeBeatSlot(
  model: TimelineModel,
  momentId: string,
  eventId: string,
  index: number,
): string {
  const count = othersIn(model, momentId, eventId) + 1;
  return `position ${index + 1} of ${count} in ${eventName(model, eventId)}`;
}
