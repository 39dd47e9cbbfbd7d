// The window's close waits for its page to save its drafts (issue 12), in plain Node with fake
// windows; the built shell is tested the same way in main-bundle.test.ts.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { FLUSH_DONE_EVENT, FLUSH_REQUEST_EVENT } from '../../electron/core/contract/api';
import {
  createFlushRequests,
  flushBeforeClose,
  senderClientId,
} from '../../electron/main/window-events';

type OnListener = (event: { sender: unknown }, ...args: unknown[]) => void;

function fakeIpcMain() {
  const listeners = new Map<string, OnListener[]>();
  return {
    on(channel: string, listener: OnListener) {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
    },
    answer(sender: unknown, id: unknown, unsaved?: boolean) {
      for (const listener of listeners.get(FLUSH_DONE_EVENT) ?? []) {
        listener({ sender }, id, unsaved);
      }
    },
  };
}

let nextId = 1;
function fakeWindow() {
  const sent: Array<{ channel: string; args: unknown[] }> = [];
  const contents = Object.assign(new EventEmitter(), {
    id: nextId++,
    destroyed: false,
    crashed: false,
    send(channel: string, ...args: unknown[]) {
      sent.push({ channel, args });
    },
    isDestroyed() {
      return contents.destroyed;
    },
    isCrashed() {
      return contents.crashed;
    },
  });
  const win = Object.assign(new EventEmitter(), {
    webContents: contents,
    closed: false,
    sent,
    isDestroyed: () => win.closed,
    close() {
      const event = { prevented: false, preventDefault: () => (event.prevented = true) };
      win.emit('close', event);
      if (!event.prevented) {
        win.closed = true;
        contents.destroyed = true;
      }
    },
  });
  return win;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const requestIds = (win: ReturnType<typeof fakeWindow>) =>
  win.sent.filter((s) => s.channel === FLUSH_REQUEST_EVENT).map((s) => s.args[0]);

describe('flushBeforeClose', () => {
  it("holds the close until the page's own answer to its own request", async () => {
    const ipcMain = fakeIpcMain();
    const win = fakeWindow();
    const other = fakeWindow();
    flushBeforeClose(win, createFlushRequests(ipcMain, 10_000), () => {});
    win.close();
    win.close(); // a second click while saving asks nothing more
    expect(win.closed).toBe(false);
    const [id] = requestIds(win);
    expect(requestIds(win)).toEqual([id]);
    ipcMain.answer(other.webContents, id); // another page cannot answer for it
    ipcMain.answer(win.webContents, (id as number) + 1); // nor an answer to another request
    ipcMain.answer(win.webContents, String(id));
    await sleep(50);
    expect(win.closed).toBe(false);
    ipcMain.answer(win.webContents, id);
    await sleep(10);
    expect(win.closed).toBe(true);
  });

  it('closes anyway when the page does not answer in time, and says so', async () => {
    const logged: string[] = [];
    const win = fakeWindow();
    flushBeforeClose(win, createFlushRequests(fakeIpcMain(), 100), (m) => logged.push(m));
    win.close();
    await sleep(30);
    expect(win.closed).toBe(false);
    for (let i = 0; i < 100 && !win.closed; i += 1) await sleep(20);
    expect(win.closed).toBe(true);
    expect(logged).toEqual([expect.stringMatching(/did not save in time/) as string]);
  });

  it('a late answer, after the time limit closed the window, changes nothing', async () => {
    const ipcMain = fakeIpcMain();
    const logged: string[] = [];
    const win = fakeWindow();
    flushBeforeClose(win, createFlushRequests(ipcMain, 50), (m) => logged.push(m));
    win.close();
    const [id] = requestIds(win);
    for (let i = 0; i < 100 && !win.closed; i += 1) await sleep(20);
    expect(win.closed).toBe(true);
    expect(() => ipcMain.answer(win.webContents, id)).not.toThrow();
    ipcMain.answer(win.webContents, id, true);
    await sleep(20);
    expect(requestIds(win)).toEqual([id]);
    expect(logged).toEqual([expect.stringMatching(/did not save in time/) as string]);
  });

  it('closes at once when the page crashes while asked, or had crashed before', async () => {
    const logged: string[] = [];
    const win = fakeWindow();
    flushBeforeClose(win, createFlushRequests(fakeIpcMain(), 10_000), (m) => logged.push(m));
    win.close();
    expect(win.closed).toBe(false);
    win.webContents.emit('render-process-gone');
    await sleep(10);
    expect(win.closed).toBe(true);
    expect(win.webContents.listenerCount('render-process-gone')).toBe(0);

    const crashed = fakeWindow();
    crashed.webContents.crashed = true;
    flushBeforeClose(crashed, createFlushRequests(fakeIpcMain(), 10_000), (m) => logged.push(m));
    crashed.close();
    await sleep(10);
    expect(crashed.closed).toBe(true);
    expect(requestIds(crashed)).toEqual([]);
    expect(logged).toEqual([
      expect.stringMatching(/page had gone/) as string,
      expect.stringMatching(/page had gone/) as string,
    ]);
  });

  it('asks before closing when the page left refused text: staying keeps the window, and asks again next time', async () => {
    const ipcMain = fakeIpcMain();
    const answers = [false, true];
    const asked: unknown[] = [];
    const win = fakeWindow();
    flushBeforeClose(
      win,
      createFlushRequests(ipcMain, 10_000),
      () => {},
      (w) => {
        asked.push(w);
        return Promise.resolve(answers.shift()!);
      },
    );
    win.close();
    ipcMain.answer(win.webContents, requestIds(win)[0], true);
    await sleep(10);
    expect(asked).toEqual([win]);
    expect(win.closed).toBe(false);

    win.close(); // asked again: a new request, a new question
    expect(requestIds(win)).toHaveLength(2);
    ipcMain.answer(win.webContents, requestIds(win)[1], true);
    await sleep(10);
    expect(asked).toEqual([win, win]);
    expect(win.closed).toBe(true);
  });

  it('does not ask when the page saved everything', async () => {
    const ipcMain = fakeIpcMain();
    let asked = 0;
    const win = fakeWindow();
    flushBeforeClose(
      win,
      createFlushRequests(ipcMain, 10_000),
      () => {},
      () => {
        asked += 1;
        return Promise.resolve(false);
      },
    );
    win.close();
    ipcMain.answer(win.webContents, requestIds(win)[0], false);
    await sleep(10);
    expect(asked).toBe(0);
    expect(win.closed).toBe(true);
  });

  it('names the sending page by its web contents id', () => {
    expect(senderClientId({ sender: { id: 7 } })).toBe('window-7');
    expect(senderClientId({ sender: undefined })).toBeNull();
    expect(senderClientId({})).toBeNull();
  });
});
