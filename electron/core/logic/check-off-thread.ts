import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { inputSchemas } from '../contract/schemas';
import type { Result, StoryCheckReport } from '../contract/types';
import { describeIssue } from '../handlers/dispatch';
import type { Library } from '../library';
import type { LibraryAnswers } from '../router';
import type { CheckRequest, CheckWorkerMessage } from './check-worker';

/**
 * `stories:check` off the host's thread (issue 14): the whole check of a 100,000-beat story
 * takes about 100 ms of CPU, which on the host's thread holds up every other call (a save)
 * and, in the desktop app, the window's input (Electron's main process is its UI thread). One
 * worker (check-worker.ts) answers the checks with its own read-only connection. Until it has
 * started (seconds where it runs from TypeScript sources), and for a library it cannot share
 * (in memory, not open, replaced underneath), checks are answered on the host's thread as
 * before. The incremental checks of writes stay in their write's transaction.
 */

export interface CheckWorkerOptions {
  /** The worker's entry: check-worker.ts beside this module by default (through tsx). */
  workerUrl?: URL;
}

export interface WorkerChecks extends LibraryAnswers {
  /** Starts the worker now; resolves true once it answers checks (false: there is none). */
  started(): Promise<boolean>;
  /** Stops the worker (checks asked for after this run on the host's thread). */
  close(): Promise<void>;
}

const DEFAULT_WORKER = new URL('./check-worker.ts', import.meta.url);

/**
 * `inner`'s answers, with `stories:check` answered by the check worker once it is ready;
 * `library` is the host's open library (null when none is).
 */
export function withWorkerChecks(
  inner: LibraryAnswers,
  library: () => Library | null,
  options: CheckWorkerOptions = {},
): WorkerChecks {
  const worker = createCheckWorker(
    options.workerUrl ?? (defaultWorkerAvailable() ? DEFAULT_WORKER : null),
  );
  // Each library the host opens gets its own number, so the worker reopens its connection.
  const libraries = new WeakMap<Library, number>();
  let opened = 0;

  return {
    invoke(channel, input) {
      if (channel !== 'stories:check') return inner.invoke(channel, input);
      worker.start();
      const open = library();
      if (!worker.ready() || !open || open.db.memory || open.replaced()) {
        return inner.invoke(channel, input);
      }
      const parsed = inputSchemas['stories:check'].safeParse(input ?? {});
      if (!parsed.success) {
        return Promise.resolve({
          ok: false,
          error: { code: 'invalid_input', message: describeIssue(parsed.error) },
        });
      }
      if (!libraries.has(open)) libraries.set(open, ++opened);
      return worker.ask({
        dbPath: open.path,
        library: libraries.get(open)!,
        storyId: parsed.data.storyId,
      });
    },
    started() {
      worker.start();
      return worker.whenReady();
    },
    close: () => worker.close(),
  };
}

/** One check worker's life: started on demand, ready once it says so, stopped on error or exit. */
interface CheckWorker {
  /** Starts the worker unless one runs, it was closed, or there is no entry (`url` null). */
  start(): void;
  /** True while a started worker answers checks. */
  ready(): boolean;
  /** Resolves true once the worker is ready; false when there is none or it stops first. */
  whenReady(): Promise<boolean>;
  /** Sends a check (call when `ready()`); `internal` when the worker stops before answering. */
  ask(check: Omit<CheckRequest, 'id'>): Promise<Result<unknown>>;
  /** Stops the worker; `start()` does nothing after. */
  close(): Promise<void>;
}

/** The check worker at `url` (null: there is none), not started yet. */
function createCheckWorker(url: URL | null): CheckWorker {
  let worker: Worker | null = null;
  let ready = false;
  let closed = false;
  let next = 0;
  const onReady: Array<(ok: boolean) => void> = [];
  const waiting = new Map<number, (result: Result<StoryCheckReport>) => void>();

  const stop = (reason: string) => {
    ready = false;
    worker = null;
    for (const told of onReady.splice(0)) told(false);
    for (const answer of waiting.values()) {
      answer({ ok: false, error: { code: 'internal', message: `the check stopped: ${reason}` } });
    }
    waiting.clear();
  };

  const hear = (message: CheckWorkerMessage) => {
    if (message.type === 'ready') {
      ready = true;
      for (const told of onReady.splice(0)) told(true);
    } else {
      waiting.get(message.id)?.(message.result);
      waiting.delete(message.id);
    }
  };

  return {
    start() {
      if (worker || closed || !url) return;
      const started = new Worker(url, {
        execArgv: url.pathname.endsWith('.ts') ? ['--import', tsxLoader()] : [],
      });
      started.unref();
      started.on('message', hear);
      started.on('error', (error) => stop(String(error)));
      started.on('exit', (code) => stop(`exit code ${code}`));
      worker = started;
    },
    ready: () => worker !== null && ready,
    whenReady() {
      if (ready || !worker) return Promise.resolve(ready);
      return new Promise<boolean>((resolve) => onReady.push(resolve));
    },
    ask(check) {
      const running = worker;
      if (!running) throw new Error('The check worker is not running.');
      const request: CheckRequest = { id: ++next, ...check };
      return new Promise<Result<unknown>>((resolve) => {
        waiting.set(request.id, resolve);
        running.postMessage(request);
      });
    },
    async close() {
      closed = true;
      const running = worker;
      if (running) await running.terminate();
    },
  };
}

/** tsx's loader as a file URL, for a worker that runs TypeScript sources. */
function tsxLoader(): string {
  try {
    return pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  } catch {
    return 'tsx';
  }
}

/** Whether the default worker entry (the TypeScript source) is present: false in a bundle. */
function defaultWorkerAvailable(): boolean {
  return DEFAULT_WORKER.protocol === 'file:' && existsSync(fileURLToPath(DEFAULT_WORKER));
}
