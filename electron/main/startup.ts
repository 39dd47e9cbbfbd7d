import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, dialog, ipcMain, Menu, protocol, session } from 'electron';
import type {
  BrowserWindow,
  MenuItemConstructorOptions,
  MessageBoxOptions,
  OpenDialogOptions,
  SaveDialogOptions,
} from 'electron';
import { openLibraryHost, type LibraryHost } from '../core/host/library-host';
import { resolveDatabasePath } from '../core/db/paths';
import { APP_SCHEME, createAppProtocolHandler } from './app-protocol';
import { denyAllPermissions } from './hardening';
import { registerFileDialogs } from './file-dialogs';
import { createRouter, type LibraryAnswers } from '../core/router';
import { openLocalApiSetting, type LocalApiSetting } from './local-api-setting';
import { registerIpcHandlers } from './ipc';
import { commandScript, menuTemplate, type RendererCommand } from './menu';
import { createChangeFeed, swapNotices, type ChangeFeed } from '../core/host/changes';
import { importStoryInWorker, withWorkerImports } from '../core/host/import-story';
import { withWorkerChecks, type WorkerChecks } from '../core/logic/check-off-thread';
import { IMPORT_PROGRESS_EVENT } from '../core/contract/api';
import type { Result } from '../core/contract/types';
import { createFlushRequests } from './window-events';
import { log, openWindow, type Shell } from './shell';

/** The answer while the library is not open. */
const notOpen: Result<never> = {
  ok: false,
  error: { code: 'internal', message: 'the library is not open' },
};

/**
 * Once Electron is ready: the library opened (or held in recovery mode), then the app://
 * protocol, the change feed, one router with its IPC handlers, file dialogs and the Local API
 * setting, the menu, and the window. Exits when the library cannot be opened at all.
 */
export async function startShell(shell: Shell): Promise<void> {
  const host = await openHostOrExit();
  if (!host) return;
  shell.host = host;
  denyAllPermissions(session.defaultSession);
  if (shell.source.kind === 'app') {
    protocol.handle(APP_SCHEME, createAppProtocolHandler(shell.source.root, log));
  }
  const changes = createChangeFeed({
    database: () => shell.host?.library()?.db ?? null,
    // Issue 13: a swapped file, whoever noticed it (h41).
    fileSwapped: swapNotices(() => shell.host),
  });
  shell.feed = changes;
  shell.flushRequests = createFlushRequests(ipcMain);
  const answers = appAnswers(shell);
  // One router (core/router.ts); every write through it is noted as the sending window's.
  const router = createRouter(answers, { observe: (c, r) => changes.observe(c, r), log });
  void answers.started();
  registerFileDialogs(
    router,
    windowDialogs(() => shell.mainWindow),
    () => app.getPath('documents'),
    importInto(shell),
  );
  // The shell answers the Local API setting's channels.
  const localApi = await openLocalApi(host, changes, answers);
  shell.localApi = localApi;
  for (const [channel, handler] of Object.entries(localApi.handlers)) {
    router.register(channel as keyof typeof localApi.handlers, handler);
  }
  registerIpcHandlers(ipcMain, {
    router,
    window: () => shell.mainWindow,
    appUrl: () => shell.appUrl,
    runAs: changes.runAs,
  });
  installMenu(() => shell.mainWindow);
  openWindow(shell);
}

/** The library host at the path the command line, environment or data folder names. */
async function openHostOrExit(): Promise<LibraryHost | null> {
  const dbPath = resolveDatabasePath({
    argv: process.argv,
    env: process.env,
    userDataDir: app.getPath('userData'),
  });
  try {
    const host = await openLibraryHost(dbPath, { log });
    console.log(`Beatline library: ${dbPath}${host.state() === 'damaged' ? ' (damaged)' : ''}`);
    return host;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`Beatline could not open its library at ${dbPath}: ${message}`);
    dialog.showErrorBox('Beatline could not open its library', `${dbPath}\n\n${message}`);
    app.exit(1);
    return null;
  }
}

/** Imports run in a worker (issue 13), built beside this bundle as import-worker.js. */
const importWorker = () => ({
  workerUrl: pathToFileURL(join(import.meta.dirname, 'import-worker.js')),
  log,
});

/**
 * The library's answers for the window (and the Local API): imports, and whole story checks
 * (issue 14), in workers built beside this bundle.
 */
function appAnswers(shell: Shell): WorkerChecks {
  const imports = importWorker();
  return withWorkerChecks(
    {
      invoke: async (channel, input) =>
        shell.host ? withWorkerImports(shell.host, imports).invoke(channel, input) : notOpen,
    },
    () => shell.host?.library() ?? null,
    { workerUrl: pathToFileURL(join(import.meta.dirname, 'check-worker.js')) },
  );
}

/** The window's own import of a chosen file, reporting its progress to the window. */
function importInto(shell: Shell) {
  const imports = importWorker();
  return (path: string, ifTitleExists: 'copy' | 'refuse') =>
    shell.host
      ? importStoryInWorker(
          shell.host,
          { path, ifTitleExists },
          {
            ...imports,
            onProgress: (fraction: number) =>
              shell.mainWindow?.webContents.send(IMPORT_PROGRESS_EVENT, fraction),
          },
        )
      : Promise.resolve(notOpen);
}

/** The Local API setting (issue 17): the port opens if it is on. */
async function openLocalApi(
  host: LibraryHost,
  feed: ChangeFeed,
  answers: LibraryAnswers,
): Promise<LocalApiSetting> {
  const userData = app.getPath('userData');
  return openLocalApiSetting({
    settingsFile: join(userData, 'settings.json'),
    tokenFile: join(userData, 'local-api-token'),
    libraryHost: host,
    feed,
    answers, // the window's: one check worker, the app's imports
    log,
  });
}

/** The file dialogs, attached to the window when there is one. */
function windowDialogs(window: () => BrowserWindow | null) {
  return {
    showSaveDialog: (options: SaveDialogOptions) => {
      const win = window();
      return win ? dialog.showSaveDialog(win, options) : dialog.showSaveDialog(options);
    },
    showOpenDialog: (options: OpenDialogOptions) => {
      const win = window();
      return win ? dialog.showOpenDialog(win, options) : dialog.showOpenDialog(options);
    },
    showMessageBox: (options: MessageBoxOptions) => {
      const win = window();
      return win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options);
    },
  };
}

/** The application menu; each command runs in the window's renderer. */
function installMenu(window: () => BrowserWindow | null): void {
  const send = (command: RendererCommand) => {
    window()
      ?.webContents.executeJavaScript(commandScript(command))
      .catch((error: unknown) => log(`Beatline menu command ${command} failed: ${String(error)}`));
  };
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(send, process.platform, !app.isPackaged) as MenuItemConstructorOptions[],
    ),
  );
}
