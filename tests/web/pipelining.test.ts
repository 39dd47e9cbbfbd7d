// Pipelined HTTP requests on one connection (issue 17, after h69): a client that writes many
// requests and reads no answer must not make the host hold their answers, or read them all.
// Real sockets to a real browser host on a temp library.
import { createServer } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { inTurn, MAX_WAITING } from '../../electron/web/in-turn';
import { startFixture, storyTitles, type Fixture } from './helpers';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function until(test: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400 && !test(); i++) await sleep(25);
  if (!test()) throw new Error(`timed out waiting for ${what}`);
}

async function fixture(): Promise<Fixture> {
  const fx = await startFixture();
  cleanups.push(() => fx.cleanup());
  return fx;
}

/** A connection that collects what it receives. */
function open(port: number): { socket: Socket; received: () => string } {
  const socket = connect(port, '127.0.0.1');
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (received += chunk));
  socket.on('error', () => {});
  cleanups.push(() => socket.destroy());
  return { socket, received: () => received };
}

const post = (fx: Fixture, channel: string, body: unknown) => {
  const text = JSON.stringify(body);
  return (
    `POST /api/${channel} HTTP/1.1\r\nHost: 127.0.0.1:${fx.host.port}\r\n` +
    `X-Beatline-Token: ${fx.host.token}\r\nContent-Type: application/json\r\n` +
    `Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`
  );
};

/** The change stream, which stays open: every request after it on its connection waits. */
const changes = (fx: Fixture) =>
  `GET /api/changes HTTP/1.1\r\nHost: 127.0.0.1:${fx.host.port}\r\n` +
  `X-Beatline-Token: ${fx.host.token}\r\nX-Beatline-Client: pipeliner\r\n` +
  `Origin: ${fx.base}\r\n\r\n`;

describe('pipelined requests on one connection', () => {
  it('are answered in order, every one', async () => {
    const fx = await fixture();
    const { socket, received } = open(fx.host.port);
    const titles = Array.from({ length: 30 }, (_, i) => `Piped ${String(i + 1).padStart(2, '0')}`);
    socket.write(titles.map((title) => post(fx, 'stories:create', { title })).join(''));
    await until(() => received().split('HTTP/1.1 200').length - 1 === 30, '30 answers');
    const answered = [...received().matchAll(/"title":"(Piped \d+)"/g)].map((m) => m[1]);
    expect(answered).toEqual(titles);
    expect(storyTitles(fx.dbPath)).toEqual(titles);
  });

  it('wait for the answer before them: nothing behind an open change stream runs', async () => {
    const fx = await fixture();
    const { socket, received } = open(fx.host.port);
    socket.write(changes(fx) + post(fx, 'stories:create', { title: 'Behind the stream' }));
    await until(() => received().includes('text/event-stream'), 'the change stream');
    await sleep(300); // the create's chance to run, had it not waited
    expect(storyTitles(fx.dbPath)).toEqual([]);
    // The client goes: the waiting request is dropped, not run for nobody.
    socket.destroy();
    await sleep(300);
    expect(storyTitles(fx.dbPath)).toEqual([]);
  });

  it(`past ${MAX_WAITING} waiting, the rest are refused at once and the connection is not read`, async () => {
    // The gate alone, on a real server whose first answer never comes.
    let calls = 0;
    const server = createServer(
      inTurn(() => {
        calls += 1;
      }),
    );
    const sockets: Socket[] = [];
    server.on('connection', (s) => sockets.push(s));
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    cleanups.push(() => new Promise((closed) => server.close(closed)));
    cleanups.push(() => server.closeAllConnections());
    const { port } = server.address() as AddressInfo;
    const { socket } = open(port);
    const one = `POST /x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n{}`;
    const flood = one.repeat(Math.ceil((24 * 1024 * 1024) / one.length));
    for (let at = 0; at < flood.length; at += 65_536) socket.write(flood.slice(at, at + 65_536));
    await until(() => sockets.length === 1 && sockets[0]!.bytesRead > 0, 'the first request');
    await sleep(2_000); // the host's chance to read on, had it not stopped
    expect(calls).toBe(1);
    // It read one chunk (64 KiB here). Read without bound, it would parse (and hold) all 24 MB:
    // 5.8 MB in those 2 s on this machine.
    expect(sockets[0]!.bytesRead).toBeLessThan(1024 * 1024);
  });
});
