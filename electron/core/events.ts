import { insertSql } from './batch-insert';
import { newId } from './ids';
import type { StoryEvent } from './contract/types';
import type { DatabaseHandle } from './db/open';
import { nextStamp, nowIso } from './clock';
import { alreadyExists, checkUnchanged, notFound } from './errors';
import {
  EVENT_ORDER,
  keyForEnd,
  keyForIndex,
  rankOf,
  recordPlacement,
  recordRemoval,
} from './ordering';
import { noteEventStory, resetOrderCache } from './order-cache';
import { cachedStatements } from './statements';
import { getStory } from './stories';

interface EventRow {
  event_uuid: string;
  story_uuid: string;
  title: string;
  description: string;
  position: number;
  created_at: string;
  updated_at: string;
}

/** The columns of an `events` row, in the order inserts give them. */
export const EVENT_INSERT_COLUMNS = [
  'event_uuid',
  'story_uuid',
  'title',
  'description',
  'position',
  'created_at',
  'updated_at',
] as const;

/** Maps an `events` row and its dense rank to the contract's StoryEvent. */
export function rowToEvent(row: EventRow, position: number): StoryEvent {
  return {
    id: row.event_uuid,
    storyId: row.story_uuid,
    title: row.title,
    description: row.description,
    position,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const statements = cachedStatements((db) => ({
  insert: db.prepare(insertSql('events', EVENT_INSERT_COLUMNS)),
  get: db.prepare('SELECT * FROM events WHERE event_uuid = ?'),
  listByStory: db.prepare(
    'SELECT * FROM events WHERE story_uuid = ? ORDER BY position, event_uuid',
  ),
  update: db.prepare(
    'UPDATE events SET title = ?, description = ?, updated_at = ? WHERE event_uuid = ?',
  ),
  setPosition: db.prepare('UPDATE events SET position = ?, updated_at = ? WHERE event_uuid = ?'),
  remove: db.prepare('DELETE FROM events WHERE event_uuid = ?'),
}));

function getEventRow(db: DatabaseHandle, eventId: string): EventRow {
  const row = statements(db).get.get(eventId) as EventRow | undefined;
  if (!row) throw notFound('event', eventId);
  return row;
}

/** Creates an event in a story, at `position` (0..count) or at the end. */
export function createEvent(
  db: DatabaseHandle,
  input: { storyId: string; title: string; description?: string; position?: number; id?: string },
): StoryEvent {
  getStory(db, input.storyId);
  if (input.id !== undefined && statements(db).get.get(input.id)) {
    throw alreadyExists('event', input.id);
  }
  const { key, index } =
    input.position === undefined
      ? keyForEnd(db, EVENT_ORDER, input.storyId)
      : {
          key: keyForIndex(db, EVENT_ORDER, input.storyId, input.position, null, 'this story'),
          index: input.position,
        };
  const now = nowIso();
  const id = input.id ?? newId();
  statements(db).insert.run(
    id,
    input.storyId,
    input.title.trim(),
    input.description ?? '',
    key,
    now,
    now,
  );
  recordPlacement(db, EVENT_ORDER, id, null, input.storyId, index, key);
  noteEventStory(db, id, input.storyId);
  return rowToEvent(getEventRow(db, id), index);
}

/** One event with its dense position; throws not_found when it does not exist. */
export function getEvent(db: DatabaseHandle, eventId: string): StoryEvent {
  const row = getEventRow(db, eventId);
  return rowToEvent(row, rankOf(db, EVENT_ORDER, row.story_uuid, row.position, row.event_uuid));
}

/** A story's events in order. */
export function listEventsByStory(db: DatabaseHandle, storyId: string): StoryEvent[] {
  getStory(db, storyId);
  const rows = statements(db).listByStory.all(storyId) as EventRow[];
  return rows.map((row, i) => {
    noteEventStory(db, row.event_uuid, storyId);
    return rowToEvent(row, i);
  });
}

/**
 * Changes an event's title and/or description. With `expectedUpdatedAt`, refuses (conflict)
 * when the event changed since.
 */
export function updateEvent(
  db: DatabaseHandle,
  eventId: string,
  changes: { title?: string; description?: string; expectedUpdatedAt?: string },
): StoryEvent {
  const row = getEventRow(db, eventId);
  checkUnchanged('event', row.updated_at, changes.expectedUpdatedAt);
  statements(db).update.run(
    changes.title !== undefined ? changes.title.trim() : row.title,
    changes.description ?? row.description,
    nextStamp(row.updated_at),
    eventId,
  );
  return getEvent(db, eventId);
}

/** Moves an event to `position` (0..count-1) in its story; returns the story's new order. */
export function moveEvent(db: DatabaseHandle, eventId: string, position: number): StoryEvent[] {
  const row = getEventRow(db, eventId);
  const self = { id: eventId, key: row.position };
  const key = keyForIndex(db, EVENT_ORDER, row.story_uuid, position, self, 'this story');
  statements(db).setPosition.run(key, nextStamp(row.updated_at), eventId);
  const from = { scopeId: row.story_uuid, key: row.position };
  recordPlacement(db, EVENT_ORDER, eventId, from, row.story_uuid, position, key);
  return listEventsByStory(db, row.story_uuid);
}

/** Deletes an event and its beats. */
export function deleteEvent(db: DatabaseHandle, eventId: string): void {
  const row = getEventRow(db, eventId);
  statements(db).remove.run(eventId);
  recordRemoval(db, EVENT_ORDER, row.story_uuid, { id: eventId, key: row.position });
  resetOrderCache(db); // its beats went with it (cascade)
}
