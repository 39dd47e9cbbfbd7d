import { BatchInserter, insertSql } from './batch-insert';
import { newId } from './ids';
import type { Moment, MomentRange, MomentWithPlace } from './contract/types';
import type { DatabaseHandle } from './db/open';
import { nextStamp, nowIso } from './clock';
import { DomainError, alreadyExists, checkUnchanged, notFound } from './errors';
import { GAP, MOMENT_ORDER, keyAfterLast, keyBefore } from './ordering';
import { placeIn } from './logic/place';
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

/** Maps an `event_moments` row to the contract's Moment. */
export function rowToMoment(row: MomentRow): Moment {
  return {
    id: row.moment_uuid,
    eventId: row.event_uuid,
    orderKey: row.sequence_index,
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
  get: db.prepare('SELECT * FROM event_moments WHERE moment_uuid = ?'),
  range: db.prepare(
    'SELECT * FROM event_moments WHERE event_uuid = ? ORDER BY sequence_index, moment_uuid LIMIT ? OFFSET ?',
  ),
  count: db.prepare('SELECT count(*) FROM event_moments WHERE event_uuid = ?').pluck(),
  byEvent: db.prepare(
    'SELECT * FROM event_moments WHERE event_uuid = ? ORDER BY sequence_index, moment_uuid',
  ),
  storyOfEvent: db.prepare('SELECT story_uuid FROM events WHERE event_uuid = ?').pluck(),
  update: db.prepare(`UPDATE event_moments
    SET beat_description = ?, timestamp_offset = ?, updated_at = ? WHERE moment_uuid = ?`),
  place: db.prepare(`UPDATE event_moments
    SET event_uuid = ?, sequence_index = ?, updated_at = ? WHERE moment_uuid = ?`),
  remove: db.prepare('DELETE FROM event_moments WHERE moment_uuid = ?'),
}));

function storyOfEvent(db: DatabaseHandle, eventId: string): string {
  const story = statements(db).storyOfEvent.get(eventId) as string | undefined;
  if (story === undefined) throw notFound('event', eventId);
  return story;
}

function getMomentRow(db: DatabaseHandle, momentId: string): MomentRow {
  const row = statements(db).get.get(momentId) as MomentRow | undefined;
  if (!row) throw notFound('beat', momentId);
  return row;
}

/** The beat a new or moved beat goes before, checked to be in `eventId` (null: the end). */
function anchorIn(db: DatabaseHandle, eventId: string, beforeMomentId: string | null) {
  if (beforeMomentId === null) return null;
  const before = getMomentRow(db, beforeMomentId);
  if (before.event_uuid !== eventId) {
    throw new DomainError('conflict', 'beforeMomentId is not a beat of the target event.');
  }
  return { id: before.moment_uuid, key: before.sequence_index };
}

interface NewMoment {
  eventId: string;
  description: string;
  timestampOffset?: number | null;
  /** The beat it goes before; null or omitted: at the end. */
  beforeMomentId?: string | null;
  id?: string;
}

/**
 * Creates a beat in an event, before `beforeMomentId` or at the end. At the end the event is
 * not looked up first: the row's foreign key refuses a missing event, and only then is it
 * looked up, so the error says the event was not found (not a constraint).
 */
export function createMoment(db: DatabaseHandle, input: NewMoment): Moment {
  try {
    return insertMoment(db, input);
  } catch (error) {
    if (error instanceof DomainError) throw error;
    storyOfEvent(db, input.eventId); // throws not_found when the event is missing
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' && input.id !== undefined) {
      throw alreadyExists('beat', input.id);
    }
    throw error;
  }
}

