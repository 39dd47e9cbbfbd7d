import type { Result } from '../core/contract/types';
import type { DispatcherLike } from './ipc';

/** A host-only handler: its input is unchecked here (each handler parses its own). */
export type HostHandler = (input: unknown) => Promise<Result<unknown>>;

/**
 * The dispatcher with the shell's own channels (the Local API setting) answered by
 * `handlers`; every other channel goes to `next` unchanged. When the single router lands,
 * these handlers are registered into it instead.
 */
export function withHostHandlers(
  next: DispatcherLike,
  handlers: Readonly<Record<string, HostHandler>>,
): DispatcherLike {
  return {
    invoke(channel, input) {
      const own = Object.hasOwn(handlers, channel) ? handlers[channel] : undefined;
      return own ? own(input) : next.invoke(channel, input);
    },
  };
}
