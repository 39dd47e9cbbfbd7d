import { existsSync, realpathSync } from 'node:fs';
import { inTurn } from './in-turn';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { openLibraryHost } from '../core/host/library-host';
import type { LibraryHost } from '../core/host/library-host';
import { createHostChangeFeed, type ChangeFeed } from '../core/host/changes';
import { withWorkerImports } from '../core/host/import-story';
import { withWorkerChecks } from '../core/logic/check-off-thread';
import { createRouter, type Router } from '../core/router';
import {
  openLocalApiSetting,
  type LocalApiChannel,
  type LocalApiSetting,
} from '../main/local-api-setting';
import { routeApi } from './api-routes';
import { createChangeStreams, type ChangeStreams } from './change-stream';
import { sendText } from './respond';
import { createToken, hostAllowed, singleHost } from './security';
import { serveStatic } from './static-files';

/** The repository root (this file is electron/web/server.ts). */
const repoRoot = resolve(import.meta.dirname, '..', '..');

export interface WebHostOptions {
  /** The SQLite file to open (created and migrated if needed). */
  dbPath: string;
  /** TCP port on 127.0.0.1; 0 (the default) picks any free port. */
  port?: number;
  /** The built renderer; defaults to `<repo>/out/renderer`. */
  rendererDir?: string;
  /** The per-launch token; defaults to 32 random bytes, base64url. */
  token?: string;
  /** False: whole story checks run on this thread (`npm run bench:ui-check` compares). */
  checkWorker?: boolean;
  /** Smaller limits for tests (the defaults are the constants below). */
  limits?: {
    idleTimeoutMs?: number;
    maxConnections?: number;
    maxChangeStreams?: number;
    headersTimeoutMs?: number;
    requestTimeoutMs?: number;
  };
  /**
   * Tests of the Settings dialog (h44): answer `localApi:*` with the desktop app's own Local API
   * setting (electron/main/local-api-setting.ts, plain Node) on these files, as the shell does.
   */
  localApiSetting?: { settingsFile: string; tokenFile: string };
}

export interface WebHost {
  /** `http://127.0.0.1:PORT/#token=TOKEN`: open this in a browser. */
  url: string;
  port: number;
  token: string;
  /** How many pages are listening for change notices (`GET /api/changes`). */
  changeListeners(): number;
  /** Stops listening, drops open connections, takes the quit backup and closes the database. */
  close(): Promise<void>;
}

/** A connection that has sent nothing for this long is closed (change streams excepted). */
export const IDLE_TIMEOUT_MS = 60_000;
/** The request line and headers must arrive within this time. */
export const HEADERS_TIMEOUT_MS = 10_000;
/** A whole request (headers and body) must arrive within this time. */
export const REQUEST_TIMEOUT_MS = 30_000;
/** How long a kept-alive connection may wait for its next request. */
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;
/**
 * How often the two timeouts above are checked. With Node's default, 30 s, a client dripping a
 * byte at a time (never idle) held a connection for up to 40 s in its headers (not 10 s) and
 * 60 s in its body (not 30 s).
 */
export const TIMEOUT_CHECK_INTERVAL_MS = 1_000;
/** At most this many connections at once; more are dropped as they arrive. */
export const MAX_CONNECTIONS = 64;

interface RouteContext {
  library: LibraryHost;
  dispatcher: Router;
  feed: ChangeFeed;
  streams: ChangeStreams;
  token: string;
  port: number;
  root: string;
}

