import { CHANGE_NOTICE_EVENT, FLUSH_DONE_EVENT, FLUSH_REQUEST_EVENT } from '../core/contract/api';
import type { ChangeFeed } from '../core/host/changes';

/**
 * What the main process pushes to its windows besides channel answers: change notices, and the
 * request to save drafts before a window closes. Plain Node over the few Electron methods used
 * (tests pass fakes; the built shell is tested under tests/electron/fixtures/fake-electron.ts).
 */

/** How long a closing window waits for its page to save its drafts. */
export const FLUSH_TIMEOUT_MS = 2_000;

/** The parts of a `WebContents` used here. */
export interface ContentsLike {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  /** A crashed page answers nothing: the close does not wait for it. */
  isCrashed?(): boolean;
  /** A page that crashes or is killed ('render-process-gone') while asked: the wait ends then. */
  once?(event: 'render-process-gone', listener: () => void): unknown;
  removeListener?(event: 'render-process-gone', listener: () => void): unknown;
}

/** The parts of a `BrowserWindow` used here. */
export interface ClosableWindowLike {
  readonly webContents: ContentsLike;
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  close(): void;
  isDestroyed(): boolean;
}

/** The parts of `ipcMain` used here. */
export interface IpcMainOnLike {
  on(channel: string, listener: (event: { sender: unknown }, ...args: unknown[]) => void): unknown;
}

/** The client id of a window's page: its writes are not notified back to it. */
export function windowClientId(contentsId: number): string {
  return `window-${contentsId}`;
}

/** The client id of the page that sent an IPC call, or null when the sender has no id. */
export function senderClientId(event: { sender?: unknown }): string | null {
  const id = (event.sender as { id?: unknown } | undefined)?.id;
  return typeof id === 'number' ? windowClientId(id) : null;
}

/** Sends `contents` every change notice it did not cause itself; returns the unsubscribe. */
export function forwardChangeNotices(feed: ChangeFeed, contents: ContentsLike): () => void {
  return feed.subscribe(windowClientId(contents.id), (notice) => {
    if (!contents.isDestroyed()) contents.send(CHANGE_NOTICE_EVENT, notice);
  });
}

/** `unsaved`: the page answered, with text the library refused (kept by the page). */
export type FlushOutcome = 'flushed' | 'unsaved' | 'timeout' | 'gone';

/** Asks pages to save their drafts and waits for the answer (one listener for every window). */
export interface FlushRequests {
  request(contents: ContentsLike): Promise<FlushOutcome>;
}

/**
 * Listens for flush answers. An answer counts only from the page that was asked, with the id of
 * its request; without one, `request` settles as 'timeout' after `timeoutMs`.
 */
export function createFlushRequests(
  ipcMain: IpcMainOnLike,
  timeoutMs = FLUSH_TIMEOUT_MS,
): FlushRequests {
  let nextId = 0;
  const pending = new Map<number, { sender: ContentsLike; done: (o: FlushOutcome) => void }>();
  ipcMain.on(FLUSH_DONE_EVENT, (event, id, unsaved) => {
    const waiting = typeof id === 'number' ? pending.get(id) : undefined;
    if (!waiting || waiting.sender !== event.sender) return;
    waiting.done(unsaved === true ? 'unsaved' : 'flushed');
  });
  return {
    request(contents) {
      if (contents.isDestroyed() || contents.isCrashed?.()) return Promise.resolve('gone');
      nextId += 1;
      const id = nextId;
      return new Promise<FlushOutcome>((resolve) => {
        const timer = setTimeout(() => settle('timeout'), timeoutMs);
        const crashed = () => settle('gone');
        contents.once?.('render-process-gone', crashed);
        function settle(outcome: FlushOutcome) {
          clearTimeout(timer);
          contents.removeListener?.('render-process-gone', crashed);
          pending.delete(id);
          resolve(outcome);
        }
        pending.set(id, { sender: contents, done: settle });
        try {
          contents.send(FLUSH_REQUEST_EVENT, id);
        } catch {
          settle('gone');
        }
      });
    },
  };
}

/**
 * Asks the writer whether to close a window whose page holds text the library refused; true:
 * close anyway (the page kept the text and offers it at the next open), false: stay.
 */
export type AskCloseUnsaved = (win: ClosableWindowLike) => Promise<boolean>;

/**
 * Holds a window's close until its page has saved its drafts (or `FLUSH_TIMEOUT_MS` passed, or
 * the page crashed), then closes it for real. When the page says text was refused, the writer
 * is asked first, as the browser host's page asks (`beforeunload`); staying keeps the window
 * (and a quit that closed it is cancelled with it). Quitting closes every window, so a quit
 * waits the same way.
 */
export function flushBeforeClose(
  win: ClosableWindowLike,
  flush: FlushRequests,
  log: (message: string) => void = (message) => console.warn(message),
  ask: AskCloseUnsaved = () => Promise.resolve(true),
): void {
  let phase: 'open' | 'flushing' | 'closing' = 'open';
  win.on('close', (event) => {
    if (phase === 'closing') return;
    event.preventDefault();
    if (phase === 'flushing') return;
    phase = 'flushing';
    void flush.request(win.webContents).then(async (outcome) => {
      if (outcome === 'timeout') log('Beatline closed a window whose page did not save in time');
      if (outcome === 'gone') log('Beatline closed a window whose page had gone');
      const close = outcome !== 'unsaved' || (await ask(win).catch(() => true));
      phase = close ? 'closing' : 'open';
      if (close && !win.isDestroyed()) win.close();
    });
  });
}
