import type { DatabaseHandle } from '../db/open';
import { TRACKED_TABLES } from './tables';

/** A row as history sees it: column name -> value. */
export type Row = Record<string, unknown>;

/** One row change made while capturing: before and after (null: the row did not exist). */
export interface RowChange {
  table: string;
  before: Row | null;
  after: Row | null;
}

interface Capture {
  on: boolean;
  changes: RowChange[];
  columns: Map<string, readonly string[]>;
}

const captures = new WeakMap<DatabaseHandle, Capture>();

/**
 * Installs the capture on a connection, once: for each tracked table, TEMP triggers (they live
 * in this connection only, not in the file) that hand every inserted, updated or deleted row
 * to a JavaScript function while capturing is on. Cascaded deletes fire them too, children
 * first. When capturing is off a trigger costs one call that answers 0.
 */
function install(db: DatabaseHandle): Capture {
  const capture: Capture = { on: false, changes: [], columns: new Map() };
  db.function('beatline_history_on', { deterministic: false }, () => (capture.on ? 1 : 0));
  db.function('beatline_history_row', { varargs: true, deterministic: false }, (...args) => {
    const [name, kind, ...values] = args as [string, string, ...unknown[]];
    const columns = capture.columns.get(name)!;
    const image = (offset: number): Row => {
      const row: Row = {};
      columns.forEach((c, i) => (row[c] = values[offset + i]));
      return row;
    };
    capture.changes.push({
      table: name,
      before: kind === 'insert' ? null : image(0),
      after: kind === 'delete' ? null : image(kind === 'update' ? columns.length : 0),
    });
    return null;
  });
  for (const t of TRACKED_TABLES) {
    const columns = (db.pragma(`table_info(${t.name})`) as Array<{ name: string }>).map(
      (c) => c.name,
    );
    capture.columns.set(t.name, columns);
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
    db.exec(trigger('insert', '', list('new')));
    db.exec(trigger('update', ` AND (${changed})`, `${list('old')}, ${list('new')}`));
    db.exec(trigger('delete', '', list('old')));
  }
  captures.set(db, capture);
  return capture;
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
