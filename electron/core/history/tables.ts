import type { DatabaseHandle } from '../db/open';

/**
 * The tables history follows: one entry per table, and that is all a new kind of record
 * needs to become undoable (the logic layer's links: add the table here, parents first).
 * Every row change in these tables made by a recorded channel is captured (capture.ts) and
 * stored with its inverse (ops.ts); undo and redo replay row operations, so they bring back
 * the same ids, texts, times and sort keys.
 */
export interface TrackedTable {
  name: string;
  /** The primary key column (a UUID). */
  key: string;
  /** What the writer calls a row, for conflict messages: "the beat was changed…". */
  noun: string;
  /**
   * Columns left out of conflict checks when a row is dropped again: the sort key, which
   * neighbours' inserts may relabel without changing the row.
   */
  volatile: readonly string[];
  /** Columns history neither records nor restores (a story's "last edited" is touched). */
  untracked: readonly string[];
  /** The parent row a cascade delete follows (child tables only). */
  parent?: { column: string; table: string };
  /**
   * The story a row belongs to, from its parent's key (its parent column's value): the
   * history scope of a change to it (null: the library).
   */
  storyOf: (db: DatabaseHandle, parentKey: string) => string | null;
}

const storyOfEventStatement = new WeakMap<DatabaseHandle, { get(id: unknown): unknown }>();

function storyOfEvent(db: DatabaseHandle, eventId: string): string | null {
  let s = storyOfEventStatement.get(db);
  if (!s) {
    s = db.prepare('SELECT story_uuid FROM events WHERE event_uuid = ?').pluck();
    storyOfEventStatement.set(db, s);
  }
  return (s.get(eventId) as string | undefined) ?? null;
}

/** Parents before children: puts run in this order, drops in the reverse. */
export const TRACKED_TABLES: readonly TrackedTable[] = [
  {
    name: 'stories',
    key: 'story_uuid',
    noun: 'story',
    volatile: [],
    untracked: ['updated_at'],
    storyOf: () => null,
  },
  {
    name: 'events',
    key: 'event_uuid',
    noun: 'event',
    volatile: ['position', 'chrono_position'],
    untracked: [],
    parent: { column: 'story_uuid', table: 'stories' },
    storyOf: (_db, storyId) => storyId,
  },
  {
    name: 'event_moments',
    key: 'moment_uuid',
    noun: 'beat',
    volatile: ['sequence_index'],
    untracked: [],
    parent: { column: 'event_uuid', table: 'events' },
    storyOf: storyOfEvent,
  },
  {
    // The logic layer (issue 14): a link goes with either of its beats (cascade).
    name: 'beat_links',
    key: 'link_uuid',
    noun: 'link',
    volatile: [],
    untracked: [],
    parent: { column: 'story_uuid', table: 'stories' },
    storyOf: (_db, storyId) => storyId,
  },
];

const byName = new Map(TRACKED_TABLES.map((t, rank) => [t.name, { ...t, rank }]));

/** A tracked table by name, with its rank in TRACKED_TABLES (parents first). */
export function trackedTable(name: string): TrackedTable & { rank: number } {
  const t = byName.get(name);
  if (!t) throw new Error(`history does not track table ${name}`);
  return t;
}
