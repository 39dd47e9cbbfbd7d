import { inTurn } from './in-turn';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { LibraryHost } from '../core/host/library-host';
import { createHostChangeFeed, type ChangeFeed } from '../core/host/changes';
import { withWorkerImports } from '../core/host/import-story';
import { createRouter, type LibraryAnswers } from '../core/router';
import { routeApi, type ApiRoutesContext } from './api-routes';
import { createChangeStreams } from './change-stream';
import { sendError } from './respond';
import { createToken, hostAllowed, singleHost } from './security';
import {
  HEADERS_TIMEOUT_MS,
  IDLE_TIMEOUT_MS,
  KEEP_ALIVE_TIMEOUT_MS,
  MAX_CONNECTIONS,
  REQUEST_TIMEOUT_MS,
  TIMEOUT_CHECK_INTERVAL_MS,
} from './server';
import { loadToken, writeTokenFile, type LoadedToken } from './token-file';

// The desktop app's opt-in local API (issue 17), plain Node: the shell starts and stops it.

export interface LocalApiOptions {
  /** The library the app has open; the local API neither opens nor closes it. */
  libraryHost: LibraryHost;
  /** TCP port on 127.0.0.1; 0 picks any free port. */
  port: number;
  /** The per-install token's file in the app's data folder (created with mode 0600). */
  tokenFile: string;
  /**
   * The app's change feed, so writes made here reach the app's windows and theirs reach API
   * listeners. Without one the local API watches the library on its own.
   */
  feed?: ChangeFeed;
  /** Told when the token file had to be replaced (missing, malformed, readable by others). */
  log?: (message: string) => void;
  /**
   * What answers the library's channels: the desktop app passes its own, with imports and whole
   * story checks in its workers (issues 13, 14). Without it: `libraryHost`, imports in a worker.
   */
  answers?: LibraryAnswers;
  /** Tests shorten the idle timeout (default: the browser host's IDLE_TIMEOUT_MS). */
  limits?: { idleTimeoutMs?: number };
}

export interface LocalApi {
  port: number;
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** The token requests must carry in `X-Beatline-Token`. */
  token(): string;
  /** Writes a new token to the token file; the old one stops working at once (its streams end). */
  rotateToken(): string;
  /** Closes the port now: open connections and change streams are dropped. */
  stop(): Promise<void>;
}

/** Says in the log why the token file was replaced (not when it was only missing). */
function logReplacedToken(options: LocalApiOptions, loaded: LoadedToken): void {
  if (!loaded.replaced || loaded.replaced === 'missing') return;
  (options.log ?? ((m: string) => console.warn(m)))(
    `Beatline replaced the local API token in ${options.tokenFile} (${loaded.replaced === 'too_open' ? 'the file was readable by other users' : 'the file did not hold a token'}).`,
  );
}

/** The HTTP server: Host checked, then the API routes; its open sockets kept for `stop`. */
function createApiServer(
  ctx: ApiRoutesContext,
  idleTimeoutMs: number,
): { server: Server; sockets: Set<Socket> } {
  const sockets = new Set<Socket>();
  const server: Server = createServer(
    {
      headersTimeout: HEADERS_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
      keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    },
    inTurn((req, res) => {
      req.socket.setTimeout(0);
      if (!hostAllowed(singleHost(req), ctx.port)) {
        sendError(res, 403, 'invalid_input', 'forbidden: foreign Host');
        return;
      }
      const rawPath = (req.url ?? '/').split(/[?#]/, 1)[0] ?? '/';
      routeApi(req, res, rawPath, ctx).then(
        (handled) => {
          if (!handled)
            sendError(res, 404, 'invalid_input', 'not found: the API is at /api/v2/<channel>');
        },
        () => {
          if (!res.headersSent) sendError(res, 500, 'internal', 'internal error');
          else res.destroy();
        },
      );
    }),
  );
  // As the browser host: a connection that sends nothing (or stops inside its headers) is
  // closed once idle; a request, once whole, may take its time (setTimeout(0) above).
  server.timeout = idleTimeoutMs;
  server.maxConnections = MAX_CONNECTIONS;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return { server, sockets };
}

/**
 * Serves the public API (`POST /api/v2/<channel>`, `GET /api/changes`, `GET /api/openapi.json`)
 * on 127.0.0.1 with the same handler as the browser host, behind a per-install token, with Host
 * and Origin checked. No pages, no app-only channels. Resolves once listening.
 */
export async function startLocalApi(options: LocalApiOptions): Promise<LocalApi> {
  const loaded: LoadedToken = loadToken(options.tokenFile);
  logReplacedToken(options, loaded);
  const host = options.libraryHost;
  const ownFeed = options.feed ? null : createHostChangeFeed(host);
  const feed = options.feed ?? (ownFeed as ChangeFeed);

  const ctx: ApiRoutesContext = {
    dispatcher: createRouter(options.answers ?? withWorkerImports(host, { log: options.log }), {
      observe: (c, r) => feed.observe(c, r),
    }),
    feed,
    streams: createChangeStreams(feed, loaded.token),
    token: loaded.token,
    port: 0,
    publicOnly: true,
  };
  const { server, sockets } = createApiServer(
    ctx,
    options.limits?.idleTimeoutMs ?? IDLE_TIMEOUT_MS,
  );

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', (error) => {
      ctx.streams.close();
      ownFeed?.close();
      reject(error);
    });
    server.listen({ host: '127.0.0.1', port: options.port }, () => {
      server.removeAllListeners('error');
      resolveListen();
    });
  });
  const port = (server.address() as AddressInfo).port;
  ctx.port = port;

  let stopping: Promise<void> | null = null;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    token: () => ctx.token,
    rotateToken() {
      const token = createToken();
      writeTokenFile(options.tokenFile, token);
      ctx.streams.close(); // listeners that came in with the old token
      ctx.token = token;
      ctx.streams = createChangeStreams(feed, token);
      return token;
    },
    stop() {
      stopping ??= new Promise<void>((done) => {
        ctx.streams.close();
        ownFeed?.close();
        server.close(() => done());
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
      });
      return stopping;
    },
  };
}
