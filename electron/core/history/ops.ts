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
 * - `drop`: the row must hold `expect` (all but its key and sort key); delete it, and with it
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
 * first. An inserted row whose parent was inserted too is not dropped on its own: it is
 * counted in the `cascade` of the topmost inserted row above it (the foreign keys delete it),
 * so undoing an import stores one operation, not one per beat, and only the topmost rows are
 * read back (their `after` is filled in here, for the label).
 */
export function inverseOps(db: DatabaseHandle, changes: readonly RowChange[]): Op[] {
  const parentOf = new Map<string, string | null>();
  for (const c of changes) {
    if (c.kind !== 'insert') continue;
    const parent = trackedTable(c.table).parent;
    parentOf.set(`${c.table}:${c.key}`, parent && c.parent ? `${parent.table}:${c.parent}` : null);
  }
  const rootOf = (ref: string): string => {
    for (;;) {
      const up = parentOf.get(ref);
      if (up === undefined || up === null || !parentOf.has(up)) return ref;
      ref = up;
    }
  };
  const cascades = new Map<string, number>();
  const drops = new Map<string, Extract<Op, { op: 'drop' }>>();
  const ops: Op[] = [];
  for (let i = changes.length - 1; i >= 0; i--) {
    const c = changes[i]!;
    const t = trackedTable(c.table);
    if (c.kind === 'insert') {
      const ref = `${c.table}:${c.key}`;
      const root = rootOf(ref);
      if (root !== ref) {
        cascades.set(root, (cascades.get(root) ?? 0) + 1);
        continue;
      }
      c.after = currentRow(db, c.table, c.key) ?? deletedLater(changes, i) ?? null;
      if (!c.after) throw new Error(`history lost track of ${ref}`);
      // Not the key either: the row is found by it (`id`). A step's row is stored whole in its
      // B-tree's interior pages too, so its 50 bytes cost a create 0.3 WAL pages (h43).
      const expect = without(c.after, [t.key, ...t.volatile, ...t.untracked]);
      const drop = {
        op: 'drop' as const,
        table: c.table,
        id: c.key,
        expect,
        cascade: c.below ?? 0,
      };
      drops.set(ref, drop);
      ops.push(drop);
    } else if (c.kind === 'delete') {
      ops.push({ op: 'put', table: c.table, row: c.before! });
    } else if (parentOf.has(`${c.table}:${c.key}`)) {
      continue; // a row this change inserted and then updated: dropping it undoes both
    } else {
      const { before, after } = c as { before: Row; after: Row };
      const from: Row = {};
      const to: Row = {};
      for (const col in after) {
        if (t.untracked.includes(col) || after[col] === before[col]) continue;
        from[col] = after[col];
        to[col] = before[col];
      }
      if (Object.keys(to).length > 0) ops.push({ op: 'set', table: c.table, id: c.key, from, to });
    }
  }
  for (const [ref, n] of cascades) drops.get(ref)!.cascade += n;
  return ops;
}

/** The row as a later change in the same capture deleted it (inserted, then deleted). */
function deletedLater(changes: readonly RowChange[], at: number): Row | undefined {
  const { table, key } = changes[at]!;
  return (
    changes.find((c, i) => i > at && c.kind === 'delete' && c.table === table && c.key === key)
      ?.before ?? undefined
  );
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
  const columns = Object.keys(row);
  const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
  try {
    statement(db, sql).run(columns.map((c) => row[c]));
  } catch (error) {
    if (!isForeignKeyError(error) || !t.parent) throw error;
    const parent = trackedTable(t.parent.table);
    throw new StaleError(
      `the ${parent.noun} it belongs to was deleted elsewhere (in another window or tool)`,
    );
  }
}

function set(db: DatabaseHandle, table: string, id: string, from: Row, to: Row): void {
  const t = trackedTable(table);
  const row = currentRow(db, table, id);
  if (!row) throw new StaleError(`the ${t.noun} was deleted elsewhere (in another window or tool)`);
  if (!matches(row, from))
    throw new StaleError(`the ${t.noun} was changed elsewhere since (in another window or tool)`);
  const columns = Object.keys(to);
  const sql = `UPDATE ${table} SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE ${t.key} = ?`;
  try {
    statement(db, sql).run(...columns.map((c) => to[c]), id);
  } catch (error) {
    if (!isForeignKeyError(error)) throw error;
    throw new StaleError(
      `the place the ${t.noun} goes back to was deleted elsewhere (in another window or tool)`,
    );
  }
}

function drop(db: DatabaseHandle, table: string, id: string, expect: Row): void {
  const t = trackedTable(table);
  const row = currentRow(db, table, id);
  if (!row) throw new StaleError(`the ${t.noun} was deleted elsewhere (in another window or tool)`);
  if (!matches(row, expect))
    throw new StaleError(`the ${t.noun} was changed elsewhere since (in another window or tool)`);
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

/** Why an apply changed other rows than its operations expect (a cascade that differs). */
export function cascadeProblem(ops: readonly Op[]): string {
  const drop = ops.find((o) => o.op === 'drop');
  const noun = drop ? trackedTable(drop.table).noun : 'change';
  return `the ${noun} holds other things now than it did then (remove them first, or delete it)`;
}
