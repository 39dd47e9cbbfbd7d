import type { Statement } from 'better-sqlite3';
import type { ChangeNotice } from '../contract/api';
import type { Channel } from '../contract/channels';
import type { Result } from '../contract/types';
import type { DatabaseHandle } from '../db/open';
import { handlers } from '../handlers/table';
import { currentWriter, runAsWriter } from '../writer';
import type { LibraryHost } from './library-host';

/**
 * Change notices: every commit to the library, by this host or by any other writer (a second
 * browser-host page, the CLI, another app instance, a restore), becomes one notice pushed to
 * every subscriber (an Electron window, a browser-host page) except the one that made all of
 * the changes it covers. Plain Node; the hosts only carry the notices.
 *
 * - Other writers: `PRAGMA data_version` on the host's connection changes only when another
 *   connection commits, so it is read every `pollMs` on an unref'd timer.
 * - This host's own writes: the router tells `observe()` every answer; a write channel that
 *   answered ok is noted as made by the client the transport named with `runAs()`.
 * - A restore: the host opens a new connection, so a new handle means "everything changed".
 * - A file swapped underneath (issue 13: moved, deleted, replaced by a restore or a sync tool
 *   elsewhere): `fileSwapped` is asked on every poll, so the host stops writing and the views
 *   hear of it within a poll, without waiting for a write to find out. It answers true for a
 *   swap whoever noticed it first (`swapNotices`): a refused write or `library:health` that
 *   came between the swap and the poll used to leave the views without a notice (h41).
 * - Notices are coalesced: at most one per `coalesceMs`.
 */

/** How often `PRAGMA data_version` is read. */
export const CHANGE_POLL_MS = 200;
/** The least time between two notices. */
export const CHANGE_COALESCE_MS = 100;

export interface ChangeFeedOptions {
  /** The connection to watch, read on every poll: null while closed, damaged or restoring. */
  database: () => DatabaseHandle | null;
  /** Asked on every poll: true once when the library file was found swapped (a notice). */
  fileSwapped?: () => boolean;
  pollMs?: number;
  coalesceMs?: number;
}

export interface ChangeFeed {
  /**
   * Calls `listener` with each notice, except those covering only changes made by `clientId`
   * (null: told about every change). Returns the unsubscribe function.
   */
  subscribe(clientId: string | null, listener: (notice: ChangeNotice) => void): () => void;
  /** Runs `work` on behalf of `clientId`: the writes `observe()` hears meanwhile are that client's. */
  runAs<T>(clientId: string | null, work: () => T): T;
  /** Records one commit made by `clientId` (null: by a writer nobody subscribed as). */
  noteWrite(clientId: string | null): void;
  /** Hears a channel's answer (the router's `observe`): a successful write is the current client's. */
  observe(channel: Channel, result: Result<unknown>): void;
  /** How many subscribers are listening. */
  size(): number;
  /** Stops polling and drops every subscriber. */
  close(): void;
}

interface Subscriber {
  clientId: string | null;
  listener: (notice: ChangeNotice) => void;
}

/** True for channels whose handler writes (runs in an IMMEDIATE transaction). */
function writesData(channel: Channel): boolean {
  return channel in handlers && handlers[channel as keyof typeof handlers].writes;
}

/** The subscribers and the coalesced notices sent to them. */
interface Notifier {
  subscribe: ChangeFeed['subscribe'];
  /** Notes a commit by `clientId`; the notice goes out at most one per `coalesceMs`. */
  noteWrite(clientId: string | null): void;
  size(): number;
  close(): void;
}

