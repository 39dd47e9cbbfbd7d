import type { EventWithMoments, StoryTimeline } from './contract/types';
import type { DatabaseHandle } from './db/open';
import { listEventsByStory } from './events';
import { rowToMoment } from './moments';
import { cachedStatements } from './statements';
import { getStory } from './stories';

const statements = cachedStatements((db) => ({
  momentsOfStory: db.prepare(`
    SELECT m.* FROM event_moments m JOIN events e ON e.event_uuid = m.event_uuid
    WHERE e.story_uuid = ?
    ORDER BY e.position, e.event_uuid, m.sequence_index, m.moment_uuid`),
}));

/** A whole story in order, read in two queries: events, then all their beats. */
export function loadStoryTimeline(db: DatabaseHandle, storyId: string): StoryTimeline {
  const story = getStory(db, storyId);
  const events: EventWithMoments[] = listEventsByStory(db, storyId).map((e) => ({
    ...e,
    moments: [],
  }));
  const byId = new Map(events.map((e) => [e.id, e]));
  for (const row of statements(db).momentsOfStory.iterate(storyId) as Iterable<
    Parameters<typeof rowToMoment>[0]
  >) {
    const event = byId.get(row.event_uuid)!;
    event.moments.push(rowToMoment(row, event.moments.length));
  }
  return { story, events };
}
