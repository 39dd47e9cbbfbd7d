import { describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../electron/core/contract/channels';
import type { Result } from '../../electron/core/contract/types';
import { registerIpcHandlers } from '../../electron/main/ipc';
import type { DispatcherLike, IpcAdapterOptions } from '../../electron/main/ipc';
import type { SenderEventLike } from '../../electron/main/sender-check';

const appUrl = 'file:///opt/Beatline/out/renderer/index.html';

function setup(dispatcher: DispatcherLike | null = null) {
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
  const real: DispatcherLike = dispatcher ?? {
    invoke(channel, input): Result<unknown> {
      calls.push({ channel, input });
      return { ok: true, value: { channel } };
    },
  };
  const log = vi.fn<(message: string) => void>();
  const options: IpcAdapterOptions = {
    dispatcher: () => real,
    window: () => win,
    appUrl: () => appUrl,
    log,
  };
  const returned = registerIpcHandlers(ipcMain, options);
  const trusted: SenderEventLike = { senderFrame: mainFrame, sender: win.webContents };
  const call = (channel: string, event: SenderEventLike, input: unknown) => {
    const listener = listeners.get(channel);
    if (!listener) throw new Error(`no handler for ${channel}`);
    return listener(event, input) as Result<unknown>;
  };
  return { registered, returned, calls, log, call, trusted, mainFrame, options };
}

describe('registerIpcHandlers', () => {
  it('registers each contract channel exactly once', () => {
    const { registered, returned } = setup();
    expect(registered).toEqual([...CHANNELS]);
    expect(returned).toEqual([...CHANNELS]);
  });

  it('passes trusted calls to the dispatcher on their own channel, with the input as given', () => {
    const { call, calls, trusted, log } = setup();
    for (const channel of CHANNELS) {
      const input = { probe: channel };
      expect(call(channel, trusted, input)).toEqual({ ok: true, value: { channel } });
      expect(calls.at(-1)).toEqual({ channel, input });
    }
    expect(log).not.toHaveBeenCalled();
  });

  it('refuses untrusted senders without reaching the dispatcher, and logs them', () => {
    const { call, calls, log, mainFrame } = setup();
    const refused = call('stories:create', { senderFrame: null }, { title: 'x' });
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'forbidden: stories:create may only be called by the Beatline window',
      },
    });
    const sub = call('stories:delete', { senderFrame: { url: appUrl, parent: mainFrame } }, {});
    expect(sub.ok).toBe(false);
    expect(calls).toEqual([]);
    expect(log).toHaveBeenCalledTimes(2);
    expect(log.mock.calls[0]?.[0]).toMatch(/refused an IPC call to stories:create/);
  });

  it('answers "not open" once the library is closed', () => {
    const { call, trusted, options } = setup();
    options.dispatcher = () => null;
    expect(call('stories:list', trusted, {})).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });

  it('turns a throwing dispatcher into an internal error result', () => {
    const { call, trusted, log } = setup({
      invoke() {
        throw new Error('boom');
      },
    });
    expect(call('stories:list', trusted, {})).toEqual({
      ok: false,
      error: { code: 'internal', message: 'unexpected error in the app' },
    });
    expect(log.mock.calls[0]?.[0]).toMatch(/boom/);
  });
});
