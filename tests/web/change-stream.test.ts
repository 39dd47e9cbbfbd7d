// The browser host's change stream (issue 12): GET /api/changes pushes a notice to every page
// for every change another writer made (the CLI, a second page), never to the page that made
// it, behind the same token, Origin and Host rules as the API.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLibrary } from '../../electron/core/library';
import {
  openChangeStream,
  rawRequest,
  startFixture,
  until,
  type ChangeStream,
  type Fixture,
} from './helpers';

let fx: Fixture;
const cleanups: Array<() => unknown> = [];
beforeEach(async () => {
  fx = await startFixture();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await fx.cleanup();
});

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Opens the change stream as a page would; closed after the test. */
async function openStream(port: number, headers: Record<string, string>): Promise<ChangeStream> {
  const stream = await openChangeStream(port, headers);
  cleanups.push(() => stream.close());
  return stream;
}

const pageHeaders = (clientId: string) => ({
  'X-Beatline-Token': fx.host.token,
  'X-Beatline-Client': clientId,
  Origin: fx.base,
});

const notices = (stream: ChangeStream) => stream.notices;

function post(channel: string, body: unknown, clientId?: string) {
  return fetch(`${fx.base}/api/${channel}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Beatline-Token': fx.host.token,
      ...(clientId ? { 'X-Beatline-Client': clientId } : {}),
    },
    body: JSON.stringify(body),
  });
}

describe('browser host change stream', () => {
  it('opens with a hello event for a page with the token', async () => {
    const stream = await openStream(fx.host.port, pageHeaders('page-a'));
    expect(stream.status).toBe(200);
    expect(stream.response.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(stream.response.headers['cache-control']).toBe('no-store');
    expect(stream.response.headers['access-control-allow-origin']).toBeUndefined();
    await until(() => stream.events.length > 0);
    expect(stream.events[0]).toEqual({ event: 'hello', data: '{}' });
  });

  const refused: Array<[string, () => Record<string, string>, number]> = [
    ['no token', () => ({ Origin: fx.base }), 401],
    ['a wrong token', () => ({ 'X-Beatline-Token': 'x'.repeat(43) }), 401],
    ['a foreign Origin', () => ({ ...pageHeaders('a'), Origin: 'http://evil.example' }), 403],
    [
      'Origin on another port',
      () => ({ ...pageHeaders('a'), Origin: `http://127.0.0.1:${fx.host.port + 1}` }),
      403,
    ],
    ['a foreign Host', () => ({ ...pageHeaders('a'), Host: 'evil.example' }), 403],
    [
      'a rebinding Host on the right port',
      () => ({ ...pageHeaders('a'), Host: `attacker.example:${fx.host.port}` }),
      403,
    ],
  ];
  for (const [name, headers, status] of refused) {
    it(`refuses ${name} and sends no notice`, async () => {
      const res = await rawRequest(fx.host.port, { path: '/api/changes', headers: headers() });
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).not.toMatch(/event-stream/);
    });
  }

  it('refuses other methods', async () => {
    const res = await rawRequest(fx.host.port, {
      method: 'POST',
      path: '/api/changes',
      headers: pageHeaders('a'),
      body: '{}',
    });
    expect(res.status).toBe(405);
  });

  it('pushes a notice after a CLI write (another connection to the file)', async () => {
    const stream = await openStream(fx.host.port, pageHeaders('page-a'));
    await until(() => stream.events.length > 0);
    const cli = await openLibrary(fx.dbPath, { logError: () => {} });
    cleanups.push(() => cli.close());
    expect(cli.dispatcher.call('stories:create', { title: 'From the CLI' }).ok).toBe(true);
    await until(() => notices(stream).length > 0);
    expect(notices(stream)).toEqual([{ seq: 1 }]);
  });

  it("pushes a second page's POST to the first page, not back to the second", async () => {
    const a = await openStream(fx.host.port, pageHeaders('page-a'));
    const b = await openStream(fx.host.port, pageHeaders('page-b'));
    await until(() => a.events.length > 0 && b.events.length > 0);
    const res = await post('stories:create', { title: 'Written in page B' }, 'page-b');
    expect(await res.json()).toMatchObject({ ok: true });
    await until(() => notices(a).length > 0);
    await sleep(500);
    expect(notices(a)).toEqual([{ seq: 1 }]);
    expect(notices(b)).toEqual([]);
  });

  it('tells every page about a write from a caller without a client id', async () => {
    const a = await openStream(fx.host.port, pageHeaders('page-a'));
    await until(() => a.events.length > 0);
    await post('stories:create', { title: 'From curl' });
    await until(() => notices(a).length > 0);
  });

  it('stops pushing to a page whose stream closed', async () => {
    const a = await openStream(fx.host.port, pageHeaders('page-a'));
    await until(() => a.events.length > 0);
    a.close();
    await sleep(100);
    await post('stories:create', { title: 'Nobody listens' });
    await sleep(400);
    expect(notices(a)).toEqual([]);
  });
});