function insertMoment(db: DatabaseHandle, input: NewMoment): Moment {
  const before = anchorIn(db, input.eventId, input.beforeMomentId ?? null);
  const key = keyBefore(db, MOMENT_ORDER, input.eventId, before);
  const now = nowIso();
  const row: MomentRow = {
    moment_uuid: input.id ?? newId(),
    event_uuid: input.eventId,
    sequence_index: key,
    beat_description: input.description,
    timestamp_offset: input.timestampOffset ?? null,
    created_at: now,
    updated_at: now,
  };
  statements(db).insert.run(...MOMENT_INSERT_COLUMNS.map((c) => row[c]));
  return rowToMoment(row);
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
  let key = keyAfterLast(db, MOMENT_ORDER, eventId);
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

/** An event's beats in order. */
export function getMomentsByEvent(db: DatabaseHandle, eventId: string): Moment[] {
  storyOfEvent(db, eventId);
  return (statements(db).byEvent.all(eventId) as MomentRow[]).map(rowToMoment);
}

/** Beats `offset .. offset + limit - 1` of an event in order, with the event's total. */
export function getMomentRange(
  db: DatabaseHandle,
  eventId: string,
  offset: number,
  limit: number,
): MomentRange {
  storyOfEvent(db, eventId);
  const total = statements(db).count.get(eventId) as number;
  const rows = statements(db).range.all(eventId, limit, offset) as MomentRow[];
  return { eventId, offset, total, moments: rows.map(rowToMoment) };
}

/** One beat with its 0-based place in its event (counted); throws not_found when it does not exist. */
export function getMomentById(db: DatabaseHandle, momentId: string): MomentWithPlace {
  const moment = rowToMoment(getMomentRow(db, momentId));
  return {
    ...moment,
    place: placeIn(db, MOMENT_ORDER, moment.eventId, moment.orderKey, moment.id),
  };
}

/**
 * Changes a beat's description and/or offset (null clears it). With `expectedUpdatedAt`,
 * refuses (conflict) when the beat changed since.
 */
export function updateMoment(
  db: DatabaseHandle,
  momentId: string,
  changes: { description?: string; timestampOffset?: number | null; expectedUpdatedAt?: string },
): Moment {
  const row = getMomentRow(db, momentId);
  checkUnchanged('beat', row.updated_at, changes.expectedUpdatedAt);
  row.beat_description = changes.description ?? row.beat_description;
  if (changes.timestampOffset !== undefined) row.timestamp_offset = changes.timestampOffset;
  row.updated_at = nextStamp(row.updated_at);
  statements(db).update.run(row.beat_description, row.timestamp_offset, row.updated_at, momentId);
  return rowToMoment(row);
}

/** Where a beat goes: just before `beforeMomentId` in `toEventId` (null: at its end). */
export interface MoveTarget {
  toEventId: string;
  beforeMomentId: string | null;
}

/**
 * Moves a beat to just before another beat of `toEventId`, or to its end, in its own event
 * or another event of the same story. Writes the moved row (and now and then a small window
 * of neighbours) and answers with the row as written, its new sort key included.
 */
export function moveMoment(db: DatabaseHandle, momentId: string, target: MoveTarget): Moment {
  const row = getMomentRow(db, momentId);
  if (target.beforeMomentId === momentId) {
    throw new DomainError('conflict', 'A beat cannot be moved before itself.');
  }
  const { toEventId } = target;
  if (
    toEventId !== row.event_uuid &&
    storyOfEvent(db, toEventId) !== storyOfEvent(db, row.event_uuid)
  ) {
    throw new DomainError('conflict', 'A beat can only move to an event of the same story.');
  }
  const before = anchorIn(db, toEventId, target.beforeMomentId);
  const key = keyBefore(db, MOMENT_ORDER, toEventId, before, momentId);
  const now = nextStamp(row.updated_at);
  statements(db).place.run(toEventId, key, now, momentId);
  return rowToMoment({ ...row, event_uuid: toEventId, sequence_index: key, updated_at: now });
}

/** Deletes a beat. */
export function deleteMoment(db: DatabaseHandle, momentId: string): void {
  if (statements(db).remove.run(momentId).changes === 0) throw notFound('beat', momentId);
}
