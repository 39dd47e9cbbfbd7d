import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The main window's options. Security settings are spelled out (even where they are Electron's
 * defaults) so a test can read them: the page is isolated from the preload, sandboxed, has no
 * Node, and keeps the same-origin policy. The window stays hidden until its first paint.
 */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    title: 'Beatline',
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // Chromium's spellchecker fetches its dictionaries from the network on Windows and Linux;
      // Beatline is an offline app and sends nothing anywhere.
      spellcheck: false,
    },
  };
}
