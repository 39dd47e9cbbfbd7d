import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { BUSY_TIMEOUT_MS } from '../db/open';

/**
 * SQLite copies run in a worker thread, so copying and checking a large library (seconds at
 * hundreds of MB, including the final flush of the copy) never holds up the host's requests.
 * The worker opens its own connection to the source; in WAL mode that connection reads one
 * consistent snapshot while the host's connection goes on writing. The worker is plain
 * CommonJS given as text (no second file to bundle); it loads better-sqlite3 from the path the
 * calling module resolves, so it runs the same under Node, tsx, Vitest and Electron's bundle.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const { from, fromReadonly, to, check, busyTimeoutMs } = workerData;
// better-sqlite3 takes a first step answered SQLITE_BUSY (the destination locked by a writer:
// the live library a restore writes into) for a finished copy of 0 pages, and closes it having
// copied nothing; a restore then said "Restored" and changed nothing (h78). No copy has 0 pages.
async function copyOnce(source) {
  // One step: the whole copy is one read of one snapshot.
  const { totalPages } = await source.backup(to, { progress: () => 0x7fffffff });
  return totalPages > 0;
}
async function run() {
  const source = new Database(from, { fileMustExist: true, readonly: fromReadonly });
  try {
    source.pragma('busy_timeout = ' + busyTimeoutMs);
    if (!fromReadonly) source.pragma('query_only = ON');
    const giveUp = Date.now() + busyTimeoutMs;
    while (!(await copyOnce(source))) {
      if (Date.now() > giveUp) {
        throw new Error('another writer kept the destination busy for ' + busyTimeoutMs / 1000 + ' s; nothing was copied');
      }
      await new Promise((wait) => setTimeout(wait, 20));
    }
  } finally {
    source.close();
  }
  if (!check) return [];
  const copy = new Database(to, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const rows = copy.pragma('integrity_check');
    return rows.map((r) => String(Object.values(r)[0])).filter((line) => line !== 'ok');
  } finally {
    copy.close();
  }
}
run().then(
  (problems) => parentPort.postMessage({ problems }),
  (error) => parentPort.postMessage({ error: String(error && error.message ? error.message : error) }),
);
`;

let sqliteModule: string | null = null;

export interface CopyTask {
  /** The database file to copy, opened by the worker on its own connection. */
  from: string;
  /** Open the source read-only (a damaged file, a backup in use); otherwise query_only. */
  fromReadonly: boolean;
  /** Where SQLite's online backup API writes the copy (a new file, or a live library). */
  to: string;
  /** Switch the copy to rollback-journal mode and run `integrity_check` on it. */
  check: boolean;
  /** How long a copy waits for a writer's lock on the source or destination (default: a connection's). */
  busyTimeoutMs?: number;
}

/**
 * Copies `from` into `to` with SQLite's online backup API in a worker thread and, with `check`,
 * switches the copy to rollback-journal mode (so it is later read without -wal or -shm files)
 * and runs `integrity_check` on it. Resolves with the problems found (empty means sound);
 * rejects when the copy could not be made.
 */
export function copyInWorker(task: CopyTask): Promise<string[]> {
  sqliteModule ??= createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolve, reject) => {
    let answer: { problems?: string[]; error?: string } | null = null;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      // Plain Node for the plain script: no loader the host runs under (tsx, a test runner).
      execArgv: [],
      workerData: { module: sqliteModule, busyTimeoutMs: BUSY_TIMEOUT_MS, ...task },
    });
    worker.once(
      'message',
      (message: { problems?: string[]; error?: string }) => (answer = message),
    );
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (answer?.problems) resolve(answer.problems);
      else reject(new Error(answer?.error ?? `the copy stopped early (worker exit code ${code})`));
    });
  });
}
