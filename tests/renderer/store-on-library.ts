import { vi } from 'vitest';
import { CHANNELS, type Channel } from '../../electron/core/contract/channels';
import { buildApi, type BeatlineBridge } from '../../electron/core/contract/api';
import { checkLibraryHealth } from '../../electron/core/db/health';
import type { Library } from '../../electron/core/library';
import type { Store } from '../../renderer/src/store/types';
import { tempLibrary } from '../helpers/library';

/**
 * A fresh store module on a fresh temp library, with `window.beatline` the channel table over
 * the library's real dispatcher (as the hosts build it) and the few browser globals the store
 * reads. Call `vi.unstubAllGlobals()` after.
 */
export async function storeOnLibrary(
  options: {
    /** Runs on the library before the store module loads (what a reload finds). */
    beforeStore?: (lib: Library) => void;
    /** Sees every call on its way to the library (to count or hold some), as a transport would. */
    transport?: (channel: Channel, send: () => Promise<unknown>) => Promise<unknown>;
  } = {},
): Promise<{ lib: Library; store: { getState(): Store } }> {
  const { beforeStore, transport = (_, send) => send() } = options;
  const lib = await tempLibrary();
  beforeStore?.(lib);
  // The library answers its channels; of the host's, the health report (the app asks first).
  const answer = (channel: Channel, input: unknown) =>
    channel === 'library:health'
      ? { ok: true, value: checkLibraryHealth(lib.path).report }
      : lib.dispatcher.call(channel, input as never);
  const channels = buildApi(CHANNELS, (channel: Channel, input) =>
    transport(channel, async () => answer(channel, input)),
  );
  const beatline: BeatlineBridge = {
    ...channels,
    subscribe: () => () => {},
    onFlushRequest: () => () => {},
    onImportProgress: () => () => {},
  };
  // No layout: the store reads no widths or stylesheets (the view tells it what it shows).
  // A 1280 px window: five columns of the default width in view.
  vi.stubGlobal('window', { beatline, innerWidth: 1280 });
  vi.resetModules();
  const store = (await import('../../renderer/src/store')).useStore;
  // As main.tsx does: the board's own count of the columns a story opens with.
  const { columnsAtOpen } = await import('../../renderer/src/virtual/layout');
  store.getState().setColumnsAtOpen(columnsAtOpen);
  return { lib, store };
}
