import { vi } from 'vitest';
import { CHANNELS, type Channel } from '../../electron/core/contract/channels';
import { buildApi, type BeatlineBridge } from '../../electron/core/contract/api';
import type { Library } from '../../electron/core/library';
import type { Store } from '../../renderer/src/store/types';
import { tempLibrary } from '../helpers/library';

/**
 * A fresh store module on a fresh temp library, with `window.beatline` the channel table over
 * the library's real dispatcher (as the hosts build it) and the few browser globals the store
 * reads. Call `vi.unstubAllGlobals()` after.
 */
export async function storeOnLibrary(): Promise<{ lib: Library; store: { getState(): Store } }> {
  const lib = await tempLibrary();
  const channels = buildApi(CHANNELS, async (channel: Channel, input) =>
    lib.dispatcher.call(channel, input as never),
  );
  const beatline: BeatlineBridge = {
    ...channels,
    subscribe: () => () => {},
    onFlushRequest: () => () => {},
    onImportProgress: () => () => {},
  };
  // No layout: the store reads no widths or stylesheets (the view tells it what it shows).
  vi.stubGlobal('window', { beatline });
  vi.resetModules();
  const store = (await import('../../renderer/src/store')).useStore;
  // As the board at 1280 px says (useColumnsInView): five columns in view.
  store.getState().setColumnsInView(5);
  return { lib, store };
}
