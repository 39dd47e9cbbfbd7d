// HTTP requests an attacker writes by hand, on real sockets to the browser host and the local
// API (issue 17): two Host headers, and headers or a body dripped a byte at a time so that the
// idle timeout never fires. Each is refused, and nothing reaches the library file.
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLibraryHost } from '../../electron/core/host/library-host';
import { startLocalApi } from '../../electron/web/local-api';
import { tempDir } from '../helpers/temp';
import { startFixture, storyTitles } from './helpers';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Writes `request` on a fresh connection; resolves with all it got once the server closed. */
function exchange(port: number, request: string, drip?: { every: number; text: string }) {
  return new Promise<{ received: string; closed: boolean }>((done) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let received = '';
    let timer: NodeJS.Timeout | undefined;
    // Generous: the limits below are 1 to 2 s; before the fix they were only checked every 30 s.
    const giveUp = setTimeout(() => {
      socket.destroy();
      done({ received, closed: false });
    }, 15_000);
    socket.setEncoding('utf8');
    socket.on('connect', () => {
      socket.write(request);
      if (drip) timer = setInterval(() => socket.write(drip.text), drip.every);
    });
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      done({ received, closed: true });
    });
  });
}

const createStory = (hosts: string[], token: string) => {
  const body = JSON.stringify({ title: 'Rebound' });
  return (
    `POST /api/v2/stories:create HTTP/1.1\r\n` +
    hosts.map((host) => `Host: ${host}\r\n`).join('') +
    `X-Beatline-Token: ${token}\r\nContent-Type: application/json\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  );
};

describe('two Host headers', () => {
  it('the browser host refuses them with 403 (RFC 9112: a request has one), writing nothing', async () => {
    const fx = await startFixture();
    cleanups.push(() => fx.cleanup());
    const own = `127.0.0.1:${fx.host.port}`;
    for (const hosts of [
      [own, 'evil.example'],
      [own, own],
    ]) {
      const { received } = await exchange(fx.host.port, createStory(hosts, fx.host.token));
      expect(received).toMatch(/^HTTP\/1\.1 403 /);
    }
    expect(storyTitles(fx.dbPath)).toEqual([]);
  });

  it('the local API refuses them with 403, writing nothing', async () => {
    const dir = tempDir('beatline-http-framing-');
    const dbPath = join(dir, 'library.db');
    const host = await openLibraryHost(dbPath, { backupOnClose: false, backupIntervalMs: 0 });
    cleanups.push(() => host.close());
    const api = await startLocalApi({
      libraryHost: host,
      port: 0,
      tokenFile: join(dir, 'local-api-token'),
      log: () => {},
    });
    cleanups.push(() => api.stop());
    const hosts = [`127.0.0.1:${api.port}`, 'evil.example'];
    const { received } = await exchange(api.port, createStory(hosts, api.token()));
    expect(received).toMatch(/^HTTP\/1\.1 403 /);
    expect(received).toContain('"ok":false');
    expect(storyTitles(dbPath)).toEqual([]);
  });
});

describe('a request dripped a byte at a time', () => {
  it('is answered 408 and closed at the headers and request timeouts, not held open', async () => {
    const fx = await startFixture({ headersTimeoutMs: 1_000, requestTimeoutMs: 2_000 });
    cleanups.push(() => fx.cleanup());
    const port = fx.host.port;
    const token = fx.host.token;
    const [headers, body] = await Promise.all([
      // Every 100 ms one more header byte: never idle, never done.
      exchange(port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Slow: `, {
        every: 100,
        text: 'a',
      }),
      exchange(
        port,
        `POST /api/v2/stories:create HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
          `X-Beatline-Token: ${token}\r\nContent-Type: application/json\r\n` +
          `Content-Length: 100000\r\n\r\n{"title":"Slow"`,
        { every: 100, text: ' ' },
      ),
    ]);
    expect(headers).toEqual({ received: expect.stringMatching(/^HTTP\/1\.1 408 /), closed: true });
    expect(body).toEqual({ received: expect.stringMatching(/^HTTP\/1\.1 408 /), closed: true });
    expect(storyTitles(fx.dbPath)).toEqual([]);
  });
});
