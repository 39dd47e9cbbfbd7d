import type { BeatlineBridge } from '../../../electron/core/contract/api';

declare global {
  interface Window {
    /**
     * Set by Electron's preload, or by `installBridge()` in the browser host, whose bridge also
     * has `whileClosing`: requests sent inside its callback outlive the page.
     */
    beatline?: BeatlineBridge & { whileClosing?(send: () => void): void };
  }
}

export {};
