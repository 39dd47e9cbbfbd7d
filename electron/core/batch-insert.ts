import type { Statement } from 'better-sqlite3';
import type { DatabaseHandle } from './db/open';

/** Rows per statement: one call into SQLite per 64 rows instead of one per row. */
export const BATCH_ROWS = 64;

const prepared = new WeakMap<DatabaseHandle, Map<string, Statement>>();

function statement(db: DatabaseHandle, sql: string): Statement {
  let perDb = prepared.get(db);
  if (!perDb) prepared.set(db, (perDb = new Map()));
  let s = perDb.get(sql);
  if (!s) perDb.set(sql, (s = db.prepare(sql)));
  return s;
}

/** `INSERT INTO table (columns) VALUES (?, ...)`, with `rows` rows of parameters. */
export function insertSql(table: string, columns: readonly string[], rows = 1): string {
  const row = `(${columns.map(() => '?').join(', ')})`;
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array(rows).fill(row).join(', ')}`;
}

/**
 * Inserts rows into one table many to a statement, for bulk writes (imports, seeding). Rows
 * go in the order they were added; `finish()` writes what is left. Use inside a transaction:
 * a batch that fails leaves earlier batches written until the transaction rolls back.
 */
export class BatchInserter {
  private readonly params: unknown[];
  private readonly width: number;
  private filled = 0;
  private readonly full: Statement;
  private readonly one: Statement;

  constructor(db: DatabaseHandle, table: string, columns: readonly string[]) {
    this.width = columns.length;
    this.params = new Array<unknown>(BATCH_ROWS * this.width);
    this.full = statement(db, insertSql(table, columns, BATCH_ROWS));
    this.one = statement(db, insertSql(table, columns));
  }

  /** Queues one row (values in column order); writes a batch when one is full. */
  add(...values: unknown[]): void {
    const at = this.filled * this.width;
    for (let i = 0; i < this.width; i++) this.params[at + i] = values[i];
    if (++this.filled === BATCH_ROWS) {
      this.full.run(this.params);
      this.filled = 0;
    }
  }

  /** Writes the rows still queued (fewer than a batch), one statement each. */
  finish(): void {
    for (let r = 0; r < this.filled; r++) {
      this.one.run(this.params.slice(r * this.width, (r + 1) * this.width));
    }
    this.filled = 0;
  }
}
