import { nowIso } from './clock';
import type { StoryTime, TimeMode } from './contract/types';
import type { DatabaseHandle } from './db/open';
import { DomainError, notFound } from './errors';
import { dropList } from './order-cache';
import { CHRONO_ORDER, GAP, keyAfterLast, keyForIndex, rankOf, recordPlacement } from './ordering';
import { cachedStatements } from './statements';

/**
 * Story time (migration 004): each event's place in the chronology, a gapped sort key apart
 * from its reading position, with a free-text label and a mode. Moving an event in the
 * chronology writes one row, like a move in reading order (electron/core/ordering.ts).
 */

interface TimeRow {
  event_uuid: string;
  story_uuid: string;
  chrono_position: number;
  time_label: string;
  time_mode: TimeMode;
}

const COLUMNS = 'event_uuid, story_uuid, chrono_position, time_label, time_mode';

const statements = cachedStatements((db) => ({
  get: db.prepare(`SELECT ${COLUMNS} FROM events WHERE event_uuid = ?`),
  byStory: db.prepare(
    `SELECT ${COLUMNS} FROM events WHERE story_uuid = ? ORDER BY chrono_position, event_uuid`,
  ),
  storyExists: db.prepare('SELECT 1 FROM stories WHERE story_uuid = ?').pluck(),
  /** The event at reading index ? of a story, not counting the given one. */
  readingAt: db
    .prepare(
      `SELECT event_uuid, chrono_position FROM events WHERE story_uuid = ? AND event_uuid <> ?
      ORDER BY position, event_uuid LIMIT 1 OFFSET ?`,
    )
    .raw(true),
  setKey: db.prepare('UPDATE events SET chrono_position = ?, updated_at = ? WHERE event_uuid = ?'),
  setTime: db.prepare(
    'UPDATE events SET time_label = ?, time_mode = ?, updated_at = ? WHERE event_uuid = ?',
  ),
}));

function getRow(db: DatabaseHandle, eventId: string): TimeRow {
  const row = statements(db).get.get(eventId) as TimeRow | undefined;
  if (!row) throw notFound('event', eventId);
  return row;
}

const toStoryTime = (row: TimeRow, chronoPosition: number): StoryTime => ({
  eventId: row.event_uuid,
  storyId: row.story_uuid,
  chronoPosition,
  label: row.time_label,
  mode: row.time_mode,
});

/** An event's story time, with its dense place in the chronology. */
export function getStoryTime(db: DatabaseHandle, eventId: string): StoryTime {
  const row = getRow(db, eventId);
  return toStoryTime(
    row,
    rankOf(db, CHRONO_ORDER, row.story_uuid, row.chrono_position, row.event_uuid),
  );
}

/** A story's events in story time. */
export function listChronology(db: DatabaseHandle, storyId: string): StoryTime[] {
  if (statements(db).storyExists.get(storyId) === undefined) throw notFound('story', storyId);
  return (statements(db).byStory.all(storyId) as TimeRow[]).map(toStoryTime);
}

/** Sets an event's story-time label and/or mode. */
export function setStoryTime(
  db: DatabaseHandle,
  eventId: string,
  changes: { label?: string; mode?: TimeMode },
): StoryTime {
  const row = getRow(db, eventId);
  statements(db).setTime.run(
    changes.label !== undefined ? changes.label.trim() : row.time_label,
    changes.mode ?? row.time_mode,
    nowIso(),
    eventId,
  );
  return getStoryTime(db, eventId);
}

/**
 * Moves an event in story time to just before `beforeEventId` (null: last), writing its one
 * row (and now and then a few neighbours'). Returns the story's new chronology.
 */
