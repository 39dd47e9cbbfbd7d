import type { Statement } from 'better-sqlite3';
import type { DatabaseHandle } from './open';

/**
 * When the write-ahead log is copied back into the database file.
 *
 * SQLite's default copies it inside whichever commit pushes the log past 1,000 pages, so
 * that one edit (or the import that wrote 10,000 pages) waits for the copy and an fsync of
 * the database file. Beatline instead copies between calls: `idleMs` after the last write,
 * at most `maxWaitMs` after the first write since the last copy, and right after the call
 * that makes `maxWrites` writes since the last copy, so a long burst of edits is copied in
 * small pieces between them and the log does not keep growing. The copy runs between calls, never
 * inside one. A commit is durable either way: it is in the log, fsynced, before it returns.
 * SQLite's own in-commit copy stays on as a safety net at `inlinePages`.
 */
export interface CheckpointPolicy {
  idleMs: number;
  maxWaitMs: number;
  /** Write transactions after which the copy runs as soon as the current call is answered. */
  maxWrites: number;
  inlinePages: number;
}

export const DEFAULT_CHECKPOINT_POLICY: CheckpointPolicy = {
  idleMs: 1000,
  maxWaitMs: 10_000,
  // An edit writes 1 to 5 pages: a copy every 100 writes moves a few hundred pages, a pause of
  // a few ms between calls, and keeps the log file (which grows, at a cost, until the first
  // copy of a session) short.
  maxWrites: 100,
  inlinePages: 16_384, // 64 MB of 4 KB pages
};

export interface CheckpointResult {
  /** Pages in the log, and how many of them are now in the database file. */
  logPages: number;
  copiedPages: number;
  ms: number;
}

export interface IdleCheckpointer {
  /** Call after each write transaction commits: schedules the next copy. */
  noteWrite(): void;
  /** Copies the log now (PASSIVE: never waits for readers); null when the db is closed. */
  checkpointNow(): CheckpointResult | null;
  /** Cancels the scheduled copy (closing the database copies the log anyway). */
  stop(): void;
}

export interface CheckpointerOptions {
  policy?: CheckpointPolicy;
  /** Each copy the schedule made (the benchmark reports them). */
  onCheckpoint?: (result: CheckpointResult) => void;
  onError?: (error: unknown) => void;
}

/** Copies the log into the database file (PASSIVE); null when closed or inside a transaction. */
function passiveCheckpoint(db: DatabaseHandle): () => CheckpointResult | null {
  let statement: Statement | null = null;
  return () => {
    if (!db.open || db.inTransaction) return null;
    statement ??= db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
    const started = performance.now();
    const row = statement.get() as { busy: number; log: number; checkpointed: number };
    return {
      logPages: Math.max(0, row.log),
      copiedPages: Math.max(0, row.checkpointed),
      ms: performance.now() - started,
    };
  };
}

/** Copies the write-ahead log back into the database file on the `CheckpointPolicy` schedule. */
export function createIdleCheckpointer(
  db: DatabaseHandle,
  options: CheckpointerOptions = {},
): IdleCheckpointer {
  const policy = options.policy ?? DEFAULT_CHECKPOINT_POLICY;
  const onError =
    options.onError ?? ((error) => console.error('[beatline] checkpoint failed:', error));
  db.pragma(`wal_autocheckpoint = ${policy.inlinePages}`);
  const copyLog = passiveCheckpoint(db);
  let timer: NodeJS.Timeout | null = null;
  let firstWriteAt = 0;
  let lastWriteAt = 0;
  let writes = 0;

  const cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    writes = 0;
  };

  const checkpointNow = (): CheckpointResult | null => {
    cancel();
    return copyLog();
  };

  const run = () => {
    try {
      const result = checkpointNow();
      if (result) options.onCheckpoint?.(result);
    } catch (error) {
      onError(error); // the log stays; the next write schedules another try
    }
  };

  const arm = (ms: number) => {
    timer = setTimeout(onTimer, Math.max(0, ms));
    timer.unref(); // never keeps a process (CLI, tests) alive
  };

  // One timer per quiet spell, not one per write: a write only notes its time, and the
  // timer, when it fires early, waits out the rest of the idle time (or the longest wait).
  function onTimer() {
    timer = null;
    const now = Date.now();
    const due = Math.min(lastWriteAt + policy.idleMs, firstWriteAt + policy.maxWaitMs);
    if (writes < policy.maxWrites && due > now) arm(due - now);
    else run();
  }

  return {
    noteWrite() {
      const now = Date.now();
      lastWriteAt = now;
      if (writes++ === 0) firstWriteAt = now;
      if (writes >= policy.maxWrites) {
        // As soon as this call has been answered, before the next one.
        if (timer) clearTimeout(timer);
        arm(0);
      } else if (!timer) {
        arm(Math.min(policy.idleMs, policy.maxWaitMs));
      }
    },
    checkpointNow,
    stop: cancel,
  };
}
