import { describe, expect, it, vi } from 'vitest';
import { CHANNELS, type Channel } from '../../electron/core/contract/channels';
import type { Result } from '../../electron/core/contract/types';
import { createRouter, type LibraryAnswers } from '../../electron/core/router';
import { registerIpcHandlers } from '../../electron/main/ipc';
import type { IpcAdapterOptions } from '../../electron/main/ipc';
import type { SenderEventLike } from '../../electron/main/sender-check';

const appUrl = 'file:///opt/Beatline/out/renderer/index.html';

function setup(library: LibraryAnswers | null = null) {
  const listeners = new Map<string, (event: SenderEventLike, input: unknown) => unknown>();
  const registered: string[] = [];
  const ipcMain = {
    handle(channel: string, listener: (event: SenderEventLike, input: unknown) => unknown) {
      registered.push(channel);
      listeners.set(channel, listener);
    },
  };
  const mainFrame = { url: appUrl, parent: null };
  const win = { webContents: { mainFrame } };
  const calls: { channel: string; input: unknown }[] = [];
  const real: LibraryAnswers = library ?? {
    invoke(channel: Channel, input: unknown): Promise<Result<unknown>> {
      calls.push({ channel, input });
      return Promise.resolve({ ok: true, value: { channel } });
    },
  };
  const log = vi.fn<(message: string) => void>();
  const options: IpcAdapterOptions = {
    router: createRouter(real, { log }),
    window: () => win,
    appUrl: () => appUrl,
    log,
  };
  const returned = registerIpcHandlers(ipcMain, options);
  const trusted: SenderEventLike = { senderFrame: mainFrame, sender: win.webContents };
  const call = (channel: string, event: SenderEventLike, input: unknown) => {
    const listener = listeners.get(channel);
    if (!listener) throw new Error(`no handler for ${channel}`);
    return listener(event, input) as Promise<Result<unknown>>;
  };
  return { registered, returned, calls, log, call, trusted, mainFrame, options };
}

describe('registerIpcHandlers', () => {
  it('registers each contract channel exactly once', () => {
    const { registered, returned } = setup();
    expect(registered).toEqual([...CHANNELS]);
    expect(returned).toEqual([...CHANNELS]);
  });

  it('passes trusted calls to the router on their own channel, with the input as given', async () => {
    const { call, calls, trusted, log } = setup();
    for (const channel of CHANNELS) {
      const input = { probe: channel };
      expect(await call(channel, trusted, input)).toEqual({ ok: true, value: { channel } });
      expect(calls.at(-1)).toEqual({ channel, input });
    }
    expect(log).not.toHaveBeenCalled();
  });

  it('refuses untrusted senders without reaching the router, and logs them', async () => {
    const { call, calls, log, mainFrame } = setup();
    const refused = await call('stories:create', { senderFrame: null }, { title: 'x' });
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'forbidden: stories:create may only be called by the Beatline window',
      },
    });
    const sub = await call(
      'stories:delete',
      { senderFrame: { url: appUrl, parent: mainFrame } },
      {},
    );
    expect(sub.ok).toBe(false);
    expect(calls).toEqual([]);
    expect(log).toHaveBeenCalledTimes(2);
    expect(log.mock.calls[0]?.[0]).toMatch(/refused an IPC call to stories:create/);
  });

  it('turns a throwing handler into an internal error result', async () => {
    const { call, trusted, log } = setup({
      invoke() {
        throw new Error('boom');
      },
    });
    expect(await call('stories:list', trusted, {})).toEqual({
      ok: false,
      error: { code: 'internal', message: 'unexpected error in the app' },
    });
    expect(log.mock.calls[0]?.[0]).toMatch(/boom/);
  });

  it('answers a rejected handler the same way', async () => {
    const { call, trusted, log } = setup({
      invoke: () => Promise.reject(new Error('gone')),
    });
    expect(await call('backups:create', trusted, {})).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
    expect(log.mock.calls[0]?.[0]).toMatch(/gone/);
  });
});
