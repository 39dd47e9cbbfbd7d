import type { Statement } from 'better-sqlite3';
import type { DatabaseHandle } from '../db/open';
import { DomainError } from '../errors';
import type { Row, RowChange } from './capture';
import { trackedTable } from './tables';

/**
 * Row operations: what a history step stores to undo (or redo) a change, as JSON. Each one
 * says what the row must look like now, so an operation that would overwrite a change made
 * elsewhere (another window, the CLI) is refused instead of applied:
 * - `put`: insert this whole row (it must not exist; its parent must);
 * - `set`: these columns must hold `from`; write `to` (only the changed columns are kept);
 * - `drop`: the row must hold `expect` (all but its sort key); delete it, and with it
 *   `cascade` rows below it (a story's events and beats), exactly that many.
 */
export type Op =
  | { op: 'put'; table: string; row: Row }
  | { op: 'set'; table: string; id: string; from: Row; to: Row }
  | { op: 'drop'; table: string; id: string; expect: Row; cascade: number };

function without(row: Row, columns: readonly string[]): Row {
  const out: Row = {};
  for (const c in row) if (!columns.includes(c)) out[c] = row[c];
  return out;
}

/**
 * The operations that undo `changes` (as captured, in order): each change inverted, last
 * first. A drop of a row whose parent is dropped too is folded into the parent's `cascade`
 * count (the foreign key deletes it), so undoing an import stores one operation, not one per
 * beat.
 */
export function inverseOps(changes: readonly RowChange[]): Op[] {
  const ops: Op[] = [];
  for (let i = changes.length - 1; i >= 0; i--) {
    const { table, before, after } = changes[i]!;
    const t = trackedTable(table);
    if (before === null && after !== null) {
      const expect = without(after, [...t.volatile, ...t.untracked]);
      ops.push({ op: 'drop', table, id: after[t.key] as string, expect, cascade: 0 });
    } else if (after === null && before !== null) {
      ops.push({ op: 'put', table, row: before });
    } else if (before !== null && after !== null) {
      const from: Row = {};
      const to: Row = {};
      for (const c in after) {
        if (t.untracked.includes(c) || after[c] === before[c]) continue;
        from[c] = after[c];
        to[c] = before[c];
      }
      if (Object.keys(to).length > 0)
        ops.push({ op: 'set', table, id: after[t.key] as string, from, to });
    }
  }
  return foldCascades(ops);
}

function foldCascades(ops: Op[]): Op[] {
  const drops = ops.filter((o): o is Extract<Op, { op: 'drop' }> => o.op === 'drop');
  if (drops.length < 2) return ops;
  const rootOf = new Map<string, Extract<Op, { op: 'drop' }>>();
  const folded = new Set<Op>();
  const sorted = [...drops].sort((a, b) => trackedTable(a.table).rank - trackedTable(b.table).rank);
  for (const drop of sorted) {
    const parent = trackedTable(drop.table).parent;
    const root = parent && rootOf.get(`${parent.table}:${String(drop.expect[parent.column])}`);
    if (root) {
      root.cascade += 1 + drop.cascade;
      folded.add(drop);
    }
    rootOf.set(`${drop.table}:${drop.id}`, root ?? drop);
  }
  return ops.filter((o) => !folded.has(o));
}

/** Rows an apply of `ops` must change: each operation's row plus the cascades it expects. */
export function expectedChanges(ops: readonly Op[]): number {
  return ops.reduce((n, o) => n + 1 + (o.op === 'drop' ? o.cascade : 0), 0);
}

/** The story ids a list of operations touches in the `stories` table (library steps). */
export function storiesIn(ops: readonly Op[]): string[] {
  const ids = new Set<string>();
  for (const o of ops) {
    if (o.table !== 'stories') continue;
    ids.add(o.op === 'put' ? (o.row.story_uuid as string) : o.id);
  }
  return [...ids];
}

const statementCaches = new WeakMap<DatabaseHandle, Map<string, Statement>>();

function statement(db: DatabaseHandle, sql: string): Statement {
  let cache = statementCaches.get(db);
  if (!cache) statementCaches.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = db.prepare(sql)));
  return s;
}

function currentRow(db: DatabaseHandle, table: string, id: string): Row | undefined {
  const t = trackedTable(table);
  return statement(db, `SELECT * FROM ${table} WHERE ${t.key} = ?`).get(id) as Row | undefined;
}

/** Why an operation cannot apply; the caller words it ("Can't undo 'add beat': …"). */
class StaleError extends DomainError {
  constructor(reason: string) {
    super('conflict', reason);
  }
}

function matches(row: Row, expected: Row): boolean {
  for (const c in expected) if (row[c] !== expected[c]) return false;
  return true;
}

const isForeignKeyError = (error: unknown) =>
  (error as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';

function put(db: DatabaseHandle, table: string, row: Row): void {
  const t = trackedTable(table);
  if (currentRow(db, table, row[t.key] as string)) {
    throw new StaleError(`the ${t.noun} exists again (it was brought back elsewhere)`);
  }
  const columns = Object.keys(row);
  const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
  try {
    statement(db, sql).run(columns.map((c) => row[c]));
  } catch (error) {
    if (!isForeignKeyError(error) || !t.parent) throw error;
    const parent = trackedTable(t.parent.table);
    throw new StaleError(`the ${parent.noun} it belongs to was deleted elsewhere`);
  }
}

function set(db: DatabaseHandle, table: string, id: string, from: Row, to: Row): void {
  const t = trackedTable(table);
  const row = currentRow(db, table, id);
  if (!row) throw new StaleError(`the ${t.noun} was deleted elsewhere`);
  if (!matches(row, from)) throw new StaleError(`the ${t.noun} was changed elsewhere since`);
  const columns = Object.keys(to);
  const sql = `UPDATE ${table} SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE ${t.key} = ?`;
  try {
    statement(db, sql).run(...columns.map((c) => to[c]), id);
  } catch (error) {
    if (!isForeignKeyError(error)) throw error;
    throw new StaleError(`the place the ${t.noun} goes back to was deleted elsewhere`);
  }
}

function drop(db: DatabaseHandle, table: string, id: string, expect: Row): void {
  const t = trackedTable(table);
  const row = currentRow(db, table, id);
  if (!row) throw new StaleError(`the ${t.noun} was deleted elsewhere`);
  if (!matches(row, expect)) throw new StaleError(`the ${t.noun} was changed elsewhere since`);
  statement(db, `DELETE FROM ${table} WHERE ${t.key} = ?`).run(id);
}

/**
 * Applies operations: puts first (parents before children), then sets, then drops (children
 * before parents), so foreign keys hold at every statement. Throws a conflict DomainError
 * naming what changed when the rows are not as the operations expect.
 */
export function applyOps(db: DatabaseHandle, ops: readonly Op[]): void {
  const rank = (o: Op) => trackedTable(o.table).rank;
  const puts = ops.filter((o) => o.op === 'put').sort((a, b) => rank(a) - rank(b));
  const drops = ops.filter((o) => o.op === 'drop').sort((a, b) => rank(b) - rank(a));
  for (const o of puts) put(db, o.table, o.row);
  for (const o of ops) if (o.op === 'set') set(db, o.table, o.id, o.from, o.to);
  for (const o of drops) drop(db, o.table, o.id, o.expect);
}

/** The noun of the first row an operation list touches, for labels and messages. */
export function firstNoun(ops: readonly Op[]): string {
  return ops.length > 0 ? trackedTable(ops[0]!.table).noun : 'change';
}
