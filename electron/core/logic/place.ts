import type { DatabaseHandle } from '../db/open';
import type { OrderedList } from '../ordering';

const statements = new WeakMap<
  DatabaseHandle,
  Map<OrderedList, { get(...a: unknown[]): unknown }>
>();

/**
 * A row's 0-based place in its list ("beat 3 of event 2" in the check's messages; nothing
 * else needs it): one count over the index entries before (key, id).
 */
export function placeIn(
  db: DatabaseHandle,
  list: OrderedList,
  scopeId: string,
  key: number,
  id: string,
): number {
  let perDb = statements.get(db);
  if (!perDb) statements.set(db, (perDb = new Map()));
  let s = perDb.get(list);
  if (!s) {
    const { table, idColumn, scopeColumn, keyColumn } = list;
    s = db
      .prepare(
        `SELECT count(*) FROM ${table} WHERE ${scopeColumn} = ? AND (${keyColumn}, ${idColumn}) < (?, ?)`,
      )
      .pluck();
    perDb.set(list, s);
  }
  return s.get(scopeId, key, id) as number;
}
