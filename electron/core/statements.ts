import type { DatabaseHandle } from './db/open';

/**
 * Prepares a module's statements once per database handle and hands the same set back
 * on every later call.
 */
export function cachedStatements<T>(build: (db: DatabaseHandle) => T): (db: DatabaseHandle) => T {
  const cache = new WeakMap<DatabaseHandle, T>();
  return (db) => {
    let s = cache.get(db);
    if (!s) cache.set(db, (s = build(db)));
    return s;
  };
}
