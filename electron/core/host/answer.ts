import { isChannel, isHostChannel, type HostChannel } from '../contract/channels';
import type { ChannelOutput } from '../contract/outputs';
import { inputSchemas, type ParsedInput } from '../contract/schemas';
import type { HandlerError, Result } from '../contract/types';
import { listBackups } from '../backup/list';
import { isRefusedNotDamaged, libraryHealthReport } from '../db/health';
import { DomainError, refusalOf } from '../errors';
import { describeIssue } from '../handlers/dispatch';
import { replacedMessage } from '../library';
import type { LibraryHost } from './library-host';
import type { HostMachine } from './machine';

// How a library host answers a channel: the host channels (health, backups, restore, reopen)
// itself, every other channel through the open library's dispatcher or with the refusal of the
// state the host stands in.

const fail = (code: HandlerError['code'], message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

/** Answers `channel` for `host`, whose state is `machine`'s. Never rejects. */
export async function answerChannel(
  host: LibraryHost,
  machine: HostMachine,
  channel: string,
  input: unknown,
): Promise<Result<unknown>> {
  if (!isHostChannel(channel)) return answerLibraryChannel(machine, channel, input);
  const parsed = inputSchemas[channel].safeParse(input === undefined ? {} : input);
  if (!parsed.success) return fail('invalid_input', describeIssue(parsed.error));
  return callHost(host, machine, channel, parsed.data).then(
    (value): Result<unknown> => ({ ok: true, value }),
    (error: unknown): Result<unknown> => {
      if (error instanceof DomainError) return { ok: false, error: refusalOf(error) };
      machine.log(
        `Beatline ${channel} failed: ${error instanceof Error ? error.stack : String(error)}`,
      );
      return fail('internal', `${channel} failed unexpectedly; the library was not changed.`);
    },
  );
}

/** Runs a host channel's parsed input on the host. */
async function callHost<C extends HostChannel>(
  host: LibraryHost,
  machine: HostMachine,
  channel: C,
  input: ParsedInput<C>,
): Promise<ChannelOutput<C>> {
  switch (channel) {
    case 'library:health':
      return host.health() as ChannelOutput<C>;
    case 'backups:list':
      machine.requireFile();
      return listBackups(machine.path) as ChannelOutput<C>;
    case 'backups:create':
      return (await host.backup('manual')) as ChannelOutput<C>;
    case 'backups:restore':
      return (await host.restore(
        (input as ParsedInput<'backups:restore'>).backupId,
      )) as ChannelOutput<C>;
    case 'library:reopen':
      return (await host.reopen(
        (input as ParsedInput<'library:reopen'>).ifMissing,
      )) as ChannelOutput<C>;
  }
  throw new DomainError('invalid_input', `Unknown channel ${channel}.`);
}

/** A library channel: the open library's dispatcher answers; every other state refuses. */
function answerLibraryChannel(
  machine: HostMachine,
  channel: string,
  input: unknown,
): Result<unknown> {
  const { path, state } = machine;
  switch (state.kind) {
    case 'open': {
      const result = state.library.dispatcher.invoke(channel, input);
      // The dispatcher's own check (before and after each write) may have found a swap.
      if (!result.ok && result.error.code === 'conflict') machine.noticeSwap();
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
}
