import { insertSql } from './batch-insert';
import { newId } from './ids';
import type { StoryEvent } from './contract/types';
import type { DatabaseHandle } from './db/open';
import { nextStamp, nowIso } from './clock';
import { DomainError, alreadyExists, checkUnchanged, notFound } from './errors';
import { EVENT_ORDER, keyBefore } from './ordering';
import { cachedStatements } from './statements';
import { getStory } from './stories';
import { placeNewEvent } from './chronology';

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

/** Maps an `events` row to the contract's StoryEvent. */
export function rowToEvent(row: EventRow): StoryEvent {
  return {
    id: row.event_uuid,
    storyId: row.story_uuid,
    title: row.title,
    description: row.description,
    orderKey: row.position,
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

/** The event a new or moved event goes before, checked to be in `storyId` (null: the end). */
function anchorIn(db: DatabaseHandle, storyId: string, beforeEventId: string | null) {
  if (beforeEventId === null) return null;
  const before = getEventRow(db, beforeEventId);
  if (before.story_uuid !== storyId) {
    throw new DomainError('conflict', 'beforeEventId is an event of another story.');
  }
  return { id: before.event_uuid, key: before.position };
}

/** Creates an event in a story, before `beforeEventId` or at the end. */
export function createEvent(
  db: DatabaseHandle,
  input: {
    storyId: string;
    title: string;
    description?: string;
    beforeEventId?: string | null;
    id?: string;
  },
): StoryEvent {
  getStory(db, input.storyId);
  if (input.id !== undefined && statements(db).get.get(input.id)) {
    throw alreadyExists('event', input.id);
  }
  const before = anchorIn(db, input.storyId, input.beforeEventId ?? null);
  const key = keyBefore(db, EVENT_ORDER, input.storyId, before);
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
  placeNewEvent(db, id); // story time (logic layer): after its reading predecessor
  return rowToEvent(getEventRow(db, id));
}

/** One event; throws not_found when it does not exist. */
export function getEvent(db: DatabaseHandle, eventId: string): StoryEvent {
  return rowToEvent(getEventRow(db, eventId));
}

/** A story's events in order. */
export function listEventsByStory(db: DatabaseHandle, storyId: string): StoryEvent[] {
  getStory(db, storyId);
  return (statements(db).listByStory.all(storyId) as EventRow[]).map(rowToEvent);
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

/**
 * Moves an event to just before `beforeEventId` in its story (null: the end); answers with
 * the moved event, its new sort key included.
 */
export function moveEvent(
  db: DatabaseHandle,
  eventId: string,
  beforeEventId: string | null,
): StoryEvent {
  const row = getEventRow(db, eventId);
  if (beforeEventId === eventId) {
    throw new DomainError('conflict', 'An event cannot be moved before itself.');
  }
  const before = anchorIn(db, row.story_uuid, beforeEventId);
  const key = keyBefore(db, EVENT_ORDER, row.story_uuid, before, eventId);
  const now = nextStamp(row.updated_at);
  statements(db).setPosition.run(key, now, eventId);
  return rowToEvent({ ...row, position: key, updated_at: now });
}

/** Deletes an event and its beats. */
export function deleteEvent(db: DatabaseHandle, eventId: string): void {
  if (statements(db).remove.run(eventId).changes === 0) throw notFound('event', eventId);
}
