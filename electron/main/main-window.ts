import { BrowserWindow } from 'electron';
import { join } from 'node:path';
import type { RendererSource } from './app-url';
import { loadRenderer } from './load-renderer';
import { mainWindowOptions } from './window-options';

/** The built preload, next to the main bundle: out/main/index.js -> out/preload/index.cjs. */
export function preloadPath(): string {
  return join(import.meta.dirname, '../preload/index.cjs');
}

/** Creates the (hidden) main window, shows it on first paint and starts loading the renderer. */
export function createMainWindow(source: RendererSource): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(preloadPath()));
  win.once('ready-to-show', () => win.show());
  loadRenderer(win, source).catch((error: unknown) => {
    console.error(`Beatline could not load its window: ${String(error)}`);
    if (!win.isDestroyed()) win.show();
  });
  return win;
}

/** Brings an existing window to the front (used when a second instance is started). */
export function focusWindow(win: BrowserWindow | null): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
