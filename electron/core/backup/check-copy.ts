import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * The check of a freshly written copy, run in a worker thread so a long `integrity_check`
 * (seconds on a large library) never holds up the host's requests. The worker is plain
 * CommonJS given as text (no second file to bundle); it loads better-sqlite3 from the path the
 * calling module resolves, so it works the same under Node, tsx, Vitest and Electron's bundle.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path, { fileMustExist: true });
try {
  db.pragma('journal_mode = DELETE');
  const rows = db.pragma(workerData.mode === 'quick' ? 'quick_check' : 'integrity_check');
  const problems = rows.map((r) => String(Object.values(r)[0])).filter((line) => line !== 'ok');
  parentPort.postMessage(problems);
} finally {
  db.close();
}
`;

let sqliteModule: string | null = null;

/**
 * Switches the copy at `path` to rollback-journal mode (so it is later read without -wal or
 * -shm files) and runs `integrity_check` (or `quick_check`) on it in a worker thread. Resolves
 * with the problems found; empty means sound.
 */
export function checkCopyInWorker(
  path: string,
  mode: 'quick' | 'full' = 'full',
): Promise<string[]> {
  sqliteModule ??= createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolve, reject) => {
    let answer: string[] | null = null;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { module: sqliteModule, path, mode },
    });
    worker.once('message', (problems: string[]) => (answer = problems));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (answer) resolve(answer);
      else reject(new Error(`the check of the copy stopped early (worker exit code ${code})`));
    });
  });
}
