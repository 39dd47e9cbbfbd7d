import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startWebHost } from '../../electron/web/server';
import type { WebHost } from '../../electron/web/server';

export interface Fixture {
  dir: string;
  dbPath: string;
  rendererDir: string;
  host: WebHost;
  base: string;
  cleanup(): Promise<void>;
}

/** A temp library and a small fake renderer build (index.html, a script, a stylesheet). */
export async function startFixture(
  limits?: Parameters<typeof startWebHost>[0]['limits'],
): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'beatline-web-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(
    join(rendererDir, 'index.html'),
    '<!doctype html><html><head><script type="module" src="./assets/app.js"></script></head></html>',
  );
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("beatline");\n');
  writeFileSync(join(rendererDir, 'assets', 'app.css'), 'body { margin: 0 }\n');
  // Named for its content, as a build names its output.
  writeFileSync(join(rendererDir, 'assets', 'index-C4zcqkmU.js'), 'console.log("hashed");\n');
  // A secret beside (outside) the renderer folder that traversal attempts must never reach.
  writeFileSync(join(dir, 'secret.txt'), 'TOP-SECRET\n');
  const dbPath = join(dir, 'library.db');
  const host = await startWebHost({ dbPath, rendererDir, limits });
  return {
    dir,
    dbPath,
    rendererDir,
    host,
    base: `http://127.0.0.1:${host.port}`,
    async cleanup() {
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Story titles in the library file, read with a separate connection. (Read-write on purpose: a
 * read-only connection to a WAL file leaves -wal/-shm files behind when it closes last.)
 */
export function storyTitles(dbPath: string): string[] {
  const db = new Database(dbPath, { fileMustExist: true });
  try {
    const rows = db.prepare('SELECT title FROM stories ORDER BY title').all() as Array<{
      title: string;
    }>;
    return rows.map((r) => r.title);
  } finally {
    db.close();
  }
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * A request with exactly the given path and headers (fetch normalizes `..` and refuses to set
 * Host or Origin, so the security tests use node:http directly).
 */
export function rawRequest(
  port: number,
  options: {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
  },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** An open `GET /api/changes` stream and what it has carried so far. */
export interface ChangeStream {
  status: number;
  /** Every server-sent event in order, `hello` included. */
  events: Array<{ event: string; data: string }>;
  /** The change notices: the `message` events' data, parsed. */
  readonly notices: unknown[];
  ended: boolean;
  response: IncomingMessage;
  close(): void;
}

/** Opens `GET /api/changes` on 127.0.0.1:`port` as a page would and collects its events. */
export function openChangeStream(
  port: number,
  headers: Record<string, string>,
): Promise<ChangeStream> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/api/changes', headers, agent: false },
      (response) => {
        const stream: ChangeStream = {
          status: response.statusCode ?? 0,
          events: [],
          get notices() {
            return this.events
              .filter((e) => e.event === 'message')
              .map((e) => JSON.parse(e.data) as unknown);
          },
          ended: false,
          response,
          close: () => req.destroy(),
        };
        let buffer = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const lines = buffer.slice(0, end).split('\n');
            buffer = buffer.slice(end + 2);
            const field = (name: string) =>
              lines
                .filter((l) => l.startsWith(`${name}:`))
                .map((l) => l.slice(name.length + 1).trim());
            const data = field('data').join('\n');
            if (data) stream.events.push({ event: field('event')[0] ?? 'message', data });
          }
        });
        response.on('close', () => (stream.ended = true));
        response.on('error', () => {});
        resolve(stream);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Waits until `check()` holds (polling), or fails after `timeoutMs`. */
export async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((done) => setTimeout(done, 25));
  }
}
