import type { Channel, ChannelDomain, ChannelVerb } from './channels';
import type { ChannelOutput } from './outputs';
import type { ChannelInput } from './schemas';
import type { Result } from './types';

type KebabToCamel<S extends string> = S extends `${infer H}-${infer T}`
  ? `${H}${Capitalize<KebabToCamel<T>>}`
  : S;

/** One async function per channel, grouped by domain: `beatline.moments.move({...})`. */
export type BeatlineApi = {
  [D in ChannelDomain<Channel>]: {
    [C in Extract<Channel, `${D}:${string}`> as KebabToCamel<ChannelVerb<C>>]: (
      input: ChannelInput<C>,
    ) => Promise<Result<ChannelOutput<C>>>;
  };
};

/** Splits a channel name into the namespace and function name used on `window.beatline`. */
export function channelPath(channel: Channel): [domain: string, fn: string] {
  const [domain = '', verb = ''] = channel.split(':');
  return [domain, verb.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())];
}

/**
 * Builds the `window.beatline` object from the channel names and one transport function.
 * The preload and the browser host both use it, so the two shapes cannot drift.
 */
export function buildApi(
  channels: readonly Channel[],
  invoke: (channel: Channel, input: unknown) => Promise<unknown>,
): BeatlineApi {
  const api: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
  for (const channel of channels) {
    const [domain, fn] = channelPath(channel);
    const ns = (api[domain] ??= {});
    ns[fn] = (input: unknown) => invoke(channel, input === undefined ? {} : input);
  }
  return api as unknown as BeatlineApi;
}

// --- Change notices and the window's flush (hosts' transports, issue 12) ---

/** "The library changed; re-read what you show." `seq` grows with every notice a host sends. */
export interface ChangeNotice {
  seq: number;
}

/** What a host pushes to the page besides the channel answers. */
export interface HostEvents {
  /** Calls `listener` for every change another writer made; returns the unsubscribe function. */
  subscribe(listener: (notice: ChangeNotice) => void): () => void;
  /**
   * Electron asks the page to save its drafts before the window closes; browser hosts never
   * call it. A handler resolving to true says text was left unsaved (the window asks first).
   */
  onFlushRequest(handler: () => Promise<boolean | void>): () => void;
  /**
   * Electron tells the page how far the import it asked for has got (0 to 1, issue 13);
   * browser hosts never call it (the page shows a busy state while its request runs).
   */
  onImportProgress(listener: (fraction: number) => void): () => void;
}

/** `window.beatline`: the channels by domain, plus the host's events. */
export type BeatlineBridge = BeatlineApi & HostEvents;

/** The IPC event a window receives a change notice on (main -> preload). */
export const CHANGE_NOTICE_EVENT = 'beatline:change';
/** The IPC event that asks a window to save its drafts before it closes (main -> preload). */
export const FLUSH_REQUEST_EVENT = 'beatline:flush-request';
/** The window's answer to a flush request, with the request's id (preload -> main). */
export const FLUSH_DONE_EVENT = 'beatline:flush-done';
/** How far the window's import has got, a fraction from 0 to 1 (main -> preload). */
export const IMPORT_PROGRESS_EVENT = 'beatline:import-progress';

// --- A refused call tells the page (issue 13, h41) ---

/** The DOM event a page's transport fires on `window` when the host refuses a call with `conflict`. */
export const CONFLICT_EVENT = 'beatline:conflict';

/**
 * `invoke`, firing `CONFLICT_EVENT` on `target` after every answer refused with `conflict`: the
 * page then asks the library's health, so a page that missed the change notice of a swapped or
 * deleted library file still finds out on its next call. The preload and the browser bridge
 * both use it.
 */
export function firingConflicts(
  invoke: (channel: Channel, input: unknown) => Promise<unknown>,
  target: { dispatchEvent(event: Event): boolean },
): (channel: Channel, input: unknown) => Promise<unknown> {
  return async (channel, input) => {
    const result = await invoke(channel, input);
    const error = (result as { ok?: unknown; error?: { code?: unknown } } | null)?.error;
    if ((result as { ok?: unknown } | null)?.ok === false && error?.code === 'conflict') {
      target.dispatchEvent(new Event(CONFLICT_EVENT));
    }
    return result;
  };
}