/** Sends one notice per `coalesceMs` at most, to every subscriber but the sole writer. */
function createNotifier(coalesceMs: number): Notifier {
  const subscribers = new Set<Subscriber>();
  let seq = 0;
  let pending: Set<string | null> | null = null;
  let flushTimer: NodeJS.Timeout | null = null;
  let lastFlush = -Infinity;
  let closed = false;

  function flush(): void {
    flushTimer = null;
    const sources = pending;
    pending = null;
    if (!sources || closed) return;
    lastFlush = performance.now();
    seq += 1;
    const notice: ChangeNotice = { seq };
    const only = sources.size === 1 ? [...sources][0] : undefined;
    for (const subscriber of [...subscribers]) {
      if (subscriber.clientId !== null && subscriber.clientId === only) continue;
      try {
        subscriber.listener(notice);
      } catch {
        // A failing listener (a closed window, a dropped stream) must not stop the others.
      }
    }
  }

  return {
    subscribe(clientId, listener) {
      const subscriber: Subscriber = { clientId, listener };
      subscribers.add(subscriber);
      return () => {
        subscribers.delete(subscriber);
      };
    },
    noteWrite(clientId) {
      if (closed) return;
      (pending ??= new Set()).add(clientId);
      if (flushTimer) return;
      flushTimer = setTimeout(flush, Math.max(0, lastFlush + coalesceMs - performance.now()));
      flushTimer.unref();
    },
    size: () => subscribers.size,
    close() {
      closed = true;
      if (flushTimer) clearTimeout(flushTimer);
      flushTimer = null;
      pending = null;
      subscribers.clear();
    },
  };
}

/**
 * Reads the watched connection's `PRAGMA data_version` (and asks `fileSwapped`) every
 * `pollMs`, noting another writer's commit, a new connection or a swapped file as a write by
 * nobody. Returns what stops the polling.
 */
function pollForCommits(
  options: ChangeFeedOptions,
  pollMs: number,
  noteWrite: (clientId: null) => void,
): () => void {
  let watched = options.database();
  let statement: Statement | null = null;
  let version = readVersion();

  function readVersion(): number | null {
    if (!watched?.open) return null;
    try {
      statement ??= watched.prepare('PRAGMA data_version').pluck();
      return Number(statement.get());
    } catch {
      return null;
    }
  }

  function poll(): void {
    if (options.fileSwapped?.()) noteWrite(null);
    const current = options.database();
    if (current !== watched) {
      // Closed for a restore, then a new connection: the whole library may have changed.
      watched = current;
      statement = null;
      version = readVersion();
      if (current) noteWrite(null);
      return;
    }
    const now = readVersion();
    if (now !== null && now !== version) noteWrite(null);
    version = now;
  }

  const pollTimer = setInterval(poll, pollMs);
  pollTimer.unref();
  return () => clearInterval(pollTimer);
}

/** Starts watching the library for commits; see the module comment. */
export function createChangeFeed(options: ChangeFeedOptions): ChangeFeed {
  const notifier = createNotifier(options.coalesceMs ?? CHANGE_COALESCE_MS);
  const stopPolling = pollForCommits(options, options.pollMs ?? CHANGE_POLL_MS, notifier.noteWrite);
  return {
    subscribe: notifier.subscribe,
    runAs: runAsWriter,
    noteWrite: notifier.noteWrite,
    observe(channel, result) {
      if (result.ok && writesData(channel)) notifier.noteWrite(currentWriter());
    },
    size: notifier.size,
    close() {
      notifier.close();
      stopPolling();
    },
  };
}

type SwapWatched = Pick<LibraryHost, 'noticeSwap' | 'swapsNoticed'>;

/**
 * A feed's `fileSwapped` for a library host (null while there is none): asks the host to check
 * its file (`noticeSwap`, a `stat`), then answers true once for every swap the host noticed
 * since the last call, whoever noticed it (this poll, a refused write, `library:health`).
 */
export function swapNotices(host: () => SwapWatched | null): () => boolean {
  let seen = host()?.swapsNoticed() ?? 0;
  return () => {
    const current = host();
    if (!current) return false;
    current.noticeSwap();
    const count = current.swapsNoticed();
    const news = count !== seen;
    seen = count;
    return news;
  };
}

/**
 * The change feed of a library host: its connection's commits, and its file's identity checked
 * on every poll (`swapNotices`), so a swapped file becomes a notice and health `replaced`
 * without a write.
 */
export function createHostChangeFeed(
  host: Pick<LibraryHost, 'library'> & SwapWatched,
  options: Pick<ChangeFeedOptions, 'pollMs' | 'coalesceMs'> = {},
): ChangeFeed {
  return createChangeFeed({
    ...options,
    database: () => host.library()?.db ?? null,
    fileSwapped: swapNotices(() => host),
  });
}
