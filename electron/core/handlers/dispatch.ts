import type { z } from 'zod';
import { isChannel, isHostChannel, type Channel } from '../contract/channels';
import type { ChannelOutput } from '../contract/outputs';
import { inputSchemas, type ChannelInput } from '../contract/schemas';
import type { HandlerError, Result } from '../contract/types';
import type { DatabaseHandle } from '../db/open';
import { DomainError, refusalOf } from '../errors';
import { takeCheckDelta } from '../logic/incremental';
import { handlers } from './table';

/** Calls channels by name; every answer is a Result and nothing throws past it. */
export interface Dispatcher {
  /** For hosts: an untrusted channel name and payload. */
  invoke(channel: string, input: unknown): Result<unknown>;
  /** For typed callers (CLI, tests): the same path with types. */
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Result<ChannelOutput<C>>;
}

const fail = (code: HandlerError['code'], message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

/** The first zod issue as `path: message`, e.g. `timestampOffset: must be >= 0`. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid input';
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

export interface DispatcherOptions {
  /** Where unexpected errors are reported (the message to the caller stays generic). */
  logError?: (channel: string, error: unknown) => void;
  /** Called after each write transaction commits (the library schedules its checkpoint). */
  afterWrite?: () => HandlerError | null | void;
  // Library file safety (issue 13): read-only libraries and files replaced underneath.
  /** Checked before each call: a refusal to answer with, or null to go on. */
  beforeCall?: (writes: boolean) => HandlerError | null;
}

/** Builds the dispatcher over one open, migrated database. */
export function createDispatcher(db: DatabaseHandle, options: DispatcherOptions = {}): Dispatcher {
  const logError =
    options.logError ?? ((channel, error) => console.error(`[beatline] ${channel} failed:`, error));

  // One transaction wrapper for every call (better-sqlite3 builds one per db.transaction()).
  const inTransaction = db.transaction(
    (run: (db: DatabaseHandle, input: unknown) => unknown, input: unknown) => run(db, input),
  );

  function invoke(channel: string, input: unknown): Result<unknown> {
    if (!isChannel(channel)) {
      return fail(
        'invalid_input',
        `Unknown channel ${JSON.stringify(String(channel)).slice(0, 80)}.`,
      );
    }
    if (isHostChannel(channel)) {
      // Health, backups and restore need the library file, not an open handle: the host answers.
      return fail('invalid_input', `${channel} is answered by the app, not the library.`);
    }
    try {
      const parsed = inputSchemas[channel].safeParse(input === undefined ? {} : input);
      if (!parsed.success) return fail('invalid_input', describeIssue(parsed.error));
      const data = parsed.data;
      const spec = handlers[channel] as {
        writes: boolean;
        run: (db: DatabaseHandle, input: unknown) => unknown;
      };
      const refusal = options.beforeCall?.(spec.writes);
      if (refusal) return { ok: false, error: refusal };
      if (!spec.writes) return { ok: true, value: inTransaction.deferred(spec.run, data) };
      const value = inTransaction.immediate(spec.run, data);
      const late = options.afterWrite?.(); // the change is in: a refusal here says where it went
      if (late) {
        takeCheckDelta(db);
        return { ok: false, error: late };
      }
      // What the write did to the story check (logic layer), when it did anything.
      const check = takeCheckDelta(db);
      return check ? { ok: true, value, check } : { ok: true, value };
    } catch (error) {
      takeCheckDelta(db); // the transaction rolled back; what it noted for the story check did not happen
      if (error instanceof DomainError) return { ok: false, error: refusalOf(error) };
      if (isSqliteBusy(error)) {
        return fail('conflict', 'The library is busy with another change; try again.');
      }
      const storage = storageFailure(error);
      if (storage) return fail('conflict', storage);
      logError(channel, error);
      return fail('internal', 'Something went wrong while saving; nothing was changed.');
    }
  }

  return {
    invoke,
    call: (channel, input) => invoke(channel, input) as Result<ChannelOutput<typeof channel>>,
  };
}

/**
 * The writer's sentence for a storage failure (full disk, read-only file, file gone), or null.
 * The transaction was rolled back, so nothing was saved.
 */
export function storageFailure(error: unknown): string | null {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  if (code.startsWith('SQLITE_FULL')) {
    return 'The disk is full: the library could not save this change, so nothing was saved; free some space and try again.';
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return 'This library is read-only (the file cannot be written): you can view and export it, but changes cannot be saved.';
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_IOERR_DELETE_NOENT') {
    return 'The library file cannot be opened for writing (it may have been moved or deleted); nothing was saved. Reopen the library.';
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return `The library file could not be written (${code}); nothing was saved. Check the disk and try again.`;
  }
  return null;
}

function isSqliteBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}
