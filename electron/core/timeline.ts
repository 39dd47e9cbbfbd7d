import type { EventWithMoments, StoryOutline, StoryTimeline } from './contract/types';
import type { DatabaseHandle } from './db/open';
import { listEventsByStory } from './events';
import { rowToMoment } from './moments';
import { cachedStatements } from './statements';
import { getStory } from './stories';

const statements = cachedStatements((db) => ({
  beatCounts: db.prepare(`
    SELECT m.event_uuid, count(*) AS n FROM event_moments m JOIN events e ON e.event_uuid = m.event_uuid
    WHERE e.story_uuid = ? GROUP BY m.event_uuid`),
  momentsOfStory: db.prepare(`
    SELECT m.* FROM event_moments m JOIN events e ON e.event_uuid = m.event_uuid
    WHERE e.story_uuid = ?
    ORDER BY e.position, e.event_uuid, m.sequence_index, m.moment_uuid`),
}));

/** The story's events in order with their beat counts: two small queries, no beats. */
export function loadStoryOutline(db: DatabaseHandle, storyId: string): StoryOutline {
  const story = getStory(db, storyId);
  const counts = new Map(
    (statements(db).beatCounts.all(storyId) as Array<{ event_uuid: string; n: number }>).map(
      (r) => [r.event_uuid, r.n],
    ),
  );
  const events = listEventsByStory(db, storyId).map((e) => ({
    ...e,
    beatCount: counts.get(e.id) ?? 0,
  }));
  return { story, events };
}

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
