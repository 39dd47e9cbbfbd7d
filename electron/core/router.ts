import { CHANNELS, isChannel, type Channel } from './contract/channels';
import type { Result } from './contract/types';

/** One channel's answer: always a promise of a Result, never a rejection. */
export type Handler = (input: unknown) => Promise<Result<unknown>>;

/** What answers the library's channels (the library host). */
export interface LibraryAnswers {
  invoke(channel: Channel, input: unknown): Promise<Result<unknown>>;
}

/**
 * Channel -> async handler, one map for every host (Electron shell, browser host, local API,
 * MCP). Every channel starts answered by the library host; a host registers its own
 * handlers (the Electron shell's native file dialogs) in place of the library's.
 */
export interface Router {
  /** Answers a call by channel name (untrusted: unknown names get invalid_input). */
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  /** Puts a host's own handler in place of the library's for `channel`. */
  register(channel: Channel, handler: Handler): void;
}

export interface RouterOptions {
  /** Told of every answer (the change feed notes the writes that went through). */
  observe?: (channel: Channel, result: Result<unknown>) => void;
  /** Where a handler that threw is reported (the caller gets a generic internal error). */
  log?: (message: string) => void;
}

/** Builds the router over `library`. */
export function createRouter(library: LibraryAnswers, options: RouterOptions = {}): Router {
  const handlers = new Map<Channel, Handler>(
    CHANNELS.map((channel) => [channel, (input: unknown) => library.invoke(channel, input)]),
  );
  const log = options.log ?? ((message: string) => console.error(message));
  return {
    async invoke(channel, input) {
      if (!isChannel(channel)) {
        const name = JSON.stringify(String(channel)).slice(0, 80);
        return { ok: false, error: { code: 'invalid_input', message: `Unknown channel ${name}.` } };
      }
      let result: Result<unknown>;
      try {
        result = await handlers.get(channel)!(input);
      } catch (error) {
        log(`Beatline ${channel} failed: ${error instanceof Error ? error.stack : String(error)}`);
        result = { ok: false, error: { code: 'internal', message: 'unexpected error in the app' } };
      }
      options.observe?.(channel, result);
      return result;
    },
    register(channel, handler) {
      handlers.set(channel, handler);
    },
  };
}
