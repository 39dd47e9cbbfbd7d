import { isChannel, isHostChannel, type HostChannel } from '../contract/channels';
import type {
  BackupInfo,
  ChannelOutput,
  LibraryHealthReport,
  RestoreOutcome,
} from '../contract/outputs';
import { inputSchemas, type ParsedInput } from '../contract/schemas';
import type { HandlerError, Result } from '../contract/types';
import { describeIssue } from '../handlers/dispatch';
import {
  findNewestGoodBackup,
  inspectDatabaseFile,
  isRefusedNotDamaged,
  isUsable,
  libraryHealthReport,
  type FileHealth,
} from '../db/health';
import type { DatabaseHandle } from '../db/open';
import { DomainError } from '../errors';
import { openLibrary, replacedMessage, type Library, type OpenLibraryOptions } from '../library';
import { createBackup } from '../backup/create';
import { cleanLeftovers } from '../backup/leftovers';
import { backupListSignature, findBackup, listBackups, scanBackupFiles } from '../backup/list';
import type { FolderBackupKind } from '../backup/names';
import { assertRestorable, restoreLibrary } from '../backup/restore';
import { pruneBackups } from '../backup/retention';
import { transition, type HostEvent, type HostStateKind } from './state';

/** Ten minutes: how often the library is backed up while it is being edited. */
export const BACKUP_INTERVAL_MS = 10 * 60 * 1000;

