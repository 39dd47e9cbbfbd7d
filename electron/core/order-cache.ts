import type { Statement } from 'better-sqlite3';
import type { DatabaseHandle } from './db/open';

/**
 * An in-memory copy of the lists' order (ids and sort keys), so finding "the beat at
 * position 5000" or "the position of this beat" costs an array lookup instead of walking
 * an index. It is an accelerator only: SQLite stays the truth. The cache is dropped when
 * another connection commits (`PRAGMA data_version` changes) and whenever a transaction
 * fails, and a list is dropped whenever it is changed in a way the cache does not follow.
 */
export interface CachedList {
  ids: string[];
  keys: number[];
}

interface OrderCache {
  dataVersion: number;
  lists: Map<string, CachedList>;
  /** Lists asked for once: a list is loaded on its second use, not its first. */
  touched: Set<string>;
  /** The story of each event this connection created or read (an event never changes story). */
  storyOf: Map<string, string>;
}

const caches = new WeakMap<DatabaseHandle, OrderCache>();

// Prepared once per handle: db.pragma() would compile the statement on every call, and this
// runs at the start of every transaction the dispatcher opens.
const dataVersionStatements = new WeakMap<DatabaseHandle, Statement>();

function dataVersion(db: DatabaseHandle): number {
  let statement = dataVersionStatements.get(db);
  if (!statement) {
    statement = db.prepare('PRAGMA data_version').pluck();
    dataVersionStatements.set(db, statement);
  }
  return Number(statement.get());
}

const listKey = (table: string, scopeId: string) => `${table}\u0000${scopeId}`;

/** Turns the cache on for a handle (the dispatcher does this for the library it serves). */
export function enableOrderCache(db: DatabaseHandle): void {
  caches.set(db, {
    dataVersion: dataVersion(db),
    lists: new Map(),
    touched: new Set(),
    storyOf: new Map(),
  });
}

/** Forgets every cached list (after a failed transaction, a cascade, a restore). */
export function resetOrderCache(db: DatabaseHandle): void {
  const cache = caches.get(db);
  cache?.lists.clear();
  cache?.touched.clear();
  cache?.storyOf.clear();
}

/** Call at the start of a transaction: drops the cache if another connection wrote. */
export function syncOrderCache(db: DatabaseHandle): void {
  const cache = caches.get(db);
  if (!cache) return;
  const version = dataVersion(db);
  if (version !== cache.dataVersion) {
    cache.lists.clear();
    cache.touched.clear();
    cache.storyOf.clear();
    cache.dataVersion = version;
  }
}

/**
 * The cached list, loading it with `load` the second time it is asked for; null when the
 * cache is off, and the first time. A list used once (an edit in one of thousands of
 * scenes) is answered by a one-row query instead of reading the whole list into memory;
 * a list used again (the scene being worked on) is then held.
 */
export function cachedList(
  db: DatabaseHandle,
  table: string,
  scopeId: string,
  load: (scopeId: string) => CachedList,
): CachedList | null {
  const cache = caches.get(db);
  if (!cache) return null;
  const key = listKey(table, scopeId);
  let list = cache.lists.get(key);
  if (list) return list;
  if (!cache.touched.has(key)) {
    cache.touched.add(key);
    return null;
  }
  cache.lists.set(key, (list = load(scopeId)));
  return list;
}

/** Notes that `eventId` belongs to `storyId` (after creating or reading the event). */
export function noteEventStory(db: DatabaseHandle, eventId: string, storyId: string): void {
  caches.get(db)?.storyOf.set(eventId, storyId);
}

/** The story of an event, if this connection has seen the event since the cache was reset. */
export function knownStoryOf(db: DatabaseHandle, eventId: string): string | undefined {
  return caches.get(db)?.storyOf.get(eventId);
}

/** The cached list if it is loaded, without loading it. */
export function peekList(db: DatabaseHandle, table: string, scopeId: string): CachedList | null {
  return caches.get(db)?.lists.get(listKey(table, scopeId)) ?? null;
}

/** Drops one list; it is reloaded from SQLite on next use. */
export function dropList(db: DatabaseHandle, table: string, scopeId: string): void {
  caches.get(db)?.lists.delete(listKey(table, scopeId));
}
