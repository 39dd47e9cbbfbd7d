import type { DatabaseHandle } from './db/open';

/**
 * `+?` in the hot statements. This SQLite build (3.54, with STAT4) recompiles some statements
 * on their next step each time a value is bound, even the same value again: those where the
 * planner looked at the parameter, here the list scope of `WHERE event_uuid = ? ... ORDER BY
 * sequence_index` and a `LIMIT ?`. That cost ~6-9 us a call, about as much as the query
 * itself, on every edit; the same statement with the value written in as a literal did not
 * pay it. Written `+?`, the value is an expression the planner does not inspect: the same
 * plan (the same index search; tests/core/query-plans.test.ts), no recompile. A unary plus
 * has no affinity, like a bare `?`, so comparisons are unchanged. Measured with
 * `npx tsx bench/statement-shapes.ts`.
 */

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
