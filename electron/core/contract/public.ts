import { CHANNELS, type Channel } from './channels';

// The local API (issue 17): which channels other tools may call, and the API's version.

/**
 * Channels meant for the app alone: native file dialogs, replacing the library file with a
 * backup, and the recovery screen's health report. The versioned API (`/api/v2/`), the local
 * API and the OpenAPI document leave them out.
 */
export const APP_ONLY_CHANNELS = [
  'files:saveExport',
  'files:openImport',
  'backups:restore',
  'library:health',
  // Recovery "Reopen the library" (issue 13, h35): reopens the library file, as restore replaces it.
  'library:reopen',
  // The Local API setting itself (h16): the app's window only, never the API.
  'localApi:state',
  'localApi:configure',
  'localApi:newToken',
] as const satisfies readonly Channel[];

/** Every channel other tools may call, in the contract's order. */
export const PUBLIC_CHANNELS: readonly Channel[] = CHANNELS.filter(
  (c) => !(APP_ONLY_CHANNELS as readonly string[]).includes(c),
);

/** True when `name` is a channel of the public API. */
export function isPublicChannel(name: unknown): name is Channel {
  return typeof name === 'string' && (PUBLIC_CHANNELS as readonly string[]).includes(name);
}

/** The API's major version, in its path: `POST /api/v2/<channel>`. */
export const API_PATH_VERSION = 'v2';

/**
 * The OpenAPI document's `info.version`. Bump it whenever a public channel's shape changes
 * (the minor for additions, the major with a new path for anything that breaks a client) and
 * add the new fingerprint below: tests/api/openapi.test.ts fails until you do.
 */
export const API_VERSION = '2.6.0';

/** The fingerprint of the public channels' shapes at each released version (`npm run openapi` prints it). */
export const API_FINGERPRINTS: Readonly<Record<string, string>> = {
  '1.0.0': 'd815ddc317545c866a7ae75154facadbd1c30dc3da30a06d136f557095f2a754',
  // Board navigation (issue 16): moments:search.
  '1.1.0': '44d63ae586755680e107d982411006e764510444e2472a0ce21524832f1512b4',
  // stories:import takes ifTitleExists (issue 16, duplicate prompt).
  '1.2.0': '44e50fe4793cae17814f1333c6008c5daf8d67b2effdaa7b740765334db96720',
  // Moves and creates by intent (issue 15): `beforeMomentId` / `beforeEventId`, no positions;
  // with moments:search and ifTitleExists.
  '2.0.0': '4271ec15157db292c5cd1e90e7f3291b27872abb1490518b4787f44ec4ee50a3',
  // Issue 16 (h35): stories:import takes ifTitleExists "copy"; a taken title's refusal carries
  // reason `title_taken`.
  '2.1.0': '93ce50f4bfda42d7642f4f16958cebe428bb5f4c60853b4a5ea979236d35f692',
  // Issue 14 (h42): moments:search takes eventTitles (the "Link…" picker finds a beat by its
  // event's title).
  '2.2.0': 'e568a94d96a9fac502c90e04592cc6c75412cd72b6845813bafc07deb9a22c78',
  // Issue 17 (h44): moments:createMany, many beats in one request and one undo step (after 2.2.0); a write's Result documents its `check`.
  '2.3.0': '279bd6216b39cb5266534f642a1f2a1bdd7936aab8fa4cd97e2b90a03a786dd9',
  // Issue 12: stories:update takes `history` ("story": the rename joins the story's own undo
  // history, as the title typed in the story view does).
  '2.4.0': '770121a3fdc42858b53edca266b9894b8219c369e266f55deb962368ea090565',
  // Issue 12 (h65): events:setStoryTime takes `expectedLabel` (the label an edit was typed over;
  // another label now is a conflict).
  '2.5.0': '77a900bbb9ff9e5053ce0174bc98501f1d5e9c295a02b8610677fd77ceb6490a',
  // Issue 14 (h73): a story check problem may be a `setup_loop` (a loop of sets_up links from
  // before h71, or from a file), with its links in `loop`.
  '2.6.0': '1ebdb15fe6361d60888770117cdd40c7f461bdc5aa481ec175d03cc2851a9a81',
};
