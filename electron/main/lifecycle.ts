import { app, BrowserWindow, dialog, protocol, shell as electronShell } from 'electron';
import type { Event } from 'electron';
import { APP_SCHEME_PRIVILEGES } from './app-protocol';
import { rendererSource, rendererUrl } from './app-url';
import { DEBUG_SWITCH_NAMES, debuggingSwitches } from './debug-switches';
import { hardenWebContents } from './hardening';
import { focusWindow } from './main-window';
import { log, openWindow, type Shell } from './shell';
import { startShell } from './startup';

/**
 * A packaged app started with a debugging switch (a DevTools port, Node's inspector) exits at
 * once: anyone who can start it so could read and change the library through the debugger.
 * Development builds keep them.
 */
function refuseDebugging(): boolean {
  if (!app.isPackaged) return false;
  const found = new Set(debuggingSwitches(process.argv));
  for (const name of DEBUG_SWITCH_NAMES)
    if (app.commandLine.hasSwitch(name)) found.add(`--${name}`);
  if (found.size === 0) return false;
  console.error(
    `Beatline does not start with debugging switches (${[...found].join(', ')}); start it without them.`,
  );
  app.exit(1);
  return true;
}

/**
 * The app's life: one instance, the library opened (or, when its file is damaged, left
 * untouched in recovery mode) before any window, one IPC handler per channel, the renderer
 * served over `app://`, one hardened window; a backup every 10 minutes while the library
 * changes and one more on quit, before the database is closed.
 */
export function runApp(): void {
  if (refuseDebugging()) return;
  app.enableSandbox();
  if (!app.requestSingleInstanceLock()) {
    // Another Beatline is running; it gets focused through 'second-instance'.
    app.quit();
    return;
  }
  // Before 'ready': app:// gets a real, secure origin ('self' in the CSP, fetch).
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

  const source = rendererSource({
    devUrl: process.env.ELECTRON_RENDERER_URL,
    isPackaged: app.isPackaged,
    mainDir: import.meta.dirname,
  });
  const shell: Shell = {
    source,
    appUrl: rendererUrl(source),
    host: null,
    feed: null,
    localApi: null,
    flushRequests: null,
    mainWindow: null,
    quit: 'running',
    quitRequested: false,
  };
  handleAppEvents(shell);
  app.on('will-quit', (event) => closeBeforeQuit(shell, event));
  app
    .whenReady()
    .then(() => startShell(shell))
    .catch((error: unknown) => {
      console.error(
        `Beatline failed to start: ${error instanceof Error ? error.stack : String(error)}`,
      );
      const message = error instanceof Error ? error.message : String(error);
      dialog.showErrorBox('Beatline could not start', message);
      void shell.host?.close();
      app.exit(1);
    });
}

/** One instance, hardened contents, and windows that come and go the platform's way. */
function handleAppEvents(shell: Shell): void {
  app.on('second-instance', () => focusWindow(shell.mainWindow));
  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(
      contents,
      () => shell.appUrl,
      log,
      (url) => electronShell.openExternal(url),
    ),
  );
  // A quit waits while each window saves its drafts (its close is held); then it goes on.
  app.on('before-quit', () => {
    shell.quitRequested = true;
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin' || shell.quitRequested) app.quit();
  });
  app.on('activate', () => {
    if (shell.host && BrowserWindow.getAllWindows().length === 0) openWindow(shell);
  });
}

/** Quit waits for the quit backup and the database close, then quits for real. */
function closeBeforeQuit(shell: Shell, event: Event): void {
  if (!shell.host || shell.quit === 'closed') return;
  event.preventDefault();
  if (shell.quit === 'closing') return;
  shell.quit = 'closing';
  shell.feed?.close();
  const closing = shell.host;
  // The Local API's port closes first (issue 17), then the library.
  (shell.localApi?.stop() ?? Promise.resolve())
    .then(() => closing.close())
    .catch((error: unknown) => log(`Beatline could not close the library: ${String(error)}`))
    .finally(() => {
      shell.quit = 'closed';
      shell.host = null;
      app.quit();
    });
}
