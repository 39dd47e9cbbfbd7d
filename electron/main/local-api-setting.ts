import type { LibraryHost } from '../core/host/library-host';
import type { LocalApiState } from '../core/contract/outputs';
import { inputSchemas, type ParsedInput } from '../core/contract/schemas';
import type { Result } from '../core/contract/types';
import { describeIssue } from '../core/handlers/dispatch';
import type { AsyncImportOptions } from '../core/formats/import-async';
import type { ChangeFeed } from '../core/host/changes';
import { startLocalApi, type LocalApi } from '../web/local-api';
import { createToken } from '../web/security';
import { writeTokenFile } from '../web/token-file';
import { loadSettings, saveSettings, type AppSettings } from './app-settings';

// The desktop app's "Local API" setting (issue 17): off by default; when on, the main process
// serves the public API (electron/web/local-api.ts) on 127.0.0.1. Plain Node: no 'electron'.

export interface LocalApiSettingOptions {
  /** The settings file in the app's data folder (settings.json). */
  settingsFile: string;
  /** The per-install token's file in the app's data folder (mode 0600). */
  tokenFile: string;
  libraryHost: LibraryHost;
  /** The app's change feed: the API's writes reach the windows, the windows' reach the API. */
  feed: ChangeFeed;
  /** How the API's imports run (the worker entry of the app's bundle). */
  imports?: AsyncImportOptions;
  log: (message: string) => void;
}

/** The channels the shell answers for the Settings dialog. */
export type LocalApiChannel = 'localApi:state' | 'localApi:configure' | 'localApi:newToken';

export interface LocalApiSetting {
  state(): LocalApiState;
  /** Turns the API on or off, or moves it to another port; saved once it took effect. */
  configure(change: ParsedInput<'localApi:configure'>): Promise<Result<LocalApiState>>;
  /** A new token: the old one stops working at once (its change streams are closed). */
  newToken(): Promise<Result<LocalApiState>>;
  /** Host-only handlers for the router: one per `localApi:*` channel, input checked. */
  handlers: Record<LocalApiChannel, (input: unknown) => Promise<Result<LocalApiState>>>;
  /** Closes the port (on quit); the setting is kept. */
  stop(): Promise<void>;
}

/** Why the API could not listen on `port`, in the writer's words. */
function listenProblem(port: number, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EADDRINUSE') return `Port ${port} is in use by another program: choose another.`;
  if (code === 'EACCES') return `Port ${port} may not be used here: choose another.`;
  return `The local API could not start on port ${port}: ${(error as Error)?.message ?? String(error)}`;
}

const conflict = (message: string): Result<never> => ({
  ok: false,
  error: { code: 'conflict', message },
});

/**
 * Loads the setting from `settingsFile` and, when it is on, starts the local API (a port that
 * is taken is reported in the state, not thrown). Every change is serialised.
 */
export async function openLocalApiSetting(
  options: LocalApiSettingOptions,
): Promise<LocalApiSetting> {
  const loaded = await loadSettings(options.settingsFile);
  if (loaded.problem === 'unreadable') {
    options.log(
      `Beatline could not read its settings in ${options.settingsFile}; the local API stays off until you change a setting.`,
    );
  }
  let settings: AppSettings = loaded.settings;
  let api: LocalApi | null = null;
  let problem: string | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => {});
    return next;
  };

  const listen = async (port: number): Promise<LocalApi> =>
    startLocalApi({
      libraryHost: options.libraryHost,
      port,
      tokenFile: options.tokenFile,
      feed: options.feed,
      imports: options.imports,
      log: options.log,
    });

  const state = (): LocalApiState => ({
    available: true,
    enabled: settings.localApi.enabled,
    port: settings.localApi.port,
    url: api?.url ?? null,
    token: api?.token() ?? null,
    problem,
  });

  if (settings.localApi.enabled) {
    try {
      api = await listen(settings.localApi.port);
    } catch (error) {
      problem = listenProblem(settings.localApi.port, error);
      options.log(`Beatline: ${problem}`);
    }
  }

  const configure = (change: ParsedInput<'localApi:configure'>) =>
    serial(async (): Promise<Result<LocalApiState>> => {
      const next: AppSettings = { localApi: { ...settings.localApi, ...change } };
      const portChanged = next.localApi.port !== settings.localApi.port;
      let started: LocalApi | null = null;
      if (next.localApi.enabled && (!api || portChanged)) {
        try {
          started = await listen(next.localApi.port);
        } catch (error) {
          return conflict(`${listenProblem(next.localApi.port, error)} Nothing was changed.`);
        }
      }
      try {
        await saveSettings(options.settingsFile, next);
      } catch (error) {
        await started?.stop();
        return conflict(
          `Beatline could not save its settings: ${(error as Error).message}. Nothing was changed.`,
        );
      }
      // Saved: now the old server goes (when off, or moved to the new port).
      const old = api;
      if (started || !next.localApi.enabled) {
        api = started;
        await old?.stop();
      }
      settings = next;
      problem = null;
      return { ok: true, value: state() };
    });

  const newToken = () =>
    serial(async (): Promise<Result<LocalApiState>> => {
      try {
        if (api) api.rotateToken();
        else writeTokenFile(options.tokenFile, createToken());
      } catch (error) {
        return conflict(`Beatline could not write a new token: ${(error as Error).message}`);
      }
      return { ok: true, value: state() };
    });

  const parsed =
    <C extends LocalApiChannel>(
      channel: C,
      run: (input: ParsedInput<C>) => Promise<Result<LocalApiState>>,
    ) =>
    (input: unknown): Promise<Result<LocalApiState>> => {
      const result = inputSchemas[channel].safeParse(input ?? {});
      if (!result.success) {
        return Promise.resolve({
          ok: false,
          error: { code: 'invalid_input', message: describeIssue(result.error) },
        });
      }
      return run(result.data as ParsedInput<C>);
    };

  return {
    state,
    configure,
    newToken,
    handlers: {
      'localApi:state': parsed('localApi:state', () =>
        Promise.resolve({ ok: true, value: state() }),
      ),
      'localApi:configure': parsed('localApi:configure', configure),
      'localApi:newToken': parsed('localApi:newToken', newToken),
    },
    stop: () =>
      serial(async () => {
        const old = api;
        api = null;
        await old?.stop();
      }),
  };
}
