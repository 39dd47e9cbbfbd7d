import type { LibraryHost } from '../core/host/library-host';
import type { LocalApiState } from '../core/contract/outputs';
import { inputSchemas, type ParsedInput } from '../core/contract/schemas';
import type { Result } from '../core/contract/types';
import { describeIssue } from '../core/handlers/dispatch';
import type { ChangeFeed } from '../core/host/changes';
import type { LibraryAnswers } from '../core/router';
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
  /** The app's answers (imports and whole story checks in the workers of its bundle). */
  answers?: LibraryAnswers;
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

/** What the setting holds: the saved settings, the running server, the last start's problem. */
interface Held {
  settings: AppSettings;
  api: LocalApi | null;
  problem: string | null;
}

/** Runs work one change at a time, each after the one before settled. */
function serialQueue(): <T>(work: () => Promise<T>) => Promise<T> {
  let queue: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => {});
    return next;
  };
}

/** Starts the local API on `port` for the app's library. */
function listen(options: LocalApiSettingOptions, port: number): Promise<LocalApi> {
  return startLocalApi({
    libraryHost: options.libraryHost,
    port,
    tokenFile: options.tokenFile,
    feed: options.feed,
    answers: options.answers,
    log: options.log,
  });
}

/** The state the Settings dialog shows. */
function stateOf(held: Held): LocalApiState {
  return {
    available: true,
    enabled: held.settings.localApi.enabled,
    port: held.settings.localApi.port,
    url: held.api?.url ?? null,
    token: held.api?.token() ?? null,
    problem: held.problem,
  };
}

/**
 * Turns the API on or off or moves it: the new server starts first, the setting is saved, and
 * only then the old server stops; a start or save that fails changes nothing.
 */
async function applyChange(
  held: Held,
  options: LocalApiSettingOptions,
  change: ParsedInput<'localApi:configure'>,
): Promise<Result<LocalApiState>> {
  const next: AppSettings = { localApi: { ...held.settings.localApi, ...change } };
  const portChanged = next.localApi.port !== held.settings.localApi.port;
  let started: LocalApi | null = null;
  if (next.localApi.enabled && (!held.api || portChanged)) {
    try {
      started = await listen(options, next.localApi.port);
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
  const old = held.api;
  if (started || !next.localApi.enabled) {
    held.api = started;
    await old?.stop();
  }
  held.settings = next;
  held.problem = null;
  return { ok: true, value: stateOf(held) };
}

/** A new token: the running server's (its streams close), or the file's when it is off. */
function replaceToken(held: Held, options: LocalApiSettingOptions): Result<LocalApiState> {
  try {
    if (held.api) held.api.rotateToken();
    else writeTokenFile(options.tokenFile, createToken());
  } catch (error) {
    return conflict(`Beatline could not write a new token: ${(error as Error).message}`);
  }
  return { ok: true, value: stateOf(held) };
}

/** A router handler for `channel`: the input checked by its schema, then `run`. */
function parsedHandler<C extends LocalApiChannel>(
  channel: C,
  run: (input: ParsedInput<C>) => Promise<Result<LocalApiState>>,
): (input: unknown) => Promise<Result<LocalApiState>> {
  return (input) => {
    const result = inputSchemas[channel].safeParse(input ?? {});
    if (!result.success) {
      return Promise.resolve({
        ok: false,
        error: { code: 'invalid_input', message: describeIssue(result.error) },
      });
    }
    return run(result.data as ParsedInput<C>);
  };
}

/** The saved setting (off when the file cannot be read), with its server started when on. */
async function loadAndStart(options: LocalApiSettingOptions): Promise<Held> {
  const loaded = await loadSettings(options.settingsFile);
  if (loaded.problem === 'unreadable') {
    options.log(
      `Beatline could not read its settings in ${options.settingsFile}; the local API stays off until you change a setting.`,
    );
  }
  const held: Held = { settings: loaded.settings, api: null, problem: null };
  const { enabled, port } = held.settings.localApi;
  if (enabled) {
    try {
      held.api = await listen(options, port);
    } catch (error) {
      held.problem = listenProblem(port, error);
      options.log(`Beatline: ${held.problem}`);
    }
  }
  return held;
}

/**
 * Loads the setting from `settingsFile` and, when it is on, starts the local API (a port that
 * is taken is reported in the state, not thrown). Every change is serialised.
 */
export async function openLocalApiSetting(
  options: LocalApiSettingOptions,
): Promise<LocalApiSetting> {
  const held = await loadAndStart(options);
  const serial = serialQueue();
  const state = () => stateOf(held);
  const configure = (change: ParsedInput<'localApi:configure'>) =>
    serial(() => applyChange(held, options, change));
  const newToken = () => serial(async () => replaceToken(held, options));
  return {
    state,
    configure,
    newToken,
    handlers: {
      'localApi:state': parsedHandler('localApi:state', () =>
        Promise.resolve({ ok: true, value: state() }),
      ),
      'localApi:configure': parsedHandler('localApi:configure', configure),
      'localApi:newToken': parsedHandler('localApi:newToken', newToken),
    },
    stop: () =>
      serial(async () => {
        const old = held.api;
        held.api = null;
        await old?.stop();
      }),
  };
}
