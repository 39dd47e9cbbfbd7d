import type { DatabaseHandle } from './db/open';
import { checkPosition } from './errors';
import { cachedList, dropList, peekList, type CachedList } from './order-cache';

/**
 * Gapped integer sort keys: an insert or a move takes the midpoint between its neighbours,
 * so it writes one row. When two neighbours have no integer between them, a small window
 * around the spot is relabelled evenly (the window doubles until it is sparse enough), so
 * rows written per operation stay constant on average.
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
  /** The name the caches know this list by when a table holds two orders (default: table). */
  cacheName?: string;
}

/** The name the statement and order caches use for a list. */
const nameOf = (list: OrderedList) => list.cacheName ?? list.table;

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
  cacheName: 'events.chrono_position',
};

export interface KeyRow {
  id: string;
  key: number;
}

/** A row as the raw statements return it. */
type RawKeyRow = [id: string, key: number];

const keyRow = (r: RawKeyRow | undefined): KeyRow | undefined =>
  r ? { id: r[0], key: r[1] } : undefined;

type Statements = ReturnType<typeof prepare> & { load: (scopeId: string) => CachedList };
const cache = new WeakMap<DatabaseHandle, Map<string, Statements>>();

function prepare(db: DatabaseHandle, list: OrderedList) {
  const { table, idColumn: id, scopeColumn: scope, keyColumn: key } = list;
  const order = `ORDER BY ${key}, ${id}`;
  return {
    // `= +?`: no recompile per call (see statements.ts).
    /** The first row, skipping the row being moved, as [id, key]. */
    head: db
      .prepare(
        `SELECT ${id}, ${key} FROM ${table} WHERE ${scope} = +? AND ${id} <> ? ${order} LIMIT 1`,
      )
      .raw(true),
    /** The two rows from offset ?, skipping the row being moved, as [id, key] arrays. */
    pair: db
      .prepare(
        `SELECT ${id}, ${key} FROM ${table} WHERE ${scope} = +? AND ${id} <> ? ${order} LIMIT 2 OFFSET ?`,
      )
      .raw(true),
    /** Every row but the one being moved, as [id, key] arrays (no object per row). */
    all: db
      .prepare(`SELECT ${id}, ${key} FROM ${table} WHERE ${scope} = +? AND ${id} <> ? ${order}`)
      .raw(true),
    // Not `tail`'s count: adding max() costs ~35% on a 10,000-beat event, and every range
    // read of a list not held in memory counts it.
    count: db.prepare(`SELECT count(*) FROM ${table} WHERE ${scope} = ? AND ${id} <> ?`).pluck(),
    /** The size of a list and its largest key, in one pass over its index entries. */
    tail: db
      .prepare(`SELECT count(*), max(${key}) FROM ${table} WHERE ${scope} = ? AND ${id} <> ?`)
      .raw(true),
    /** Rows before a key (a range scan on the index), then ties broken by id. */
    rankBelow: db
      .prepare(`SELECT count(*) FROM ${table} WHERE ${scope} = ? AND ${key} < ?`)
      .pluck(),
    rankTies: db
      .prepare(`SELECT count(*) FROM ${table} WHERE ${scope} = ? AND ${key} = ? AND ${id} < ?`)
      .pluck(),
    setKey: db.prepare(`UPDATE ${table} SET ${key} = ? WHERE ${id} = ?`),
  };
}

function statements(db: DatabaseHandle, list: OrderedList): Statements {
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map()));
  let s = perDb.get(nameOf(list));
  if (!s) {
    const prepared = prepare(db, list);
    // Made once per list, not per call: the cache is asked on every edit.
    perDb.set(nameOf(list), (s = { ...prepared, load: (scopeId) => loadList(prepared, scopeId) }));
  }
  return s;
}

function loadList(s: ReturnType<typeof prepare>, scopeId: string): CachedList {
  const rows = s.all.all(scopeId, '') as RawKeyRow[];
  const ids = new Array<string>(rows.length);
  const keys = new Array<number>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    ids[i] = rows[i]![0];
    keys[i] = rows[i]![1];
  }
  return { ids, keys };
}

function cached(db: DatabaseHandle, list: OrderedList, scopeId: string): CachedList | null {
  return cachedList(db, nameOf(list), scopeId, statements(db, list).load);
}

/**
 * Where the row `(key, id)` sits in a cached list, or -1: a binary search on the keys (the
 * list is ordered by key, then id), so a 10,000-beat event costs 14 comparisons instead of
 * a scan over ids that share their leading time digits.
 */
function findInList(c: CachedList, row: KeyRow): number {
  let lo = 0;
  let hi = c.keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const k = c.keys[mid]!;
    if (k < row.key || (k === row.key && c.ids[mid]! < row.id)) lo = mid + 1;
    else hi = mid;
  }
  return lo < c.keys.length && c.ids[lo] === row.id ? lo : -1;
}

/** The row being moved, as the ordering functions are told about it (null: none). */
export type Excluded = KeyRow | null;

/** How many rows a cached list holds, not counting `exclude` if it is there. */
function sizeWithout(c: CachedList, exclude: Excluded): number {
  return c.ids.length - (exclude && findInList(c, exclude) >= 0 ? 1 : 0);
}

/** Number of rows in a list, not counting `exclude`. */
export function countInList(
  db: DatabaseHandle,
  list: OrderedList,
  scopeId: string,
  exclude: Excluded = null,
): number {
  const c = cached(db, list, scopeId);
  if (c) return sizeWithout(c, exclude);
  return statements(db, list).count.get(scopeId, exclude?.id ?? '') as number;
}