export interface Timers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const realTimers: Timers = {
  setInterval: (fn, ms) => {
    const handle = setInterval(fn, ms);
    // The schedule alone never keeps a process (CLI, tests, browser host) alive.
    handle.unref();
    return handle;
  },
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

export interface LibraryHostOptions extends OpenLibraryOptions {
  /** The clock backups are named and pruned by (tests inject one). */
  now?: () => Date;
  /** Time between automatic backups while the library changes; 0 turns them off. */
  backupIntervalMs?: number;
  timers?: Timers;
  /** Take a backup on `close()` when anything changed since the last one (default true). */
  backupOnClose?: boolean;
  /** How long `close()` waits for the backup on quit before closing anyway. */
  closeTimeoutMs?: number;
  log?: (message: string) => void;
}

/** The state machine's state (see `state.ts`) with what each state holds. */
type State =
  | { kind: 'opening' }
  | { kind: 'open'; library: Library }
  | { kind: 'damaged'; file: FileHealth }
  | { kind: 'restoring' }
  | { kind: 'replaced' }
  | { kind: 'closed' };

/**
 * The library as a host (Electron main, the browser host) holds it: opened after a startup
 * `quick_check`, or left closed and untouched in recovery mode when the file is damaged.
 * It answers every channel: the host channels (health, backups, restore) itself, the rest
 * through the open library's dispatcher. It backs the library up every 10 minutes while it
 * changes and once more on `close()` (quit), and restores by closing the library, replacing
 * the file (see `restoreLibrary`) and opening it again.
 */
export interface LibraryHost {
  readonly path: string;
  /** The open library, or null in recovery mode, during a restore and after close. */
  library(): Library | null;
  /** Where the host's state machine stands (see `state.ts`). */
  state(): HostStateKind;
  /** Answers a channel (the router's library answers). Never rejects. */
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  health(): LibraryHealthReport;
  /** Backs up now if anything changed since the last backup (what the timer runs). */
  backupIfChanged(kind?: 'auto' | 'quit'): Promise<ChannelOutput<'backups:create'> | null>;
  backup(kind?: FolderBackupKind): Promise<ChannelOutput<'backups:create'>>;
  restore(backupId: string): Promise<RestoreOutcome>;
  /**
   * Checks that the file at the path is still the one open (a `stat`); the first time it is
   * not (deleted, moved, swapped by a restore elsewhere), stops writing and answers true.
   */
  noticeSwap(): boolean;
  /** Stops the schedule, takes the quit backup if anything changed, closes the database. */
  close(): Promise<void>;
}

const fail = (code: HandlerError['code'], message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

/** Changes since the connection opened, by it (total_changes) or by others (data_version). */
function changeMarker(db: DatabaseHandle): string {
  const own = (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  return `${own}:${String(db.pragma('data_version', { simple: true }))}`;
}

/** Opens a library for a host: health check first, recovery mode when the file is damaged. */
export async function openLibraryHost(
  path: string,
  options: LibraryHostOptions = {},
): Promise<LibraryHost> {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((message: string) => console.warn(message));
  const timers = options.timers ?? realTimers;
  const inMemory = path === ':memory:';
  const intervalMs = options.backupIntervalMs ?? BACKUP_INTERVAL_MS;

  let state: State = { kind: 'opening' };
  let lastMarker: string | null = null;
  let running: Promise<unknown> | null = null;
  let closing: Promise<void> | null = null;

  /** The only place the state changes: `transition` decides, `next` holds what it needs. */
  const enter = (event: HostEvent, next: State): void => {
    const kind = transition(state.kind, event);
    if (kind !== next.kind) throw new Error(`"${event.type}" leads to ${kind}, not ${next.kind}.`);
    state = next;
  };

  const open = async (): Promise<Library> => {
    const library = await openLibrary(path, options);
    lastMarker = changeMarker(library.db);
    return library;
  };

  if (inMemory) enter({ type: 'opened' }, { kind: 'open', library: await open() });
  else {
    // What a copy killed midway left behind (a .partial backup, a restored copy not yet in place).
    for (const name of cleanLeftovers(path))
      log(`Beatline removed ${name}, left by an interrupted copy.`);
    const health = inspectDatabaseFile(path, { check: 'quick' });
    if (isUsable(health.kind)) enter({ type: 'opened' }, { kind: 'open', library: await open() });
    else {
      enter({ type: 'found_damaged' }, { kind: 'damaged', file: health });
      log(`Beatline did not open ${path}: ${libraryHealthReport(path, health).message}`);
    }
  }

  /** Issue 13: once the file at the path is not the one open, nothing more is written. */
  const noticeSwap = (): boolean => {
    if (state.kind !== 'open' || !state.library.replaced()) return false;
    enter({ type: 'swap_noticed' }, { kind: 'replaced' }); // `replaced()` closed the library
    log(`Beatline stopped writing to ${path}: ${replacedMessage(path, false)}`);
    return true;
  };

  const requireFile = () => {
    if (inMemory) throw new DomainError('conflict', 'An in-memory library has no backups.');
  };

  /** Runs backup/restore work one at a time. */
  const exclusive = async <T>(work: () => Promise<T>): Promise<T> => {
    while (running) await running.catch(() => undefined);
    const task = work();
    running = task;
    try {
      return await task;
    } finally {
      if (running === task) running = null;
    }
  };

  /**
   * The newest backup that passes `quick_check`, checked once and kept until the backup files
   * change (added, removed or rewritten), so `library:health` costs a folder listing.
   */
  let newestGood: { signature: string; backup: BackupInfo | null } | null = null;
  const newestGoodBackup = (): BackupInfo | null => {
    const signature = backupListSignature(path);
    if (newestGood?.signature !== signature) {
      newestGood = { signature, backup: findNewestGoodBackup(path) };
    }
    return newestGood.backup;
  };

  /** One backup, pruned after; call inside `exclusive`. */
  const takeBackup = async (kind: FolderBackupKind) => {
    requireFile();
    noticeSwap();
    if (state.kind === 'replaced') throw new DomainError('conflict', replacedMessage(path, false));
    if (state.kind !== 'open') {
      throw new DomainError('conflict', 'The library is not open, so it cannot be backed up.');
    }
    const { db } = state.library;
    const marker = changeMarker(db);
    const made = await createBackup(db, path, kind, now);
    lastMarker = marker;
    pruneBackups(path, now());
    // The copy was just checked in full: when it is the newest, health needs no check of its own.
    if (scanBackupFiles(path)[0]?.id === made.info.id) {
      newestGood = { signature: backupListSignature(path), backup: made.info };
    }
    return made.info;
  };

  const backup = (kind: FolderBackupKind = 'manual') => exclusive(() => takeBackup(kind));

  const backupIfChanged = (kind: 'auto' | 'quit' = 'auto') =>
    exclusive(async () => {
      if (inMemory || noticeSwap() || state.kind !== 'open') return null;
      if (state.library.access === 'read_only' || changeMarker(state.library.db) === lastMarker) {
        return null;
      }
      return takeBackup(kind);
    });

  const health = (): LibraryHealthReport => {
    noticeSwap();
    if (state.kind === 'damaged') {
      return {
        ...libraryHealthReport(path, state.file, { includeBackup: false }),
        newestGoodBackup: newestGoodBackup(),
      };
    }
    if (inMemory) {
      return {
        status: 'ok',
        kind: 'ok',
        message: 'The library is sound.',
        fileName: ':memory:',
        newestGoodBackup: null,
        access: 'read_write',
      };
    }
    if (state.kind === 'replaced') {
      // Issue 13: the file at the path is not the one open; it is not damaged, so no backup.
      return libraryHealthReport(path, { kind: 'replaced', problems: [], sizeBytes: null });
    }
    return {
      ...libraryHealthReport(
        path,
        { kind: 'ok', problems: [], sizeBytes: null },
        { includeBackup: false },
      ),
      newestGoodBackup: newestGoodBackup(),
    };
  };

  const restore = (backupId: string) =>
    exclusive(async (): Promise<RestoreOutcome> => {
      requireFile();
      if (state.kind === 'closed' || state.kind === 'opening') {
        throw new DomainError('conflict', 'The library is closing; nothing was restored.');
      }
      const chosen = findBackup(path, backupId);
      if (!chosen) throw new DomainError('not_found', `No backup with id ${backupId}.`);
      // Refuse a bad choice before the open library is disturbed.
      assertRestorable(chosen);
      const previous = state;
      enter({ type: 'restore_started' }, { kind: 'restoring' });
      if (previous.kind === 'open') previous.library.close();
      try {
        const result = await restoreLibrary(path, chosen, now);
        enter({ type: 'restore_finished' }, { kind: 'open', library: await open() });
        return {
          restored: result.restored,
          setAside: result.setAside?.info ?? null,
          health: health(),
        };
      } catch (error) {
        // Put things back as they were: the library was not changed by a failed restore.
        const again = inspectDatabaseFile(path, { check: 'quick' });
        if (isUsable(again.kind)) {
          enter({ type: 'restore_failed', usable: true }, { kind: 'open', library: await open() });
        } else enter({ type: 'restore_failed', usable: false }, { kind: 'damaged', file: again });
        throw error;
      }
    });

  const hostCall = async <C extends HostChannel>(
    channel: C,
    input: ParsedInput<C>,
  ): Promise<ChannelOutput<C>> => {
    switch (channel) {
      case 'library:health':
        return health() as ChannelOutput<C>;
      case 'backups:list':
        requireFile();
        return listBackups(path) as ChannelOutput<C>;
      case 'backups:create':
        return (await backup('manual')) as ChannelOutput<C>;
      case 'backups:restore':
        return (await restore(
          (input as ParsedInput<'backups:restore'>).backupId,
        )) as ChannelOutput<C>;
    }
    throw new DomainError('invalid_input', `Unknown channel ${channel}.`);
  };

  const invoke = async (channel: string, input: unknown): Promise<Result<unknown>> => {
    if (isHostChannel(channel)) {
      const parsed = inputSchemas[channel].safeParse(input === undefined ? {} : input);
      if (!parsed.success) return fail('invalid_input', describeIssue(parsed.error));
      return hostCall(channel, parsed.data).then(
        (value): Result<unknown> => ({ ok: true, value }),
        (error: unknown): Result<unknown> => {
          if (error instanceof DomainError) return fail(error.code, error.message);
          log(
            `Beatline ${channel} failed: ${error instanceof Error ? error.stack : String(error)}`,
          );
          return fail('internal', `${channel} failed unexpectedly; the library was not changed.`);
        },
      );
    }
    switch (state.kind) {
      case 'open': {
        const result = state.library.dispatcher.invoke(channel, input);
        // The dispatcher's own check (before and after each write) may have found a swap.
        if (!result.ok && result.error.code === 'conflict') noticeSwap();
        return result;
      }
      case 'damaged':
        if (!isChannel(channel)) return fail('invalid_input', 'Unknown channel.');
        return fail(
          'conflict',
          `The library could not be opened: ${libraryHealthReport(path, state.file, { includeBackup: false }).message}` +
            // Issue 13: another application's file or a newer library is not damage.
            (isRefusedNotDamaged(state.file.kind) ? '' : ' Restore a backup to go on.'),
        );
      case 'replaced':
        if (!isChannel(channel)) return fail('invalid_input', 'Unknown channel.');
        return fail('conflict', replacedMessage(path, false));
      case 'restoring':
        return fail('conflict', 'A backup is being restored; try again in a moment.');
      case 'opening':
      case 'closed':
        return fail('internal', 'the library is not open');
    }
  };

  const timer =
    !inMemory && intervalMs > 0
      ? timers.setInterval(() => {
          backupIfChanged('auto').catch((error: unknown) =>
            log(`Beatline could not back up the library: ${(error as Error).message}`),
          );
        }, intervalMs)
      : null;

  const close = () => {
    closing ??= (async () => {
      if (timer !== null) timers.clearInterval(timer);
      const wanted = options.backupOnClose ?? true;
      const quitBackup = (wanted ? backupIfChanged('quit') : Promise.resolve(null)).catch(
        (error: unknown) => {
          log(`Beatline could not back up the library on quit: ${(error as Error).message}`);
        },
      );
      let timeout: NodeJS.Timeout | undefined;
      await Promise.race([
        quitBackup,
        new Promise<void>((done) => {
          timeout = setTimeout(done, options.closeTimeoutMs ?? 15_000);
        }),
      ]);
      clearTimeout(timeout);
      if (state.kind === 'open') state.library.close();
      enter({ type: 'closed' }, { kind: 'closed' });
    })();
    return closing;
  };

  return {
    path,
    library: () => (state.kind === 'open' ? state.library : null),
    state: () => state.kind,
    invoke,
    health,
    backupIfChanged,
    backup,
    restore,
    noticeSwap,
    close,
  };
}
