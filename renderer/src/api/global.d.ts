import type { BeatlineBridge } from '../../../electron/core/contract/api';

declare global {
  interface Window {
    /** Set by Electron's preload, or by `installBridge()` in the browser host. */
    beatline?: BeatlineBridge;
  }
}

export {};
