/**
 * The library host's life as a state machine: a pure function from (state, event) to the next
 * state that refuses what cannot happen (a restore while closed, a swap noticed while damaged).
 * The host's machine (`machine.ts`) keeps what each state holds (the open library, the damaged
 * file's health); this file knows only the names, so every transition is listed here and tested
 * on its own.
 *
 * - `opening`: before the startup check.
 * - `open`: the library is open (read-write or read-only: access is the library's, not a state).
 * - `damaged`: the file failed the startup check (or is another app's, or newer); left untouched.
 * - `restoring`: a backup is being put in place; the library is closed meanwhile.
 * - `replaced`: the file at the path is no longer the one opened (deleted, moved, swapped by a
 *   restore elsewhere); nothing more is written, every channel answers `conflict`.
 *   "Reopen the library" (`reopened`) opens the file now at the path, as at startup.
 * - `closed`: the end; no event leaves it.
 */
export type HostStateKind = 'opening' | 'open' | 'damaged' | 'restoring' | 'replaced' | 'closed';

export type HostEvent =
  | { type: 'opened' }
  | { type: 'found_damaged' }
  | { type: 'restore_started' }
  | { type: 'restore_finished' }
  /** `usable`: the file at the path passes the startup check after the failed restore. */
  | { type: 'restore_failed'; usable: boolean }
  | { type: 'swap_noticed' }
  /** Issue 13 (h35): the file now at the path went through the startup checks again. */
  | { type: 'reopened'; usable: boolean }
  | { type: 'closed' };

/** Thrown for an impossible transition: a bug in the host, never a writer's mistake. */
export class TransitionError extends Error {
  constructor(
    readonly from: HostStateKind,
    readonly event: HostEvent['type'],
  ) {
    super(`The library host cannot take "${event}" while ${from}.`);
    this.name = 'TransitionError';
  }
}

/** The next state, or null when `event` cannot happen in `state`. */
function next(state: HostStateKind, event: HostEvent): HostStateKind | null {
  if (state === 'closed') return null;
  switch (event.type) {
    case 'opened':
      return state === 'opening' ? 'open' : null;
    case 'found_damaged':
      return state === 'opening' ? 'damaged' : null;
    case 'restore_started':
      // A replaced file can be restored over: the file now at the path is set aside first.
      return state === 'open' || state === 'damaged' || state === 'replaced' ? 'restoring' : null;
    case 'restore_finished':
      return state === 'restoring' ? 'open' : null;
    case 'restore_failed':
      if (state !== 'restoring') return null;
      return event.usable ? 'open' : 'damaged';
    case 'swap_noticed':
      return state === 'open' ? 'replaced' : null;
    case 'reopened':
      if (state !== 'replaced' && state !== 'damaged') return null;
      return event.usable ? 'open' : 'damaged';
    case 'closed':
      return 'closed';
  }
}

/** True when `event` can happen in `state`. */
export function canTransition(state: HostStateKind, event: HostEvent): boolean {
  return next(state, event) !== null;
}

/** The state after `event`; throws `TransitionError` when the event cannot happen in `state`. */
export function transition(state: HostStateKind, event: HostEvent): HostStateKind {
  const to = next(state, event);
  if (to === null) throw new TransitionError(state, event.type);
  return to;
}
