import type {
  ChannelOutput,
  LibraryHealthReport,
  ReopenOutcome,
  RestoreOutcome,
} from '../contract/outputs';
import type { Result } from '../contract/types';
import type { FolderBackupKind } from '../backup/names';
import type { Library, OpenLibraryOptions } from '../library';
import { answerChannel } from './answer';
import { createHostBackups, oneAtATime } from './backups';
import { hostHealth } from './health';
import { createHostMachine, type HostMachine } from './machine';
import { reopenAtPath, restoreBackup } from './recovery';
import type { HostStateKind } from './state';

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
   * Issue 13 (h35): opens the file now at the path through the startup checks, after it was
   * replaced underneath (or found damaged). A missing file is created only with `create`.
   */
  reopen(ifMissing?: 'refuse' | 'create'): Promise<ReopenOutcome>;
  /**
   * Checks that the file at the path is still the one open (a `stat`); the first time it is
   * not (deleted, moved, swapped by a restore elsewhere), stops writing and answers true.
   */
  noticeSwap(): boolean;
  /** How many times a swap was noticed, by any call (the change feed's notice, `swapNotices`). */
  swapsNoticed(): number;
  /** Stops the schedule, takes the quit backup if anything changed, closes the database. */
  close(): Promise<void>;
}

/**
 * Opens a library for a host: health check first, recovery mode when the file is damaged.
 * The host is a state machine (`machine.ts`, transitions in `state.ts`); backups, health,
 * restore and reopen each read or move it, one backup, restore or reopen at a time.
 */
export async function openLibraryHost(
  path: string,
  options: LibraryHostOptions = {},
): Promise<LibraryHost> {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((message: string) => console.warn(message));
  const machine = createHostMachine(path, options, log);
  await machine.start();

  const exclusive = oneAtATime();
  const backups = createHostBackups(machine, now);
  const health = () => hostHealth(machine, backups.newestGood);
  const backupIfChanged = (kind: 'auto' | 'quit' = 'auto') =>
    exclusive(() => backups.takeIfChanged(kind));
  const stopSchedule = scheduleBackups(machine, backupIfChanged, options);
  let closing: Promise<void> | null = null;

  const host: LibraryHost = {
    path,
    library: () => (machine.state.kind === 'open' ? machine.state.library : null),
    state: () => machine.state.kind,
    invoke: (channel, input) => answerChannel(host, machine, channel, input),
    health,
    backupIfChanged,
    backup: (kind = 'manual') => exclusive(() => backups.take(kind)),
    restore: (backupId) => exclusive(() => restoreBackup(machine, backupId, now, health)),
    reopen: (ifMissing = 'refuse') => exclusive(() => reopenAtPath(machine, ifMissing, health)),
    noticeSwap: machine.noticeSwap,
    swapsNoticed: machine.swapsNoticed,
    close: () => (closing ??= closeHost(machine, stopSchedule, backupIfChanged, options)),
  };
  return host;
}

/** Backs up every `backupIntervalMs` while the library changes; returns what stops it. */
function scheduleBackups(
  machine: HostMachine,
  backupIfChanged: (kind: 'auto') => Promise<unknown>,
  options: LibraryHostOptions,
): () => void {
  const intervalMs = options.backupIntervalMs ?? BACKUP_INTERVAL_MS;
  const timers = options.timers ?? realTimers;
  if (machine.inMemory || intervalMs <= 0) return () => undefined;
  const timer = timers.setInterval(() => {
    backupIfChanged('auto').catch((error: unknown) =>
      machine.log(`Beatline could not back up the library: ${(error as Error).message}`),
    );
  }, intervalMs);
  return () => timers.clearInterval(timer);
}

/**
 * Quit: stops the schedule, takes the quit backup if anything changed (waiting at most
 * `closeTimeoutMs` for it), closes the library.
 */
async function closeHost(
  machine: HostMachine,
  stopSchedule: () => void,
  backupIfChanged: (kind: 'quit') => Promise<unknown>,
  options: LibraryHostOptions,
): Promise<void> {
  stopSchedule();
  const wanted = options.backupOnClose ?? true;
  const quitBackup = (wanted ? backupIfChanged('quit') : Promise.resolve(null)).catch(
    (error: unknown) => {
      machine.log(`Beatline could not back up the library on quit: ${(error as Error).message}`);
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
  const state = machine.state;
  if (state.kind === 'open') state.library.close();
  machine.enter({ type: 'closed' }, { kind: 'closed' });
}
