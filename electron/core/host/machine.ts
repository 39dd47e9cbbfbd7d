import { cleanLeftovers } from '../backup/leftovers';
import { inspectDatabaseFile, isUsable, libraryHealthReport, type FileHealth } from '../db/health';
import type { DatabaseHandle } from '../db/open';
import { DomainError } from '../errors';
import { openLibrary, replacedMessage, type Library, type OpenLibraryOptions } from '../library';
import { transition, type HostEvent } from './state';

/**
 * The host's state (`state.ts` names the states and decides the transitions) with what each
 * state holds. `open` holds the library and its change marker when it was last backed up (or
 * opened): the library changed since when `changeMarker` reads otherwise.
 */
export type HostState =
  | { kind: 'opening' }
  | { kind: 'open'; library: Library; backedUp: string }
  | { kind: 'damaged'; file: FileHealth }
  | { kind: 'restoring' }
  | { kind: 'replaced' }
  | { kind: 'closed' };

/** The library host's state machine: where it stands, and the transitions that touch the file. */
export interface HostMachine {
  readonly path: string;
  readonly inMemory: boolean;
  readonly log: (message: string) => void;
  /** The current state, with what it holds. */
  readonly state: HostState;
  /** The only place the state changes: `transition` decides, `next` holds what it needs. */
  enter(event: HostEvent, next: HostState): void;
  /** Opens the library at the path, then enters `open` on `event`. */
  openOn(event: HostEvent): Promise<Library>;
  /** The startup checks (`checkLibraryFile`). */
  checkFile(): FileHealth;
  /** Opens a file checked by `checkFile` (true), or holds it untouched as `damaged` (false). */
  openChecked(file: FileHealth, usable: HostEvent, refused: HostEvent): Promise<boolean>;
  /** Leaves `opening`: the library opened, or held in recovery mode when the file is damaged. */
  start(): Promise<void>;
  /** Issue 13: once the file at the path is not the one open, nothing more is written. */
  noticeSwap(): boolean;
  swapsNoticed(): number;
  /** Refuses what needs a file (backups, restore, reopen) for an in-memory library. */
  requireFile(): void;
}

/** Changes since the connection opened, by it (total_changes) or by others (data_version). */
export function changeMarker(db: DatabaseHandle): string {
  const own = (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  return `${own}:${String(db.pragma('data_version', { simple: true }))}`;
}

/** The startup checks: leftovers cleaned, then `quick_check` and what the file is. */
function checkLibraryFile(path: string, log: (message: string) => void): FileHealth {
  // What a copy killed midway left behind (a .partial backup, a restored copy not yet in place).
  for (const name of cleanLeftovers(path)) {
    log(`Beatline removed ${name}, left by an interrupted copy.`);
  }
  return inspectDatabaseFile(path, { check: 'quick' });
}

/** A machine in `opening` for the library at `path`; `start()` opens it. */
export function createHostMachine(
  path: string,
  options: OpenLibraryOptions,
  log: (message: string) => void,
): HostMachine {
  const inMemory = path === ':memory:';
  let state: HostState = { kind: 'opening' };
  let swaps = 0;

  const machine: HostMachine = {
    path,
    inMemory,
    log,
    get state() {
      return state;
    },
    enter(event, next) {
      const kind = transition(state.kind, event);
      if (kind !== next.kind) {
        throw new Error(`"${event.type}" leads to ${kind}, not ${next.kind}.`);
      }
      state = next;
    },
    async openOn(event) {
      const library = await openLibrary(path, options);
      machine.enter(event, { kind: 'open', library, backedUp: changeMarker(library.db) });
      return library;
    },
    checkFile: () => checkLibraryFile(path, log),
    async openChecked(file, usable, refused) {
      if (isUsable(file.kind)) {
        await machine.openOn(usable);
        return true;
      }
      machine.enter(refused, { kind: 'damaged', file });
      log(`Beatline did not open ${path}: ${libraryHealthReport(path, file).message}`);
      return false;
    },
    async start() {
      const file = inMemory ? null : machine.checkFile();
      if (file) await machine.openChecked(file, { type: 'opened' }, { type: 'found_damaged' });
      else await machine.openOn({ type: 'opened' });
    },
    noticeSwap() {
      if (state.kind !== 'open' || !state.library.replaced()) return false;
      // `replaced()` closed the library.
      machine.enter({ type: 'swap_noticed' }, { kind: 'replaced' });
      swaps += 1;
      log(`Beatline stopped writing to ${path}: ${replacedMessage(path, false)}`);
      return true;
    },
    swapsNoticed: () => swaps,
    requireFile() {
      if (inMemory) throw new DomainError('conflict', 'An in-memory library has no backups.');
    },
  };
  return machine;
}
