/**
 * The names of every operation a host exposes, `domain:verb`. This file has no imports so the
 * preload and the browser client can bundle it without pulling in zod or Node.
 */
export const CHANNELS = [
  'stories:list',
  'stories:get',
  'stories:load',
  'stories:create',
  'stories:update',
  'stories:delete',
  'events:list',
  'events:get',
  'events:create',
  'events:update',
  'events:delete',
  'events:move',
  'moments:list',
  'moments:get',
  'moments:create',
  'moments:update',
  'moments:delete',
  'moments:move',
] as const;

export type Channel = (typeof CHANNELS)[number];

export type ChannelDomain<C extends string> = C extends `${infer D}:${string}` ? D : never;
export type ChannelVerb<C extends string> = C extends `${string}:${infer V}` ? V : never;

/** True when `name` is one of the contract's channels. */
export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && (CHANNELS as readonly string[]).includes(name);
}
