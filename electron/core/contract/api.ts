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
