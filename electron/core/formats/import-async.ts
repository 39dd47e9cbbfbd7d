import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { StorySummary } from '../contract/types';
import type { DatabaseHandle } from '../db/open';
import { DomainError } from '../errors';
import { runImportJob, type ImportProgress, type StoryImportInput } from './import-job';
import type { ImportWorkerData, ImportWorkerMessage } from './import-worker';

export type { ImportProgress, StoryImportInput } from './import-job';

export interface AsyncImportOptions {
  /** Called with the fraction done (0 to 1), at most about a hundred times. */
  onProgress?: ImportProgress;
  /**
   * The worker's entry: import-worker.ts beside this module by default (run through tsx); a
   * bundled host (electron-vite) builds import-worker.ts as an entry of its own and passes it.
   */
  workerUrl?: URL;
  /** Heap limit of the worker in MB: a file that somehow needs more ends the worker, not the host. */
  workerHeapMb?: number;
}

const DEFAULT_WORKER = new URL('./import-worker.ts', import.meta.url);

/**
 * Imports a story file as a new story without blocking the calling thread: reading, parsing,
 * validating and writing run in a worker thread on its own connection to the library, in one
 * transaction (the host's connection sees the new story once it commits, as it sees the CLI's
 * writes). Resolves with the story, or rejects with a DomainError (`invalid_input` for a bad
 * file, naming its first problem) or an Error for anything unexpected. An in-memory library
 * cannot be shared with a worker, and a bundle without `workerUrl` has no worker entry: those
 * are imported on this thread, blocking it as `stories:import` does.
 */
export async function importStoryFileAsync(
  db: DatabaseHandle,
  input: StoryImportInput,
  options: AsyncImportOptions = {},
): Promise<StorySummary> {
  const onProgress = options.onProgress ?? (() => {});
  // The worker opens the file for writing: never a library this host holds read-only.
  if (db.readonly) {
    throw new DomainError('conflict', 'The library is open read-only: nothing was imported.');
  }
  const url = options.workerUrl ?? (defaultWorkerAvailable() ? DEFAULT_WORKER : null);
  if (db.memory || !url) return runImportJob(db, input, onProgress);
  const data: ImportWorkerData = { dbPath: db.name, input };
  const worker = new Worker(url, {
    workerData: data,
    execArgv: url.pathname.endsWith('.ts') ? ['--import', tsxLoader()] : [],
    resourceLimits: { maxOldGenerationSizeMb: options.workerHeapMb ?? 1536 },
  });
  return new Promise<StorySummary>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    worker.on('message', (message: ImportWorkerMessage) => {
      if (message.type === 'progress') onProgress(message.fraction);
      else if (message.type === 'done') settle(() => resolve(message.story));
      else {
        const { code, message: text, reason } = message;
        const error = code === 'internal' ? new Error(text) : new DomainError(code, text, reason);
        settle(() => reject(error));
      }
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`the import worker stopped (exit code ${code})`))),
    );
  });
}

/** tsx's loader as a file URL, for a worker that runs TypeScript sources. */
function tsxLoader(): string {
  try {
    const require = createRequire(import.meta.url);
    return pathToFileURL(require.resolve('tsx')).href;
  } catch {
    return 'tsx';
  }
}

/** Whether the default worker entry (the TypeScript source) is present: false in a bundle. */
function defaultWorkerAvailable(): boolean {
  return DEFAULT_WORKER.protocol === 'file:' && existsSync(fileURLToPath(DEFAULT_WORKER));
}
