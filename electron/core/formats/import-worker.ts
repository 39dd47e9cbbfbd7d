import { parentPort, workerData } from 'node:worker_threads';
import type { StorySummary } from '../contract/types';
import { openDatabase } from '../db/open';
import { DomainError } from '../errors';
import { runImportJob, type StoryImportInput } from './import-job';

/**
 * The import worker's entry (started by `importStoryFileAsync`): opens its own connection to
 * the library, runs the import job, and posts `progress` messages, then `done` or `failed`.
 * A bundled host builds this file as its own entry and passes its URL as `workerUrl`.
 */

export interface ImportWorkerData {
  dbPath: string;
  input: StoryImportInput;
}

export type ImportWorkerMessage =
  | { type: 'progress'; fraction: number }
  | { type: 'done'; story: StorySummary }
  | {
      type: 'failed';
      code: DomainError['code'] | 'internal';
      message: string;
      reason?: DomainError['reason'];
    };

const port = parentPort;
if (port) {
  const { dbPath, input } = workerData as ImportWorkerData;
  const post = (message: ImportWorkerMessage) => port.postMessage(message);
  let last = -1;
  try {
    const db = openDatabase(dbPath, { mustExist: true });
    try {
      const story = await runImportJob(db, input, (fraction) => {
        // At most a hundred progress messages, whatever the size of the story.
        if (fraction < 1 && fraction - last < 0.01) return;
        last = fraction;
        post({ type: 'progress', fraction });
      });
      // Copy the log into the database file here, off the host's thread.
      db.pragma('wal_checkpoint(PASSIVE)');
      post({ type: 'done', story });
    } finally {
      db.close();
    }
  } catch (error) {
    post(
      error instanceof DomainError
        ? { type: 'failed', code: error.code, message: error.message, reason: error.reason }
        : { type: 'failed', code: 'internal', message: String((error as Error)?.stack ?? error) },
    );
  }
}