/** The dense 0-based position of a row with this key. */
export function rankOf(
  db: DatabaseHandle,
  list: OrderedList,
  scopeId: string,
  key: number,
  id: string,
): number {
  const c = cached(db, list, scopeId);
  const at = c ? findInList(c, { id, key }) : -1;
  if (at >= 0) return at;
  const s = statements(db, list);
  return (s.rankBelow.get(scopeId, key) as number) + (s.rankTies.get(scopeId, key, id) as number);
}

/**
 * A sort key that places a row at dense `index` in the list `scopeId`, as if `exclude` (the
 * row being moved, with its current key, if it is in this list) were not there. May relabel
 * a few neighbours first. Throws a conflict when `index` is past the end of the list.
 */
export function keyForIndex(
  db: DatabaseHandle,
  list: OrderedList,
  scopeId: string,
  index: number,
  exclude: Excluded = null,
  what = 'this list',
): number {
  const s = statements(db, list);
  const [prev, next] = neighbours(db, list, scopeId, index, exclude);
  if (index > 0 && prev === undefined) {
    checkPosition(index, countInList(db, list, scopeId, exclude), what);
  }
  const key = keyBetween(prev?.key, next?.key);
  if (key !== null) return key;
  dropList(db, nameOf(list), scopeId);
  return relabelAround(s, scopeId, index, exclude?.id ?? '');
}

/**
 * A sort key after the last row of a list (not counting `exclude`), with its dense index.
 * Without a cached list it asks SQLite for the count and the last key in one query.
 */
export function keyForEnd(
  db: DatabaseHandle,
  list: OrderedList,
  scopeId: string,
  exclude: Excluded = null,
): { key: number; index: number } {
  const c = cached(db, list, scopeId);
  if (c) {
    const index = sizeWithout(c, exclude);
    return { key: keyForIndex(db, list, scopeId, index, exclude), index };
  }
  return keyAfterLast(db, list, scopeId, exclude);
}

/**
 * keyForEnd straight from SQLite, without counting as a use of the list: for bulk writers,
 * which drop the cached list anyway (a seeded or imported scene is not one being worked on).
 */
export function keyAfterLast(
  db: DatabaseHandle,
  list: OrderedList,
  scopeId: string,
  exclude: Excluded = null,
): { key: number; index: number } {
  const s = statements(db, list);
  const [n, last] = s.tail.get(scopeId, exclude?.id ?? '') as [number, number | null];
  const key = keyBetween(last ?? undefined, undefined);
  if (key !== null) return { key, index: n };
  dropList(db, nameOf(list), scopeId);
  return { key: relabelAround(s, scopeId, n, exclude?.id ?? ''), index: n };
}

/**
 * Tells the cache that row `id` now sits at dense `index` of `toScopeId` with `key` (and
 * left the list `from.scopeId`, where its key was `from.key`, if it was somewhere). Call
 * after writing the row.
 */
export function recordPlacement(
  db: DatabaseHandle,
  list: OrderedList,
  id: string,
  from: { scopeId: string; key: number } | null,
  toScopeId: string,
  index: number,
  key: number,
): void {
  if (from !== null) recordRemoval(db, list, from.scopeId, { id, key: from.key });
  const to = peekList(db, nameOf(list), toScopeId);
  if (!to) return;
  if (index > to.ids.length || (index > 0 && to.keys[index - 1]! > key) || to.keys[index]! < key) {
    dropList(db, nameOf(list), toScopeId); // not where the cache expects: let SQLite say
    return;
  }
  to.ids.splice(index, 0, id);
  to.keys.splice(index, 0, key);
}

/** Tells the cache that `row` (its id and the key it had) left the list `scopeId`. */
export function recordRemoval(
  db: DatabaseHandle,
  list: OrderedList,
  scopeId: string,
  row: KeyRow,
): void {
  const from = peekList(db, nameOf(list), scopeId);
  if (!from) return;
  const at = findInList(from, row);
  if (at < 0) {
    dropList(db, nameOf(list), scopeId); // not where the cache expects: let SQLite say
    return;
  }
  from.ids.splice(at, 1);
  from.keys.splice(at, 1);
}

function neighbours(
  db: DatabaseHandle,
  list: OrderedList,
  scopeId: string,
  index: number,
  exclude: Excluded,
): [KeyRow | undefined, KeyRow | undefined] {
  const c = cached(db, list, scopeId);
  if (c) {
    const skip = exclude ? findInList(c, exclude) : -1;
    return [entryAt(c, skip, index - 1), entryAt(c, skip, index)];
  }
  const s = statements(db, list);
  const excludeId = exclude?.id ?? '';
  if (index === 0) {
    return [undefined, keyRow(s.head.get(scopeId, excludeId) as RawKeyRow | undefined)];
  }
  const [prev, next] = s.pair.all(scopeId, excludeId, index - 1) as RawKeyRow[];
  return [keyRow(prev), keyRow(next)];
}

/** The row at dense position `j` of a cached list, as if the row at `skip` were not there. */
function entryAt(c: CachedList, skip: number, j: number): KeyRow | undefined {
  const real = skip >= 0 && j >= skip ? j + 1 : j;
  return j >= 0 && real < c.ids.length ? { id: c.ids[real]!, key: c.keys[real]! } : undefined;
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
 * Relabels the smallest window around `index` whose keys leave room for one more row at
 * MIN_SPACING or better, and returns the key for the new row. The window doubles each
 * round; reaching both ends relabels the whole list at GAP spacing around zero.
 */
function relabelAround(s: Statements, scopeId: string, index: number, excludeId: string): number {
  const rows = (s.all.all(scopeId, excludeId) as RawKeyRow[]).map((r) => keyRow(r)!);
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
