import type { BrowserWindow } from 'electron';
import type { ChangeFeed } from '../core/host/changes';
import type { LibraryHost } from '../core/host/library-host';
import type { RendererSource } from './app-url';
import type { LocalApiSetting } from './local-api-setting';
import { createMainWindow } from './main-window';
import { flushBeforeClose, forwardChangeNotices, type FlushRequests } from './window-events';

/** The shell's log: warnings to the console. */
export const log = (message: string) => console.warn(message);

/**
 * What the running app holds, shared by its Electron handlers: the renderer it serves, and
 * (once `startShell` has run) the library host, its change feed, the Local API setting and
 * the window; then where quitting stands.
 */
export interface Shell {
  readonly source: RendererSource;
  readonly appUrl: string;
  host: LibraryHost | null;
  feed: ChangeFeed | null;
  localApi: LocalApiSetting | null;
  flushRequests: FlushRequests | null;
  mainWindow: BrowserWindow | null;
  /** `closing`: the quit backup and the database close are under way. */
  quit: 'running' | 'closing' | 'closed';
  /** A quit was asked for (then closing the last window quits on macOS too). */
  quitRequested: boolean;
}

/** Opens the main window: change notices forwarded to it, its drafts saved before it closes. */
export function openWindow(shell: Shell): void {
  const win = createMainWindow(shell.source);
  shell.mainWindow = win;
  const stopNotices = shell.feed ? forwardChangeNotices(shell.feed, win.webContents) : () => {};
  if (shell.flushRequests) flushBeforeClose(win, shell.flushRequests, log);
  win.on('closed', () => {
    stopNotices();
    if (shell.mainWindow === win) shell.mainWindow = null;
  });
}
