import type { BrowserWindow } from 'electron';
import type { RendererSource } from './app-url';

/**
 * Loads the renderer into the window: the dev server URL, or the built index.html from disk.
 * The future `app://` protocol changes only this function and `rendererSource`.
 */
export function loadRenderer(win: BrowserWindow, source: RendererSource): Promise<void> {
  return source.kind === 'url' ? win.loadURL(source.url) : win.loadFile(source.path);
}
