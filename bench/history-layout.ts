/**
 * `npx tsx bench/history-layout.ts`: WAL pages one undo step costs in two layouts of the history
 * table, with rows of several sizes, in steady state (a scope at its 1,000-step bound, pruned 64
 * steps at a time, as electron/core/history/record.ts does; other scopes beside it):
 * - today's: one WITHOUT ROWID B-tree clustered by (scope, step) (migration 003);
 * - a rowid table (steps appended at the end of the file's order) plus an index on (scope, step).
 * It answers whether a migration of the history table would pay (h43): it would not (see README).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { walPages } from './wal-pages';

const LAYOUTS = {
  'WITHOUT ROWID (scope, step)': `CREATE TABLE h (scope TEXT NOT NULL, step INTEGER NOT NULL,
    payload TEXT NOT NULL, PRIMARY KEY (scope, step)) WITHOUT ROWID`,
  'rowid table + index (scope, step)': `CREATE TABLE h (id INTEGER PRIMARY KEY,
    scope TEXT NOT NULL, step INTEGER NOT NULL, payload TEXT NOT NULL);
    CREATE UNIQUE INDEX h_by_scope ON h (scope, step)`,
};
const STEPS = 2000;

for (const [layout, ddl] of Object.entries(LAYOUTS)) {
  for (const rowBytes of [470, 250, 120]) {
    for (const scopes of [2, 5]) {
      const dir = mkdtempSync(join(tmpdir(), 'beatline-history-layout-'));
      const path = join(dir, 'h.db');
      const db = new Database(path);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = OFF');
      db.pragma('wal_autocheckpoint = 0');
      db.exec(ddl);
      const insert = db.prepare('INSERT INTO h (scope, step, payload) VALUES (?, ?, ?)');
      const prune = db.prepare('DELETE FROM h WHERE scope = ? AND step <= ?');
      const ids = Array.from({ length: scopes }, () => randomUUID()).sort();
      const edited = ids[Math.floor(scopes / 2)]!; // other scopes' steps on both sides
      const payload = 'x'.repeat(rowBytes - 45);
      db.transaction(() => {
        for (const s of ids)
          if (s !== edited) for (let i = 1; i <= 1000; i++) insert.run(s, i, payload);
      })();
      let step = 0;
      const record = () => {
        step++;
        insert.run(edited, step, payload);
        if (step % 64 === 0) prune.run(edited, step - 937);
      };
      for (let i = 0; i < STEPS; i++) record(); // to the bound
      db.pragma('wal_checkpoint(TRUNCATE)');
      for (let i = 0; i < STEPS; i++) record();
      const { frames } = walPages(db, `${path}-wal`);
      console.log(
        `${layout.padEnd(34)} rows ${String(rowBytes).padStart(3)} B, ${scopes} scopes: ${(frames / STEPS).toFixed(2)} pages a step`,
      );
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
