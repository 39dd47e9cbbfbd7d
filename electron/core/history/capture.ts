import type { DatabaseHandle } from '../db/open';
import { TRACKED_TABLES, type TrackedTable } from './tables';

/** A row as history sees it: column name -> value. */
export type Row = Record<string, unknown>;

/**
 * One row change made while capturing. An update or a delete carries the whole row before
 * (and an update the row after); an insert carries only the new row's key and its parent's
 * key, so a bulk import hands over two values per row: the rows that need their columns
 * (the roots of what was inserted) are read once the change is done (ops.ts).
 */
export interface RowChange {
  table: string;
  kind: 'insert' | 'update' | 'delete';
  key: string;
  before: Row | null;
  /** Null for a delete; for an insert, filled in by inverseOps for the rows it reads. */
  after: Row | null;
  /** An insert's parent key (the value of the table's parent column), or null. */
  parent: string | null;
  /** A story's insert: the rows written below it without capture (`writeNewStory`). */
  below?: number;
}

interface Capture {
  on: boolean;
  changes: RowChange[];
  columns: Map<string, readonly string[]>;
  keys: Map<string, string>;
}

const captures = new WeakMap<DatabaseHandle, Capture>();

/**
 * Installs the capture on a connection, once: for each tracked table, TEMP triggers (they live
 * in this connection only, not in the file) that hand every inserted, updated or deleted row
 * to a JavaScript function while capturing is on. Cascaded deletes fire them too, children
 * first. When capturing is off a trigger costs one call that answers 0.
 */
function install(db: DatabaseHandle): Capture {
  const capture: Capture = { on: false, changes: [], columns: new Map(), keys: new Map() };
  db.function('beatline_history_on', { deterministic: false }, () => (capture.on ? 1 : 0));
  // Inserts make one call per row (a bulk import makes 100,000): it notes the row when
  // capturing and answers 0 either way, so the trigger's body never runs.
  db.function('beatline_history_insert', { deterministic: false }, (table, key, parent) => {
    if (capture.on) {
      capture.changes.push({
        table: table as string,
        kind: 'insert',
        key: key as string,
        before: null,
        after: null,
        parent: parent as string | null,
      });
    }
    return 0;
  });
  db.function('beatline_history_row', { varargs: true, deterministic: false }, (...args) => {
    const [table, kind, ...values] = args as [string, RowChange['kind'], ...unknown[]];
    const columns = capture.columns.get(table)!;
    const image = (offset: number): Row => {
      const row: Row = {};
      for (let i = 0; i < columns.length; i++) row[columns[i]!] = values[offset + i];
      return row;
    };
    const before = image(0);
    const key = before[capture.keys.get(table)!] as string;
    const after = kind === 'update' ? image(columns.length) : null;
    capture.changes.push({ table, kind, key, before, after, parent: null });
    return null;
  });
  for (const t of TRACKED_TABLES) {
    const columns = (db.pragma(`table_info(${t.name})`) as Array<{ name: string }>).map(
      (c) => c.name,
    );
    capture.columns.set(t.name, columns);
    capture.keys.set(t.name, t.key);
  }
  createTriggers(db, capture, TRACKED_TABLES);
  captures.set(db, capture);
  return capture;
}

const EVENTS = ['insert', 'update', 'delete'] as const;

/** The capture's three TEMP triggers on each of `tables`. */
function createTriggers(db: DatabaseHandle, capture: Capture, tables: readonly TrackedTable[]) {
  for (const t of tables) {
    const columns = capture.columns.get(t.name)!;
    const inserted = `new.${t.key}, ${t.parent ? `new.${t.parent.column}` : 'NULL'}`;
    const list = (prefix: string) => columns.map((c) => `${prefix}.${c}`).join(', ');
    const changed = columns
      .filter((c) => !t.untracked.includes(c))
      .map((c) => `old.${c} IS NOT new.${c}`)
      .join(' OR ');
    const trigger = (event: string, when: string, args: string) =>
      `CREATE TEMP TRIGGER IF NOT EXISTS beatline_history_${t.name}_${event}
        AFTER ${event.toUpperCase()} ON main.${t.name}
        WHEN beatline_history_on()${when}
        BEGIN SELECT beatline_history_row('${t.name}', '${event}', ${args}); END`;
    db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS beatline_history_${t.name}_insert
      AFTER INSERT ON main.${t.name}
      WHEN beatline_history_insert('${t.name}', ${inserted})
      BEGIN SELECT 1; END`);
    db.exec(trigger('update', ` AND (${changed})`, `${list('old')}, ${list('new')}`));
    db.exec(trigger('delete', '', list('old')));
  }
}

/** Runs `fn` with every change to a tracked table captured; returns its value and the changes. */
export function captured<T>(db: DatabaseHandle, fn: () => T): { value: T; changes: RowChange[] } {
  const installed = captures.get(db);
  const capture = installed ?? install(db);
  if (capture.on) throw new Error('history capture is already running');
  capture.on = true;
  capture.changes = [];
  try {
    const value = fn();
    return { value, changes: capture.changes };
  } catch (error) {
    // The triggers were made inside this transaction, which now rolls back: make them again.
    if (!installed) captures.delete(db);
    throw error;
  } finally {
    capture.on = false;
    capture.changes = [];
  }
}

/** `SELECT count(*)` of a table's rows below the story `?` (through its parent tables). */
function rowsBelowStory(t: TrackedTable): string {
  let where = '(?)';
  for (let up = t.parent!; up.table !== 'stories';) {
    const parent = TRACKED_TABLES.find((p) => p.name === up.table)!;
    where = `(SELECT ${parent.key} FROM ${parent.name} WHERE ${parent.parent!.column} IN ${where})`;
    up = parent.parent!;
  }
  return `SELECT count(*) FROM ${t.name} WHERE ${t.parent!.column} IN ${where}`;
}

const countBelowStory = new WeakMap<DatabaseHandle, { get(...ids: string[]): unknown }>();

/**
 * Writes the contents of `storyId`, a story this call inserted, with `fn`: while capturing,
 * without the capture's triggers on the story's tables, so an import's 100,000 beats cost no
 * call into JavaScript each. Every row below a new story is new, and undoing the story's
 * insert drops them with it: the step only needs their number, counted once `fn` is done.
 * Outside a capture it just runs `fn`.
 */
export function writeNewStory<T>(db: DatabaseHandle, storyId: string, fn: () => T): T {
  const capture = captures.get(db);
  const story = capture?.on
    ? capture.changes.find((c) => c.table === 'stories' && c.key === storyId)
    : undefined;
  if (!capture || !story) return fn();
  const below = TRACKED_TABLES.filter((t) => t.parent);
  for (const t of below) {
    for (const event of EVENTS) db.exec(`DROP TRIGGER temp.beatline_history_${t.name}_${event}`);
  }
  let value: T;
  try {
    value = fn();
  } finally {
    createTriggers(db, capture, below);
  }
  let count = countBelowStory.get(db);
  if (!count) {
    count = db.prepare(`SELECT ${below.map((t) => `(${rowsBelowStory(t)})`).join(' + ')}`).pluck();
    countBelowStory.set(db, count);
  }
  story.below = count.get(...below.map(() => storyId)) as number;
  return value;
}
