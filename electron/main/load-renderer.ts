import type { BrowserWindow } from 'electron';
import type { RendererSource } from './app-url';

/**
 * Loads the renderer into the window: the dev server URL, or `app://beatline/index.html`, which
 * the `app://` protocol handler (registered in lifecycle.ts) serves from the built files.
 */
export function loadRenderer(win: BrowserWindow, source: RendererSource): Promise<void> {
  return win.loadURL(source.url);
}
