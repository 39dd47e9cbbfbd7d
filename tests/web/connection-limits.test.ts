// Browser host hardening (issue 13, item 8): idle connections are closed, the number of
// connections and of change streams is bounded (streams are exempt from the idle timeout), and
// the page works whether it was opened as 127.0.0.1 or as localhost. Real sockets on loopback.
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { KEEP_ALIVE_TIMEOUT_MS } from '../../electron/web/server';
import { rawRequest, startFixture, storyTitles, type Fixture } from './helpers';

let fx: Fixture | null = null;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await fx?.cleanup();
  fx = null;
});

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** A raw TCP connection to the host; `closed` settles when the server closes it. */
function open(port: number): { socket: Socket; closed: Promise<number>; data: () => string } {
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  const startedAt = Date.now();
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (received += chunk));
  socket.on('error', () => {});
  const closed = new Promise<number>((done) =>
    socket.on('close', () => done(Date.now() - startedAt)),
  );
  return { socket, closed, data: () => received };
}

/** Resolves with `promise`'s value, or 'open' when it has not settled within `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | 'open'> {
  return Promise.race([promise, sleep(ms).then(() => 'open' as const)]);
}

function streamRequest(port: number, token: string): string {
  return (
    `GET /api/changes HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
    `X-Beatline-Token: ${token}\r\nX-Beatline-Client: probe\r\n\r\n`
  );
}

describe('browser host connections', () => {
  it('closes a connection that sends nothing, and one that stops half-way through its headers', async () => {
    fx = await startFixture({ idleTimeoutMs: 300 });
    const silent = open(fx.host.port);
    const partial = open(fx.host.port);
    partial.socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${fx.host.port}\r\n`);
    expect(await within(silent.closed, 10_000)).not.toBe('open');
    expect(await within(partial.closed, 10_000)).not.toBe('open');
  });

  it('keeps a change stream open past the idle timeout, and it still delivers', async () => {
    fx = await startFixture({ idleTimeoutMs: 300 });
    const stream = open(fx.host.port);
    stream.socket.write(streamRequest(fx.host.port, fx.host.token));
    expect(await within(stream.closed, 1_500)).toBe('open');
    expect(stream.data()).toMatch(/^HTTP\/1\.1 200/);
    const res = await fetch(`${fx.base}/api/stories:create`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Beatline-Token': fx.host.token },
      body: JSON.stringify({ title: 'Late news' }),
    });
    expect(res.status).toBe(200);
    for (let i = 0; i < 100 && !stream.data().includes('"seq":1'); i += 1) await sleep(50);
    expect(stream.data()).toContain('data: {"seq":1}');
  });

  it('closes a kept-alive connection that asks nothing more', async () => {
    fx = await startFixture();
    const kept = open(fx.host.port);
    kept.socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${fx.host.port}\r\n\r\n`);
    const lifetime = await within(kept.closed, KEEP_ALIVE_TIMEOUT_MS + 10_000);
    expect(lifetime).not.toBe('open');
    expect(kept.data()).toMatch(/^HTTP\/1\.1 200/);
  });

  it('drops connections beyond the cap and serves again once one closes', async () => {
    fx = await startFixture({ maxConnections: 3 });
    const held = [open(fx.host.port), open(fx.host.port), open(fx.host.port)];
    await Promise.all(
      held.map(({ socket }) => new Promise((done) => socket.once('connect', done))),
    );
    await sleep(200);
    const extra = open(fx.host.port);
    expect(await within(extra.closed, 5_000)).not.toBe('open');
    expect(extra.data()).toBe('');
    held[0]!.socket.destroy();
    await held[0]!.closed;
    await sleep(200);
    const res = await rawRequest(fx.host.port, {
      path: '/',
      headers: { Host: `127.0.0.1:${fx.host.port}` },
    });
    expect(res.status).toBe(200);
  });

  it('bounds the number of change streams: one more is answered 503', async () => {
    fx = await startFixture({ maxChangeStreams: 2 });
    const streams = [open(fx.host.port), open(fx.host.port)];
    for (const stream of streams) stream.socket.write(streamRequest(fx.host.port, fx.host.token));
    for (let i = 0; i < 100 && fx.host.changeListeners() < 2; i += 1) await sleep(20);
    expect(fx.host.changeListeners()).toBe(2);
    const refused = await rawRequest(fx.host.port, {
      path: '/api/changes',
      headers: { 'X-Beatline-Token': fx.host.token },
    });
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    streams[0]!.socket.destroy();
    for (let i = 0; i < 100 && fx.host.changeListeners() > 1; i += 1) await sleep(20);
    expect(fx.host.changeListeners()).toBe(1);
  });
});

describe('browser host names: 127.0.0.1 and localhost alike', () => {
  const post = (origin: string, host: string) =>
    rawRequest(fx!.host.port, {
      method: 'POST',
      path: '/api/stories:create',
      headers: {
        'Content-Type': 'application/json',
        'X-Beatline-Token': fx!.host.token,
        Origin: origin,
        Host: host,
      },
      body: JSON.stringify({ title: `From ${origin}` }),
    });

  it('accepts the page opened as localhost (Origin and Host)', async () => {
    fx = await startFixture();
    const { port } = fx.host;
    expect((await post(`http://localhost:${port}`, `localhost:${port}`)).status).toBe(200);
    expect((await post(`http://localhost:${port}`, `127.0.0.1:${port}`)).status).toBe(200);
    expect((await post(`http://127.0.0.1:${port}`, `localhost:${port}`)).status).toBe(200);
    expect(storyTitles(fx.dbPath)).toEqual([
      `From http://127.0.0.1:${port}`,
      `From http://localhost:${port}`,
      `From http://localhost:${port}`,
    ]);
  });

  it('still refuses other origins that look like it, and writes nothing', async () => {
    fx = await startFixture();
    const { port } = fx.host;
    for (const origin of [
      `http://localhost:${port + 1}`,
      `https://localhost:${port}`,
      `http://localhost.evil.example:${port}`,
      `http://localhost`,
      `http://[::1]:${port}`,
    ]) {
      expect((await post(origin, `localhost:${port}`)).status, origin).toBe(403);
    }
    expect(storyTitles(fx.dbPath)).toEqual([]);
  });
});
