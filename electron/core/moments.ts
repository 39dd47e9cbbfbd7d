import { BatchInserter, insertSql } from './batch-insert';
import { newId } from './ids';
import type { Moment, MomentRange } from './contract/types';
import type { DatabaseHandle } from './db/open';
import { nextStamp, nowIso } from './clock';
import { DomainError, alreadyExists, checkUnchanged, notFound } from './errors';
import {
  GAP,
  MOMENT_ORDER,
  countInList,
  keyAfterLast,
  keyForEnd,
  keyForIndex,
  rankOf,
  recordPlacement,
  recordRemoval,
} from './ordering';
import { dropList, knownStoryOf, noteEventStory } from './order-cache';
import { cachedStatements } from './statements';

interface MomentRow {
  moment_uuid: string;
  event_uuid: string;
  sequence_index: number;
  beat_description: string;
  timestamp_offset: number | null;
  created_at: string;
  updated_at: string;
}

/** Maps an `event_moments` row and its dense rank to the contract's Moment. */
export function rowToMoment(row: MomentRow, sequenceIndex: number): Moment {
  return {
    id: row.moment_uuid,
    eventId: row.event_uuid,
    sequenceIndex,
    description: row.beat_description,
    timestampOffset: row.timestamp_offset,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The columns of an `event_moments` row, in the order inserts give them. */
export const MOMENT_INSERT_COLUMNS = [
  'moment_uuid',
  'event_uuid',
  'sequence_index',
  'beat_description',
  'timestamp_offset',
  'created_at',
  'updated_at',
] as const;

const statements = cachedStatements((db) => ({
  insert: db.prepare(insertSql('event_moments', MOMENT_INSERT_COLUMNS)),
  /** One row as an array (columns in MomentRow order): cheaper than a row object. */
  get: db
    .prepare(
      `SELECT moment_uuid, event_uuid, sequence_index, beat_description, timestamp_offset,
        created_at, updated_at FROM event_moments WHERE moment_uuid = ?`,
    )
    .raw(true),
  // `+?`: no recompile per call (see statements.ts).
  range: db.prepare(
    'SELECT * FROM event_moments WHERE event_uuid = +? ORDER BY sequence_index, moment_uuid LIMIT +? OFFSET ?',
  ),
  byEvent: db.prepare(
    'SELECT * FROM event_moments WHERE event_uuid = +? ORDER BY sequence_index, moment_uuid',
  ),
  storyOfEvent: db.prepare('SELECT story_uuid FROM events WHERE event_uuid = ?'),
  // Two lookups on the primary key (an IN list would build a temporary index first).
  storiesOfEvents: db
    .prepare(
      `SELECT (SELECT story_uuid FROM events WHERE event_uuid = ?),
        (SELECT story_uuid FROM events WHERE event_uuid = ?)`,
    )
    .raw(true),
  update: db.prepare(`UPDATE event_moments
    SET beat_description = ?, timestamp_offset = ?, updated_at = ? WHERE moment_uuid = ?`),
  place: db.prepare(`UPDATE event_moments
    SET event_uuid = ?, sequence_index = ?, updated_at = ? WHERE moment_uuid = ?`),
  remove: db.prepare('DELETE FROM event_moments WHERE moment_uuid = ?'),
}));

function storyOfEvent(db: DatabaseHandle, eventId: string): string {
  const known = knownStoryOf(db, eventId);
  if (known !== undefined) return known;
  const row = statements(db).storyOfEvent.get(eventId) as { story_uuid: string } | undefined;
  if (!row) throw notFound('event', eventId);
  noteEventStory(db, eventId, row.story_uuid);
  return row.story_uuid;
}

function getMomentRow(db: DatabaseHandle, momentId: string): MomentRow {
  const r = statements(db).get.get(momentId) as
    [string, string, number, string, number | null, string, string] | undefined;
  if (!r) throw notFound('beat', momentId);
  return {
    moment_uuid: r[0],
    event_uuid: r[1],
    sequence_index: r[2],
    beat_description: r[3],
    timestamp_offset: r[4],
    created_at: r[5],
    updated_at: r[6],
  };
}

interface NewMoment {
  eventId: string;
  description: string;
  timestampOffset?: number | null;
  position?: number;
  id?: string;
}

/**
 * Creates a beat in an event, at `position` (0..count) or at the end. The event is not
 * looked up first: the row's foreign key refuses a missing event, and only then is it
 * looked up, so the error says the event was not found (not a position or constraint).
 */
export function createMoment(db: DatabaseHandle, input: NewMoment): Moment {
  try {
    return insertMoment(db, input);
  } catch (error) {
    storyOfEvent(db, input.eventId); // throws not_found when the event is missing
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' && input.id !== undefined) {
      throw alreadyExists('beat', input.id);
    }
    throw error;
  }
}

function insertMoment(db: DatabaseHandle, input: NewMoment): Moment {
  const { key, index: position } =
    input.position === undefined
      ? keyForEnd(db, MOMENT_ORDER, input.eventId)
      : {
          key: keyForIndex(db, MOMENT_ORDER, input.eventId, input.position, null, 'this event'),
          index: input.position,
        };
  const now = nowIso();
  const id = input.id ?? newId();
  statements(db).insert.run(
    id,
    input.eventId,
    key,
    input.description,
    input.timestampOffset ?? null,
    now,
    now,
  );
  recordPlacement(db, MOMENT_ORDER, id, null, input.eventId, position, key);
  // The row is exactly what was inserted: answer without reading it back.
  return {
    id,
    eventId: input.eventId,
    sequenceIndex: position,
    description: input.description,
    timestampOffset: input.timestampOffset ?? null,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Appends many beats to an event in one pass (seeding, tests): one read of the last key,
 * then the rows at GAP spacing, 64 to a statement. Beats get fresh ids (any `id` they carry
 * is ignored), returned in order. Call inside a transaction.
 */
export function appendMoments(
  db: DatabaseHandle,
  eventId: string,
  beats: ReadonlyArray<{ description: string; timestampOffset?: number | null }>,
): string[] {
  storyOfEvent(db, eventId);
  dropList(db, MOMENT_ORDER.table, eventId);
  let { key } = keyAfterLast(db, MOMENT_ORDER, eventId);
  const now = nowIso();
  const rows = new BatchInserter(db, 'event_moments', MOMENT_INSERT_COLUMNS);
  const ids = beats.map((beat) => {
    const id = newId();
    rows.add(id, eventId, key, beat.description, beat.timestampOffset ?? null, now, now);
    key += GAP;
    return id;
  });
  rows.finish();
  return ids;
}

/** An event's beats in order, with dense sequence indexes 0..n-1. */
export function getMomentsByEvent(db: DatabaseHandle, eventId: string): Moment[] {
  storyOfEvent(db, eventId);
  const rows = statements(db).byEvent.all(eventId) as MomentRow[];
  return rows.map((row, i) => rowToMoment(row, i));
}

/** Beats `offset .. offset + limit - 1` of an event in order, with the event's total. */
export function getMomentRange(
  db: DatabaseHandle,
  eventId: string,
  offset: number,
  limit: number,
): MomentRange {
  storyOfEvent(db, eventId);
  const total = countInList(db, MOMENT_ORDER, eventId);
  const rows = statements(db).range.all(eventId, limit, offset) as MomentRow[];
  return { eventId, offset, total, moments: rows.map((row, i) => rowToMoment(row, offset + i)) };
}

/** One beat with its dense position; throws not_found when it does not exist. */
export function getMomentById(db: DatabaseHandle, momentId: string): Moment {
  const row = getMomentRow(db, momentId);
  return rowToMoment(
    row,
    rankOf(db, MOMENT_ORDER, row.event_uuid, row.sequence_index, row.moment_uuid),
  );
}

/**
 * Changes a beat's description, offset (null clears it) and/or position in its event. With
 * `expectedUpdatedAt`, refuses (conflict) when the beat changed since.
 */
export function updateMoment(
  db: DatabaseHandle,
  momentId: string,
  changes: {
    description?: string;
    timestampOffset?: number | null;
    position?: number;
    expectedUpdatedAt?: string;
  },
): Moment {
  const row = getMomentRow(db, momentId);
  checkUnchanged('beat', row.updated_at, changes.expectedUpdatedAt);
  if (changes.description !== undefined || changes.timestampOffset !== undefined) {
    row.beat_description = changes.description ?? row.beat_description;
    if (changes.timestampOffset !== undefined) row.timestamp_offset = changes.timestampOffset;
    row.updated_at = nextStamp(row.updated_at);
    statements(db).update.run(row.beat_description, row.timestamp_offset, row.updated_at, momentId);
  }
  if (changes.position !== undefined) {
    return moveMoment(db, momentId, { position: changes.position });
  }
  // `row` now holds what was written: answer without reading it back.
  return rowToMoment(
    row,
    rankOf(db, MOMENT_ORDER, row.event_uuid, row.sequence_index, row.moment_uuid),
  );
}

export type MoveTarget =
  { toEventId?: string; position: number } | { toEventId?: string; beforeMomentId: string | null };

/**
 * Moves a beat to a position in its own event or in another event of the same story:
 * `{ position }` is the beat's index after the move; `{ beforeMomentId }` puts it just
 * before that beat (null: at the end of `toEventId`). Writes the moved row, and now and
 * then a small window of neighbours.
 */
export function moveMoment(db: DatabaseHandle, momentId: string, target: MoveTarget): Moment {
  const row = getMomentRow(db, momentId);
  const self = { id: momentId, key: row.sequence_index };
  let toEventId = target.toEventId ?? row.event_uuid;
  let position: number;
  if ('beforeMomentId' in target) {
    if (target.beforeMomentId === momentId) {
      throw new DomainError('conflict', 'A beat cannot be moved before itself.');
    }
    if (target.beforeMomentId === null) {
      if (target.toEventId === undefined) {
        throw new DomainError('conflict', 'Moving to the end needs a target event.');
      }
      position = countInList(
        db,
        MOMENT_ORDER,
        toEventId,
        toEventId === row.event_uuid ? self : null,
      );
    } else {
      const before = getMomentRow(db, target.beforeMomentId);
      if (target.toEventId !== undefined && before.event_uuid !== target.toEventId) {
        throw new DomainError('conflict', 'beforeMomentId is not in the target event.');
      }
      toEventId = before.event_uuid;
      const rank = rankOf(db, MOMENT_ORDER, toEventId, before.sequence_index, before.moment_uuid);
      const selfBefore =
        row.event_uuid === toEventId &&
        (row.sequence_index < before.sequence_index ||
          (row.sequence_index === before.sequence_index && row.moment_uuid < before.moment_uuid));
      position = selfBefore ? rank - 1 : rank;
    }
  } else {
    position = target.position;
  }

  const across = toEventId !== row.event_uuid;
  if (across) assertSameStory(db, row.event_uuid, toEventId);
  // Moving across, the beat is not in the target list: nothing there to skip.
  const exclude = across ? null : self;
  const key = keyForIndex(db, MOMENT_ORDER, toEventId, position, exclude, 'the target event');
  const now = nextStamp(row.updated_at);
  statements(db).place.run(toEventId, key, now, momentId);
  const from = { scopeId: row.event_uuid, key: row.sequence_index };
  recordPlacement(db, MOMENT_ORDER, momentId, from, toEventId, position, key);
  // The position is authoritative: it was resolved against the rows inside this transaction.
  // A relabel may have rewritten neighbours' keys, never this row's text: no need to re-read.
  return rowToMoment(
    { ...row, event_uuid: toEventId, sequence_index: key, updated_at: now },
    position,
  );
}

/** Refuses a move to an event that does not exist or belongs to another story. */
function assertSameStory(db: DatabaseHandle, fromEventId: string, toEventId: string): void {
  let from = knownStoryOf(db, fromEventId) ?? null;
  let to = knownStoryOf(db, toEventId) ?? null;
  if (from === null || to === null) {
    [from, to] = statements(db).storiesOfEvents.get(fromEventId, toEventId) as [
      string | null,
      string | null,
    ];
    if (from !== null) noteEventStory(db, fromEventId, from);
    if (to !== null) noteEventStory(db, toEventId, to);
  }
  if (to === null) throw notFound('event', toEventId);
  if (to !== from) {
    throw new DomainError('conflict', 'A beat can only move to an event of the same story.');
  }
}

/** Deletes a beat; the beats after it close the gap (positions are ranks). */
export function deleteMoment(db: DatabaseHandle, momentId: string): void {
  const row = getMomentRow(db, momentId);
  statements(db).remove.run(momentId);
  recordRemoval(db, MOMENT_ORDER, row.event_uuid, { id: momentId, key: row.sequence_index });
}
