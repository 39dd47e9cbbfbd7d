import { nowIso } from './clock';
import type { StoryTime, TimeMode } from './contract/types';
import type { DatabaseHandle } from './db/open';
import { DomainError, notFound } from './errors';
import { CHRONO_ORDER, GAP, keyAfter, keyBefore } from './ordering';
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
  /** The event just before (position, id) in reading order: one index seek. */
  readingPrev: db
    .prepare(
      `SELECT event_uuid, chrono_position FROM events WHERE story_uuid = ?
      AND (position, event_uuid) < (?, ?) ORDER BY position DESC, event_uuid DESC LIMIT 1`,
    )
    .raw(true),
  readingKey: db.prepare('SELECT position FROM events WHERE event_uuid = ?').pluck(),
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

const toStoryTime = (row: TimeRow): StoryTime => ({
  eventId: row.event_uuid,
  storyId: row.story_uuid,
  chronoKey: row.chrono_position,
  label: row.time_label,
  mode: row.time_mode,
});

/** An event's story time. */
export function getStoryTime(db: DatabaseHandle, eventId: string): StoryTime {
  return toStoryTime(getRow(db, eventId));
}

/** A story's events in story time. */
export function listChronology(db: DatabaseHandle, storyId: string): StoryTime[] {
  if (statements(db).storyExists.get(storyId) === undefined) throw notFound('story', storyId);
  return (statements(db).byStory.all(storyId) as TimeRow[]).map(toStoryTime);
}

/**
 * Sets an event's story-time label and/or mode. With `expectedLabel` (the label the edit was
 * typed over), a label changed elsewhere since is a conflict and nothing changes.
 */
export function setStoryTime(
  db: DatabaseHandle,
  eventId: string,
  changes: { label?: string; mode?: TimeMode; expectedLabel?: string },
): StoryTime {
  const row = getRow(db, eventId);
  if (changes.expectedLabel !== undefined && changes.expectedLabel.trim() !== row.time_label) {
    throw new DomainError(
      'conflict',
      'This story time was changed in another window since you opened it; ' +
        'reload it to see the change, then make your edit again.',
    );
  }
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
  let before = null;
  if (beforeEventId !== null) {
    if (beforeEventId === eventId) {
      throw new DomainError('conflict', 'An event cannot be moved before itself.');
    }
    const anchor = getRow(db, beforeEventId);
    if (anchor.story_uuid !== storyId) {
      throw new DomainError('conflict', 'beforeEventId is an event of another story.');
    }
    before = { id: beforeEventId, key: anchor.chrono_position };
  }
  const key = keyBefore(db, CHRONO_ORDER, storyId, before, eventId);
  statements(db).setKey.run(key, nowIso(), eventId);
  return listChronology(db, storyId);
}

/**
 * Gives a just-created event its place in story time: right after the event before it in
 * reading order (first when it is first), so a story told in order stays in order.
 */
export function placeNewEvent(db: DatabaseHandle, eventId: string): void {
  const s = statements(db);
  const { story_uuid: storyId } = getRow(db, eventId);
  const reading = s.readingKey.get(eventId) as number;
  const prev = s.readingPrev.get(storyId, reading, eventId) as [string, number] | undefined;
  const after = prev ? { id: prev[0], key: prev[1] } : null;
  s.setKey.run(keyAfter(db, CHRONO_ORDER, storyId, after, eventId), nowIso(), eventId);
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
  const set = statements(db).setKey;
  const now = nowIso();
  eventIds.forEach((id, i) => set.run(i * GAP, now, id));
}