function route(req: IncomingMessage, res: ServerResponse, ctx: RouteContext): Promise<void> | void {
  if (!hostAllowed(singleHost(req), ctx.port)) {
    sendText(res, 403, 'Forbidden\n');
    return;
  }
  const rawUrl = req.url ?? '/';
  const rawPath = rawUrl.split(/[?#]/, 1)[0] ?? '/';
  // The API (issue 17: `/api/v2/<channel>` and the OpenAPI document beside `/api/<channel>`).
  const api = routeApi(req, res, rawPath, { ...ctx, publicOnly: false });
  return api.then((handled) => (handled ? undefined : serveStatic(req, res, ctx.root, rawPath)));
}

/** The built renderer's folder, resolved; a clear error when it has not been built. */
function rendererRoot(dir: string | undefined): string {
  const rendererDir = resolve(dir ?? join(repoRoot, 'out', 'renderer'));
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(
      `The renderer is not built (no ${join(rendererDir, 'index.html')}): run npx electron-vite build.`,
    );
  }
  return realpathSync(rendererDir);
}

/** Listens on 127.0.0.1 at `port` (0: any free one); rejects when that fails. */
function listen(server: Server, port: number): Promise<void> {
  return new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port }, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
}

/** The HTTP server: every request routed (`route`), with the browser host's limits. */
function createHostServer(
  ctx: RouteContext,
  limits: NonNullable<WebHostOptions['limits']>,
): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs ?? HEADERS_TIMEOUT_MS,
      requestTimeout: limits.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
      connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
      keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    },
    inTurn((req, res) => {
      // Once a whole request is in, the work may take its time (a backup, a restore); the idle
      // timeout is for connections that send nothing, and keepAliveTimeout takes over after.
      req.socket.setTimeout(0);
      Promise.resolve(route(req, res, ctx)).catch(() => {
        if (!res.headersSent) sendText(res, 500, 'Internal error\n');
        else res.destroy();
      });
    }),
  );
  server.timeout = limits.idleTimeoutMs ?? IDLE_TIMEOUT_MS;
  server.maxConnections = limits.maxConnections ?? MAX_CONNECTIONS;
  return server;
}

/** Tests of the Settings dialog: the desktop app's Local API setting answers `localApi:*`. */
async function answerLocalApiSetting(
  files: NonNullable<WebHostOptions['localApiSetting']>,
  ctx: RouteContext,
): Promise<LocalApiSetting> {
  const setting = await openLocalApiSetting({
    ...files,
    libraryHost: ctx.library,
    feed: ctx.feed,
    log: (m) => console.warn(m),
  });
  for (const [channel, handler] of Object.entries(setting.handlers)) {
    ctx.dispatcher.register(channel as LocalApiChannel, handler);
  }
  return setting;
}

/**
 * Serves the built renderer and the channel table (`POST /api/<channel>`) on 127.0.0.1,
 * behind a per-launch token, with Origin and Host checked. Resolves once listening.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? createToken();
  if (token.length === 0) throw new Error('the web host token must not be empty');
  const root = rendererRoot(options.rendererDir);
  // As in the desktop app: a startup check (recovery mode for a damaged file) and a backup every
  // 10 minutes while the library changes. No backup on close: this host is started and stopped
  // all the time by tests and development; the desktop app takes the quit backup.
  const library = await openLibraryHost(options.dbPath, { backupOnClose: false });
  const feed = createHostChangeFeed(library);
  const limits = options.limits ?? {};
  const streams = createChangeStreams(feed, token, limits.maxChangeStreams);

  // Imports run in a worker, undoable (issue 13); whole story checks in another (issue 14).
  const checks = withWorkerChecks(withWorkerImports(library), () =>
    options.checkWorker === false ? null : library.library(),
  );
  if (options.checkWorker !== false) void checks.started();
  const ctx: RouteContext = {
    library,
    dispatcher: createRouter(checks, {
      observe: (c, r) => feed.observe(c, r),
    }),
    feed,
    streams,
    token,
    port: 0,
    root,
  };
  const server = createHostServer(ctx, limits);

  try {
    await listen(server, options.port ?? 0);
  } catch (error) {
    streams.close();
    feed.close();
    await library.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  ctx.port = port;
  const localApi = options.localApiSetting
    ? await answerLocalApiSetting(options.localApiSetting, ctx)
    : null;

  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    changeListeners: () => streams.size(),
    close() {
      closing ??= new Promise<void>((done) => {
        streams.close();
        feed.close();
        server.close(() => {
          void Promise.all([localApi?.stop(), checks.close(), library.close()]).finally(done);
        });
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