export function moveInChronology(
  db: DatabaseHandle,
  eventId: string,
  beforeEventId: string | null,
): StoryTime[] {
  const row = getRow(db, eventId);
  const storyId = row.story_uuid;
  const self = { id: eventId, key: row.chrono_position };
  let index: number;
  if (beforeEventId === null) {
    index = keyAfterLast(db, CHRONO_ORDER, storyId, self).index;
  } else {
    if (beforeEventId === eventId) {
      throw new DomainError('conflict', 'An event cannot be moved before itself.');
    }
    const before = getRow(db, beforeEventId);
    if (before.story_uuid !== storyId) {
      throw new DomainError('conflict', 'beforeEventId is an event of another story.');
    }
    const rank = rankOf(db, CHRONO_ORDER, storyId, before.chrono_position, beforeEventId);
    const selfBefore =
      row.chrono_position < before.chrono_position ||
      (row.chrono_position === before.chrono_position && eventId < beforeEventId);
    index = selfBefore ? rank - 1 : rank;
  }
  placeAt(db, row, index);
  return listChronology(db, storyId);
}

function placeAt(db: DatabaseHandle, row: TimeRow, index: number): void {
  const self = { id: row.event_uuid, key: row.chrono_position };
  const key = keyForIndex(db, CHRONO_ORDER, row.story_uuid, index, self, 'the chronology');
  statements(db).setKey.run(key, nowIso(), row.event_uuid);
  const from = { scopeId: row.story_uuid, key: row.chrono_position };
  recordPlacement(db, CHRONO_ORDER, row.event_uuid, from, row.story_uuid, index, key);
}

/**
 * Gives a just-created event its place in story time: right after the event before it in
 * reading order (first when it is first), so a story told in order stays in order.
 */
export function placeNewEvent(db: DatabaseHandle, eventId: string, readingIndex: number): void {
  const row = getRow(db, eventId);
  // A cached chronology does not hold the new row yet: read it again, with the row.
  dropList(db, CHRONO_ORDER.cacheName!, row.story_uuid);
  let index = 0;
  if (readingIndex > 0) {
    const prev = statements(db).readingAt.get(row.story_uuid, eventId, readingIndex - 1) as
      [string, number] | undefined;
    if (prev) {
      const [prevId, prevKey] = prev;
      // The new row sits at its default key until placed: do not count it before `prev`.
      const selfBefore =
        row.chrono_position < prevKey || (row.chrono_position === prevKey && eventId < prevId);
      index = rankOf(db, CHRONO_ORDER, row.story_uuid, prevKey, prevId) + (selfBefore ? 0 : 1);
    }
  }
  const self = { id: eventId, key: row.chrono_position };
  const key = keyForIndex(db, CHRONO_ORDER, row.story_uuid, index, self, 'the chronology');
  statements(db).setKey.run(key, nowIso(), eventId);
  // The cached chronology holds the row at its default key: let SQLite say.
  dropList(db, CHRONO_ORDER.cacheName!, row.story_uuid);
}

/**
 * Gives events appended in one go (an import) story time in their reading order, after
 * every event already in the chronology.
 */
export function placeAppendedEvents(
  db: DatabaseHandle,
  storyId: string,
  eventIds: readonly string[],
): void {
  if (eventIds.length === 0) return;
  dropList(db, CHRONO_ORDER.cacheName!, storyId);
  const appended = new Set(eventIds);
  let last: number | null = null;
  for (const row of statements(db).byStory.all(storyId) as TimeRow[]) {
    if (!appended.has(row.event_uuid)) last = row.chrono_position;
  }
  let key = last === null ? 0 : last + GAP;
  const set = statements(db).setKey;
  const now = nowIso();
  for (const id of eventIds) {
    set.run(key, now, id);
    key += GAP;
  }
}

/** Sets a story's whole chronology to `eventIds` in order (imports of version 2 files). */
export function setChronology(db: DatabaseHandle, storyId: string, eventIds: readonly string[]) {
  dropList(db, CHRONO_ORDER.cacheName!, storyId);
  const set = statements(db).setKey;
  const now = nowIso();
  eventIds.forEach((id, i) => set.run(i * GAP, now, id));
}
