import { existsSync, realpathSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { openLibraryHost } from '../core/backup/library-host';
import type { LibraryHost } from '../core/backup/library-host';
import { handleApi } from './api';
import { sendText } from './respond';
import { createToken, hostAllowed } from './security';
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
}

export interface WebHost {
  /** `http://127.0.0.1:PORT/#token=TOKEN`: open this in a browser. */
  url: string;
  port: number;
  token: string;
  /** Stops listening, drops open connections, takes the quit backup and closes the database. */
  close(): Promise<void>;
}

const API_PREFIX = '/api/';

function route(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: { library: LibraryHost; token: string; port: number; root: string },
): Promise<void> | void {
  if (!hostAllowed(req.headers.host, ctx.port)) {
    sendText(res, 403, 'Forbidden\n');
    return;
  }
  const rawUrl = req.url ?? '/';
  const rawPath = rawUrl.split(/[?#]/, 1)[0] ?? '/';
  if (rawPath === '/api' || rawPath.startsWith(API_PREFIX)) {
    const channelPart = rawPath.slice(API_PREFIX.length);
    return handleApi(req, res, channelPart, {
      dispatcher: ctx.library,
      token: ctx.token,
      port: ctx.port,
    });
  }
  return serveStatic(req, res, ctx.root, rawPath);
}

/**
 * Serves the built renderer and the channel table (`POST /api/<channel>`) on 127.0.0.1,
 * behind a per-launch token, with Origin and Host checked. Resolves once listening.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? createToken();
  if (token.length === 0) throw new Error('the web host token must not be empty');
  const rendererDir = resolve(options.rendererDir ?? join(repoRoot, 'out', 'renderer'));
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(
      `The renderer is not built (no ${join(rendererDir, 'index.html')}): run npx electron-vite build.`,
    );
  }
  const root = realpathSync(rendererDir);
  // As in the desktop app: a startup check (recovery mode for a damaged file) and a backup every
  // 10 minutes while the library changes. No backup on close: this host is started and stopped
  // all the time by tests and development; the desktop app takes the quit backup.
  const library = await openLibraryHost(options.dbPath, { backupOnClose: false });

  const ctx = { library, token, port: 0, root };
  const server = createServer((req, res) => {
    Promise.resolve(route(req, res, ctx)).catch(() => {
      if (!res.headersSent) sendText(res, 500, 'Internal error\n');
      else res.destroy();
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  try {
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen({ host: '127.0.0.1', port: options.port ?? 0 }, () => {
        server.off('error', reject);
        resolveListen();
      });
    });
  } catch (error) {
    await library.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  ctx.port = port;

  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    close() {
      closing ??= new Promise<void>((done) => {
        server.close(() => {
          void library.close().finally(done);
        });
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
