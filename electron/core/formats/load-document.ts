import type { DatabaseHandle } from '../db/open';
import { loadLogicDocument } from '../logic/document';
import { listEventsByStory } from '../events';
import { getStory } from '../stories';
import { beatRowsOfStory } from '../timeline';
import type { EventDocument, MomentDocument, StoryDocument } from './model';

/**
 * A story read from the library straight into the document the file formats write (ids and
 * timestamps included): the events in one query, all their beats in order in another, each
 * row read once into its final object.
 */
export function loadStoryDocument(db: DatabaseHandle, storyId: string): StoryDocument {
  const story = getStory(db, storyId);
  const events: EventDocument[] = [];
  const byId = new Map<string, MomentDocument[]>();
  for (const event of listEventsByStory(db, storyId)) {
    const moments: MomentDocument[] = [];
    byId.set(event.id, moments);
    events.push({
      id: event.id,
      title: event.title,
      description: event.description,
      createdAt: event.createdAt,
      updatedAt: event.updatedAt,
      moments,
    });
  }
  let eventId = '';
  let moments: MomentDocument[] = [];
  for (const row of beatRowsOfStory(db, storyId)) {
    if (row[0] !== eventId) {
      eventId = row[0];
      moments = byId.get(eventId)!;
    }
    moments.push({
      id: row[1],
      description: row[2],
      timestampOffset: row[3],
      createdAt: row[4],
      updatedAt: row[5],
    });
  }
  const doc: StoryDocument = {
    id: story.id,
    title: story.title,
    createdAt: story.createdAt,
    updatedAt: story.updatedAt,
    events,
  };
  // Story time and links (logic layer): a version 2 story file writes them.
  doc.logic = loadLogicDocument(db, storyId, doc);
  return doc;
}
