import { app, BrowserWindow, dialog, ipcMain, session } from 'electron';
import { resolveDatabasePath } from '../core/db/paths';
import { openLibrary } from '../core/library';
import type { Library } from '../core/library';
import { rendererSource, rendererUrl } from './app-url';
import { denyAllPermissions, hardenWebContents } from './hardening';
import { registerIpcHandlers } from './ipc';
import { createMainWindow, focusWindow } from './main-window';

/**
 * The app's life: one instance, the library opened before any window, one IPC handler per
 * channel, one hardened window, the database closed on quit.
 */
export function runApp(): void {
  app.enableSandbox();
  if (!app.requestSingleInstanceLock()) {
    // Another Beatline is running; it gets focused through 'second-instance'.
    app.quit();
    return;
  }

  const source = rendererSource({
    devUrl: process.env.ELECTRON_RENDERER_URL,
    isPackaged: app.isPackaged,
    mainDir: import.meta.dirname,
  });
  const appUrl = rendererUrl(source);
  let library: Library | null = null;
  let mainWindow: BrowserWindow | null = null;

  const openWindow = () => {
    const win = createMainWindow(source);
    mainWindow = win;
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null;
    });
  };

  const closeLibrary = () => {
    const open = library;
    library = null;
    if (!open) return;
    try {
      open.close();
    } catch (error) {
      console.error(`Beatline could not close the library cleanly: ${String(error)}`);
    }
  };

  app.on('second-instance', () => focusWindow(mainWindow));
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, () => appUrl));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (library && BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('will-quit', closeLibrary);

  const start = async () => {
    const dbPath = resolveDatabasePath({
      argv: process.argv,
      env: process.env,
      userDataDir: app.getPath('userData'),
    });
    try {
      library = await openLibrary(dbPath);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`Beatline could not open its library at ${dbPath}: ${message}`);
      dialog.showErrorBox('Beatline could not open its library', `${dbPath}\n\n${message}`);
      app.exit(1);
      return;
    }
    console.log(`Beatline library: ${dbPath}`);
    denyAllPermissions(session.defaultSession);
    registerIpcHandlers(ipcMain, {
      dispatcher: () => library?.dispatcher ?? null,
      window: () => mainWindow,
      appUrl: () => appUrl,
    });
    openWindow();
  };

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error(
        `Beatline failed to start: ${error instanceof Error ? error.stack : String(error)}`,
      );
      closeLibrary();
      app.exit(1);
    });
}
