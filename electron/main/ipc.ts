import { CHANNELS } from '../core/contract/channels';
import type { Channel } from '../core/contract/channels';
import type { Result } from '../core/contract/types';
import type { Router } from '../core/router';
import { checkSender } from './sender-check';
import type { AppWindowLike, SenderEventLike } from './sender-check';
import { senderClientId } from './window-events';

/** The one method of `ipcMain` the adapter uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: SenderEventLike, input: unknown) => unknown): void;
}

export interface IpcAdapterOptions {
  /** The app's router (core/router.ts), file dialogs registered. */
  router: Pick<Router, 'invoke'>;
  /** The app's main window, or null while none is open. */
  window: () => AppWindowLike | null;
  /** The URL the window was told to load (its origin is the only one allowed). */
  appUrl: () => string;
  /** Where refused calls are reported. */
  log?: (message: string) => void;
  /** Runs a call on behalf of the sending window (the change feed's `runAs`). */
  runAs?: <T>(clientId: string | null, work: () => T) => T;
}

/**
 * Registers exactly one `ipcMain.handle` per contract channel. Each call is checked against the
 * sender (the app window's main frame, on the app's own origin) before it reaches the
 * dispatcher; refused calls answer with an error result and touch nothing.
 */
export function registerIpcHandlers(ipcMain: IpcMainLike, options: IpcAdapterOptions): Channel[] {
  const log = options.log ?? ((message: string) => console.warn(message));
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event: SenderEventLike, input: unknown) =>
      handleCall(channel, event, input, options, log),
    );
  }
  return [...CHANNELS];
}

/** One IPC call: sender check, then the router. Never rejects. */
export async function handleCall(
  channel: Channel,
  event: SenderEventLike,
  input: unknown,
  options: IpcAdapterOptions,
  log: (message: string) => void,
): Promise<Result<unknown>> {
  try {
    const verdict = checkSender(event, options.window(), options.appUrl());
    if (!verdict.ok) {
      log(`Beatline refused an IPC call to ${channel}: ${verdict.reason}`);
      return {
        ok: false,
        error: {
          code: 'invalid_input',
          message: `forbidden: ${channel} may only be called by the Beatline window`,
        },
      };
    }
    const call = () => options.router.invoke(channel, input);
    return await (options.runAs ? options.runAs(senderClientId(event), call) : call());
  } catch (error) {
    log(`Beatline IPC ${channel} failed: ${error instanceof Error ? error.stack : String(error)}`);
    return { ok: false, error: { code: 'internal', message: 'unexpected error in the app' } };
  }
}
