/**
 * The names of every operation a host exposes, `domain:verb`. This file has no imports so the
 * preload and the browser client can bundle it without pulling in zod or Node.
 */
export const CHANNELS = [
  'stories:list',
  'stories:get',
  'stories:load',
  'stories:outline',
  'stories:create',
  'stories:update',
  'stories:delete',
  'stories:export',
  'stories:import',
  // The library (issue 16): a story copied as a new one.
  'stories:duplicate',
  // Save and open through the host: Electron shows native dialogs; the browser host answers
  // with a download / "use a file picker", so the renderer never knows which host it is in.
  'files:saveExport',
  'files:openImport',
  'events:list',
  'events:get',
  'events:create',
  'events:update',
  'events:delete',
  'events:move',
  'moments:list',
  'moments:range',
  'moments:get',
  'moments:create',
  'moments:update',
  'moments:delete',
  'moments:move',
  // Board navigation (issue 16): search across a story's beats.
  'moments:search',
  // Undo history in the library, per story (issue 12; electron/core/history/).
  'history:state',
  'history:undo',
  'history:redo',
  // Logic layer (issue 14): links between beats, story time, the story check.
  'links:list',
  'links:create',
  'links:update',
  'links:delete',
  'events:chronology',
  'events:setStoryTime',
  'events:moveInChronology',
  'stories:check',
  // Answered by the host (electron/core/host/library-host.ts), not the per-library handlers:
  // they work while the library is damaged and they can replace the library file.
  'library:health',
  'backups:list',
  'backups:create',
  'backups:restore',
  // Recovery "Reopen the library" (issue 13, h35): the file now at the path, through the
  // startup checks. App-only, like restore (contract/public.ts).
  'library:reopen',
  // The desktop app's Local API setting (issue 17, h16): answered by the Electron shell; the
  // browser host and the CLI answer `available: false`. App-only (contract/public.ts).
  'localApi:state',
  'localApi:configure',
  'localApi:newToken',
  // Bulk (issue 17, h44): many beats into one event in one request, one undo step.
  'moments:createMany',
] as const;

export type Channel = (typeof CHANNELS)[number];

export type ChannelDomain<C extends string> = C extends `${infer D}:${string}` ? D : never;
export type ChannelVerb<C extends string> = C extends `${string}:${infer V}` ? V : never;

/** The channels a host answers itself (health, backups, restore). */
export const HOST_CHANNELS = [
  'library:health',
  'backups:list',
  'backups:create',
  'backups:restore',
  // Recovery "Reopen the library" (issue 13, h35).
  'library:reopen',
] as const satisfies readonly Channel[];

export type HostChannel = (typeof HOST_CHANNELS)[number];

/** True when `name` is a channel the host answers itself. */
export function isHostChannel(name: unknown): name is HostChannel {
  return typeof name === 'string' && (HOST_CHANNELS as readonly string[]).includes(name);
}

/** True when `name` is one of the contract's channels. */
export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && (CHANNELS as readonly string[]).includes(name);
}
