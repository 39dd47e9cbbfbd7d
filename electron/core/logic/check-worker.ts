import { parentPort } from 'node:worker_threads';
import type { Result, StoryCheckReport } from '../contract/types';
import { openDatabase, type DatabaseHandle } from '../db/open';
import { DomainError } from '../errors';
import { checkStoryInLibrary } from './story-check';

/**
 * The story check's worker entry (started by check-off-thread.ts): keeps a read-only connection
 * to the library and answers `check` messages with the whole check of a story, read in one
 * read transaction (a snapshot: the host's writes between its queries cannot show). A new
 * `library` (another file, or the same path opened again after a restore) opens a new
 * connection. A bundled host builds this file as its own entry.
 */

export interface CheckRequest {
  id: number;
  dbPath: string;
  /** Changes when the host opens its library again (a restore): the connection is reopened. */
  library: number;
  storyId: string;
}

export type CheckWorkerMessage =
  { type: 'ready' } | { type: 'answer'; id: number; result: Result<StoryCheckReport> };

const port = parentPort;
if (port) {
  let open: { key: string; db: DatabaseHandle } | null = null;
  const connection = (request: CheckRequest): DatabaseHandle => {
    const key = `${request.library}:${request.dbPath}`;
    if (open?.key !== key) {
      open?.db.close();
      open = null;
      open = { key, db: openDatabase(request.dbPath, { mustExist: true, readonly: true }) };
    }
    return open.db;
  };
  port.on('message', (request: CheckRequest) => {
    let result: Result<StoryCheckReport>;
    try {
      const db = connection(request);
      result = {
        ok: true,
        value: db.transaction(() => checkStoryInLibrary(db, request.storyId))(),
      };
    } catch (error) {
      result =
        error instanceof DomainError
          ? { ok: false, error: { code: error.code, message: error.message } }
          : {
              ok: false,
              error: { code: 'internal', message: String((error as Error)?.stack ?? error) },
            };
    }
    port.postMessage({ type: 'answer', id: request.id, result } satisfies CheckWorkerMessage);
  });
  port.postMessage({ type: 'ready' } satisfies CheckWorkerMessage);
}
