import type { StoryTimeline } from '../../../electron/core/contract/types';
import type { EventSnap, IdMap, MomentSnap } from './history';
import type { TimelineModel } from './timelineModel';

/** A beat as history keeps it, under its logical id. */
export function snapMoment(
  ids: IdMap,
  m: { id: string; description: string; timestampOffset: number | null },
): MomentSnap {
  return {
    id: ids.logicalOf(m.id),
    description: m.description,
    timestampOffset: m.timestampOffset,
  };
}

/**
 * An event of the open story with its beats, as history keeps it; null when it is gone or
 * some of its beats are not loaded (a partial snapshot would lose them on undo).
 */
export function snapEvent(ids: IdMap, model: TimelineModel, eventId: string): EventSnap | null {
  const event = model.events[eventId];
  if (!event) return null;
  const slots = model.momentIds[eventId] ?? [];
  const beats = slots
    .map((id) => (id === null ? undefined : model.moments[id]))
    .filter((m) => m !== undefined);
  if (beats.length !== slots.length) return null;
  return {
    id: ids.logicalOf(event.id),
    title: event.title,
    description: event.description,
    moments: beats.map((m) => snapMoment(ids, m)),
  };
}

/** A whole story, loaded from the server, as history keeps it (for undoing a delete). */
export function snapStory(ids: IdMap, timeline: StoryTimeline) {
  return {
    id: ids.logicalOf(timeline.story.id),
    title: timeline.story.title,
    events: [...timeline.events]
      .sort((a, b) => a.position - b.position)
      .map((e) => ({
        id: ids.logicalOf(e.id),
        title: e.title,
        description: e.description,
        moments: [...e.moments]
          .sort((a, b) => a.sequenceIndex - b.sequenceIndex)
          .map((m) => snapMoment(ids, m)),
      })),
  };
}
