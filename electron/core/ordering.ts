import type { DatabaseHandle } from './db/open';

/**
 * Gapped integer sort keys: an insert or a move takes the midpoint between its neighbours,
 * so it writes one row. A place is given by intent, "just before row X" (null: at the end);
 * X's key is known and the other neighbour is one index seek away. When two neighbours have
 * no integer between them, a small window around the spot is relabelled evenly (the window
 * doubles until it is sparse enough), so rows written per operation stay constant on average.
 */
export const GAP = 1 << 16;
/** A relabelled window must leave at least this much room between neighbours. */
const MIN_SPACING = 64;
/** Keys stay well inside the exactly representable integers. */
const KEY_LIMIT = 2 ** 50;

/** One ordered list in one table: the rows sharing `scopeColumn`, ordered by `keyColumn`. */
export interface OrderedList {
  table: 'events' | 'event_moments';
  idColumn: string;
  scopeColumn: string;
  keyColumn: string;
}

export const EVENT_ORDER: OrderedList = {
  table: 'events',
  idColumn: 'event_uuid',
  scopeColumn: 'story_uuid',
  keyColumn: 'position',
};

export const MOMENT_ORDER: OrderedList = {
  table: 'event_moments',
  idColumn: 'moment_uuid',
  scopeColumn: 'event_uuid',
  keyColumn: 'sequence_index',
};

/** Story time: a story's events in the order things happen (migration 004). */
export const CHRONO_ORDER: OrderedList = {
  table: 'events',
  idColumn: 'event_uuid',
  scopeColumn: 'story_uuid',
  keyColumn: 'chrono_position',
};

/** A row of a list: its id and its sort key. */
export interface KeyRow {
  id: string;
  key: number;
}

function prepare(db: DatabaseHandle, list: OrderedList) {
  const { table, idColumn: id, scopeColumn: scope, keyColumn: key } = list;
  // `= +?`: bound as `?`, SQLite recompiled these statements on every call (~10 µs of each
  // create and move; `+?` is still an index seek, see tests/core/query-plans.test.ts).
  const select = `SELECT ${id} AS id, ${key} AS key FROM ${table} WHERE ${scope} = +? AND ${id} <> ?`;
  return {
    /** The row just before (key, id), skipping the row being moved: one index seek. */
    prev: db.prepare(
      `${select} AND (${key}, ${id}) < (?, ?) ORDER BY ${key} DESC, ${id} DESC LIMIT 1`,
    ),
    /** The row just after (key, id), skipping the row being moved: one index seek. */
    next: db.prepare(`${select} AND (${key}, ${id}) > (?, ?) ORDER BY ${key}, ${id} LIMIT 1`),
    /** The first and the last row, skipping the row being moved. */
    first: db.prepare(`${select} ORDER BY ${key}, ${id} LIMIT 1`),
    last: db.prepare(`${select} ORDER BY ${key} DESC, ${id} DESC LIMIT 1`),
    /** Every row but the one being moved (a relabel, rare). */
    all: db.prepare(`${select} ORDER BY ${key}, ${id}`),
    setKey: db.prepare(`UPDATE ${table} SET ${key} = ? WHERE ${id} = ?`),
  };
}

type Statements = ReturnType<typeof prepare>;
const cache = new WeakMap<DatabaseHandle, Map<OrderedList, Statements>>();

function statements(db: DatabaseHandle, list: OrderedList): Statements {
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map()));
  let s = perDb.get(list);
  if (!s) perDb.set(list, (s = prepare(db, list)));
  return s;
}

/**
 * A sort key that puts a row just before `before` in the list `scopeId` (null: at the end),
 * ignoring the row `movingId` where it sits now ('' when it is new). May relabel a few
 * neighbours first.
 */
export function keyBefore(
  db: DatabaseHandle,
  list: OrderedList,
  scopeId: string,
  before: KeyRow | null,
  movingId = '',
): number {
  const s = statements(db, list);
  const prev = (
    before ? s.prev.get(scopeId, movingId, before.key, before.id) : s.last.get(scopeId, movingId)
  ) as KeyRow | undefined;
  return keyBetween(prev?.key, before?.key) ?? relabel(s, scopeId, movingId, prev ?? null);
}

/**
 * A sort key that puts a row just after `after` in the list `scopeId` (null: first),
 * ignoring the row `movingId` where it sits now. May relabel a few neighbours first.
 */
export function keyAfter(
  db: DatabaseHandle,
  list: OrderedList,
  scopeId: string,
  after: KeyRow | null,
  movingId = '',
): number {
  const s = statements(db, list);
  const next = (
    after ? s.next.get(scopeId, movingId, after.key, after.id) : s.first.get(scopeId, movingId)
  ) as KeyRow | undefined;
  return keyBetween(after?.key, next?.key) ?? relabel(s, scopeId, movingId, after);
}

/** A key after every row of a list: for bulk writers that append many rows at GAP spacing. */
export function keyAfterLast(db: DatabaseHandle, list: OrderedList, scopeId: string): number {
  return keyBefore(db, list, scopeId, null);
}

/** A free integer between two keys (either may be open), or null when there is none. */
export function keyBetween(prev: number | undefined, next: number | undefined): number | null {
  if (prev === undefined && next === undefined) return 0;
  if (prev === undefined) return next! - GAP > -KEY_LIMIT ? next! - GAP : null;
  if (next === undefined) return prev + GAP < KEY_LIMIT ? prev + GAP : null;
  if (next - prev < 2) return null;
  return prev + Math.floor((next - prev) / 2);
}

/**
 * Relabels the smallest window around the slot just after `prev` (null: the first slot)
 * whose keys leave room for one more row at MIN_SPACING or better, and returns the key for
 * the new row. The window doubles each round; reaching both ends relabels the whole list at
 * GAP spacing around zero.
 */
function relabel(s: Statements, scopeId: string, movingId: string, prev: KeyRow | null): number {
  const rows = s.all.all(scopeId, movingId) as KeyRow[];
  const index = prev === null ? 0 : rows.findIndex((r) => r.id === prev.id) + 1;
  for (let half = 1; ; half *= 2) {
    const start = Math.max(0, index - half);
    const end = Math.min(rows.length, index + half); // window is rows[start, end)
    const atStart = start === 0;
    const atEnd = end === rows.length;
    const slots = end - start + 1; // window rows plus the new row
    let lo: number;
    let spacing: number;
    if (atStart && atEnd) {
      lo = -Math.floor(slots / 2) * GAP - GAP;
      spacing = GAP;
    } else if (atStart) {
      spacing = GAP;
      lo = rows[end]!.key - (slots + 1) * spacing;
      if (lo < -KEY_LIMIT) continue;
    } else if (atEnd) {
      spacing = GAP;
      lo = rows[start - 1]!.key;
      if (lo + (slots + 1) * spacing > KEY_LIMIT) continue;
    } else {
      lo = rows[start - 1]!.key;
      spacing = Math.floor((rows[end]!.key - lo) / (slots + 1));
      if (spacing < MIN_SPACING) continue;
    }
    const ids: Array<string | null> = rows.slice(start, end).map((r) => r.id);
    ids.splice(index - start, 0, null); // null marks the new row's slot
    let newKey = 0;
    ids.forEach((id, k) => {
      const key = lo + (k + 1) * spacing;
      if (id === null) newKey = key;
      else s.setKey.run(key, id);
    });
    return newKey;
  }
}
