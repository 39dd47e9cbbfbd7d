import { dialog, type BrowserWindow } from 'electron';
import type { ChangeFeed } from '../core/host/changes';
import type { LibraryHost } from '../core/host/library-host';
import type { RendererSource } from './app-url';
import type { LocalApiSetting } from './local-api-setting';
import { createMainWindow } from './main-window';
import {
  flushBeforeClose,
  forwardChangeNotices,
  type AskCloseUnsaved,
  type FlushRequests,
} from './window-events';

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

/**
 * The window's question when its page holds text the library refused, as the browser asks
 * before a tab with such text closes. Staying also calls off the quit that closed it.
 */
function askCloseUnsaved(shell: Shell, win: BrowserWindow): AskCloseUnsaved {
  return async () => {
    const answer = await dialog.showMessageBox(win, {
      type: 'warning',
      message: 'Some of your text is not saved',
      detail:
        'Beatline could not save text shown as "Not saved". Keep the window open to fix or copy ' +
        'it; if you close, Beatline offers it again when it next opens.',
      buttons: ['Keep the window open', 'Close anyway'],
      defaultId: 0,
      cancelId: 0,
    });
    const close = answer.response === 1;
    if (!close) shell.quitRequested = false;
    return close;
  };
}

/** Opens the main window: change notices forwarded to it, its drafts saved before it closes. */
export function openWindow(shell: Shell): void {
  const win = createMainWindow(shell.source);
  shell.mainWindow = win;
  const stopNotices = shell.feed ? forwardChangeNotices(shell.feed, win.webContents) : () => {};
  if (shell.flushRequests) {
    flushBeforeClose(win, shell.flushRequests, log, askCloseUnsaved(shell, win));
  }
  win.on('closed', () => {
    stopNotices();
    if (shell.mainWindow === win) shell.mainWindow = null;
  });
}
