import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import type { MenuItemConstructorOptions } from 'electron';
import { openLibraryHost } from '../core/host/library-host';
import type { LibraryHost } from '../core/host/library-host';
import { resolveDatabasePath } from '../core/db/paths';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol';
import { rendererSource, rendererUrl } from './app-url';
import { DEBUG_SWITCH_NAMES, debuggingSwitches } from './debug-switches';
import { denyAllPermissions, hardenWebContents } from './hardening';
import { registerFileDialogs } from './file-dialogs';
import { createRouter } from '../core/router';
import { openLocalApiSetting, type LocalApiSetting } from './local-api-setting';
import { registerIpcHandlers } from './ipc';
import { commandScript, menuTemplate, type RendererCommand } from './menu';
import { createMainWindow, focusWindow } from './main-window';
import { createChangeFeed, type ChangeFeed } from '../core/host/changes';
import { importStoryInWorker, withWorkerImports } from '../core/host/import-story';
import { IMPORT_PROGRESS_EVENT } from '../core/contract/api';
import type { Result } from '../core/contract/types';
import {
  createFlushRequests,
  flushBeforeClose,
  forwardChangeNotices,
  type FlushRequests,
} from './window-events';

const log = (message: string) => console.warn(message);

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
  const appUrl = rendererUrl(source);
  let host: LibraryHost | null = null;
  let feed: ChangeFeed | null = null;
  let localApi: LocalApiSetting | null = null;
  let flushRequests: FlushRequests | null = null;
  let mainWindow: BrowserWindow | null = null;
  let quit: 'running' | 'closing' | 'closed' = 'running';
  let quitRequested = false;

  const openWindow = () => {
    const win = createMainWindow(source);
    mainWindow = win;
    const stopNotices = feed ? forwardChangeNotices(feed, win.webContents) : () => {};
    if (flushRequests) flushBeforeClose(win, flushRequests, log);
    win.on('closed', () => {
      stopNotices();
      if (mainWindow === win) mainWindow = null;
    });
  };

  app.on('second-instance', () => focusWindow(mainWindow));
  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(
      contents,
      () => appUrl,
      log,
      (url) => shell.openExternal(url),
    ),
  );
  // A quit waits while each window saves its drafts (its close is held); then it goes on.
  app.on('before-quit', () => {
    quitRequested = true;
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin' || quitRequested) app.quit();
  });
  app.on('activate', () => {
    if (host && BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  // Quit waits for the quit backup and the database close, then quits for real.
  app.on('will-quit', (event) => {
    if (!host || quit === 'closed') return;
    event.preventDefault();
    if (quit === 'closing') return;
    quit = 'closing';
    feed?.close();
    const closing = host;
    // The Local API's port closes first (issue 17), then the library.
    (localApi?.stop() ?? Promise.resolve())
      .then(() => closing.close())
      .catch((error: unknown) => log(`Beatline could not close the library: ${String(error)}`))
      .finally(() => {
        quit = 'closed';
        host = null;
        app.quit();
      });
  });

  const start = async () => {
    const dbPath = resolveDatabasePath({
      argv: process.argv,
      env: process.env,
      userDataDir: app.getPath('userData'),
    });
    try {
      host = await openLibraryHost(dbPath, { log });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`Beatline could not open its library at ${dbPath}: ${message}`);
      dialog.showErrorBox('Beatline could not open its library', `${dbPath}\n\n${message}`);
      app.exit(1);
      return;
    }
    console.log(`Beatline library: ${dbPath}${host.state() === 'damaged' ? ' (damaged)' : ''}`);
    denyAllPermissions(session.defaultSession);
    if (source.kind === 'app')
      protocol.handle(APP_SCHEME, createAppProtocolHandler(source.root, log));
    const changes = createChangeFeed({
      database: () => host?.library()?.db ?? null,
      fileSwapped: () => host?.noticeSwap() ?? false, // issue 13: a swapped file, without a write
    });
    feed = changes;
    flushRequests = createFlushRequests(ipcMain);
    const notOpen: Result<never> = {
      ok: false,
      error: { code: 'internal', message: 'the library is not open' },
    };
    // Imports run in a worker (issue 13), built beside this bundle as import-worker.js; the
    // window's own import reports its progress to the window.
    const imports = {
      workerUrl: pathToFileURL(join(import.meta.dirname, 'import-worker.js')),
      log,
    };
    const importFile = (path: string, ifTitleExists: 'add' | 'refuse') =>
      host
        ? importStoryInWorker(
            host,
            { path, ifTitleExists },
            {
              ...imports,
              onProgress: (fraction: number) =>
                mainWindow?.webContents.send(IMPORT_PROGRESS_EVENT, fraction),
            },
          )
        : Promise.resolve(notOpen);
    // One router (core/router.ts); every write through it is noted as the sending window's.
    const router = createRouter(
      {
        invoke: async (channel, input) =>
          host ? withWorkerImports(host, imports).invoke(channel, input) : notOpen,
      },
      { observe: (c, r) => changes.observe(c, r), log },
    );
    registerFileDialogs(
      router,
      {
        showSaveDialog: (options) =>
          mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options),
        showOpenDialog: (options) =>
          mainWindow ? dialog.showOpenDialog(mainWindow, options) : dialog.showOpenDialog(options),
        showMessageBox: (options) =>
          mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options),
      },
      () => app.getPath('documents'),
      importFile,
    );
    // The Local API setting (issue 17): the shell answers its channels; the port opens if on.
    const userData = app.getPath('userData');
    localApi = await openLocalApiSetting({
      settingsFile: join(userData, 'settings.json'),
      tokenFile: join(userData, 'local-api-token'),
      libraryHost: host,
      feed: changes,
      imports,
      log,
    });
    for (const [channel, handler] of Object.entries(localApi.handlers)) {
      router.register(channel as keyof typeof localApi.handlers, handler);
    }
    registerIpcHandlers(ipcMain, {
      router,
      window: () => mainWindow,
      appUrl: () => appUrl,
      runAs: changes.runAs,
    });
    const send = (command: RendererCommand) => {
      mainWindow?.webContents
        .executeJavaScript(commandScript(command))
        .catch((error: unknown) =>
          log(`Beatline menu command ${command} failed: ${String(error)}`),
        );
    };
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate(send, process.platform, !app.isPackaged) as MenuItemConstructorOptions[],
      ),
    );
    openWindow();
  };

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error(
        `Beatline failed to start: ${error instanceof Error ? error.stack : String(error)}`,
      );
      const message = error instanceof Error ? error.message : String(error);
      dialog.showErrorBox('Beatline could not start', message);
      void host?.close();
      app.exit(1);
    });
}
