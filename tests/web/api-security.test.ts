import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rawRequest, startFixture, storyTitles } from './helpers';
import type { Fixture } from './helpers';

let fx: Fixture;
beforeEach(async () => {
  fx = await startFixture();
});
afterEach(async () => {
  await fx.cleanup();
});

const create = (title: string) => JSON.stringify({ title });

describe('browser host API', () => {
  it('runs a channel for a request with the token and writes to the library file', async () => {
    const res = await fetch(`${fx.base}/api/stories:create`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Beatline-Token': fx.host.token },
      body: create('The Long Night'),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const result = (await res.json()) as { ok: boolean; value: { id: string; title: string } };
    expect(result.ok).toBe(true);
    expect(result.value.title).toBe('The Long Night');
    expect(storyTitles(fx.dbPath)).toEqual(['The Long Night']);

    const list = await fetch(`${fx.base}/api/stories:list`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Beatline-Token': fx.host.token,
        Origin: fx.base,
      },
      body: '{}',
    });
    const listed = (await list.json()) as { ok: boolean; value: Array<{ id: string }> };
    expect(listed).toMatchObject({ ok: true, value: [{ id: result.value.id }] });
  });

  it('answers invalid input as a Result with status 200 and writes nothing', async () => {
    const res = await fetch(`${fx.base}/api/stories:create`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Beatline-Token': fx.host.token },
      body: create('   '),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(storyTitles(fx.dbPath)).toEqual([]);
  });

  it('the token is 32 random bytes in base64url and the URL carries it in the fragment', () => {
    expect(fx.host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fx.host.url).toBe(`http://127.0.0.1:${fx.host.port}/#token=${fx.host.token}`);
  });

  const refused: Array<[string, () => Record<string, string>, 401 | 403]> = [
    ['no token', () => ({}), 401],
    [
      'a wrong token of the same length',
      () => ({ 'X-Beatline-Token': 'x'.repeat(fx.host.token.length) }),
      401,
    ],
    ['a wrong token of another length', () => ({ 'X-Beatline-Token': 'short' }), 401],
    ['the token with a suffix', () => ({ 'X-Beatline-Token': fx.host.token + 'A' }), 401],
    [
      'a foreign Origin',
      () => ({ 'X-Beatline-Token': fx.host.token, Origin: 'http://evil.example' }),
      403,
    ],
    [
      'Origin on another port',
      () => ({ 'X-Beatline-Token': fx.host.token, Origin: `http://127.0.0.1:${fx.host.port + 1}` }),
      403,
    ],
    ['Origin null', () => ({ 'X-Beatline-Token': fx.host.token, Origin: 'null' }), 403],
    [
      'a foreign Host (DNS rebinding)',
      () => ({ 'X-Beatline-Token': fx.host.token, Host: `evil.example:${fx.host.port}` }),
      403,
    ],
    [
      'a Host on another port',
      () => ({ 'X-Beatline-Token': fx.host.token, Host: `127.0.0.1:${fx.host.port + 1}` }),
      403,
    ],
    // A forbidden Host or Origin is refused first, whatever the token (403, never 401).
    ['a foreign Origin without a token', () => ({ Origin: 'http://evil.example' }), 403],
    ['a foreign Host without a token', () => ({ Host: `evil.example:${fx.host.port}` }), 403],
  ];
  for (const [name, headers, status] of refused) {
    it(`refuses ${name} with ${status} and runs nothing`, async () => {
      const res = await rawRequest(fx.host.port, {
        method: 'POST',
        path: '/api/stories:create',
        headers: { 'Content-Type': 'application/json', ...headers() },
        body: create('Should not exist'),
      });
      expect(res.status).toBe(status);
      expect(storyTitles(fx.dbPath)).toEqual([]);
    });
  }

  it('accepts its own Origin and a localhost Host', async () => {
    const res = await rawRequest(fx.host.port, {
      method: 'POST',
      path: '/api/stories:create',
      headers: {
        'Content-Type': 'application/json',
        'X-Beatline-Token': fx.host.token,
        Origin: fx.base,
        Host: `localhost:${fx.host.port}`,
      },
      body: create('Allowed'),
    });
    expect(res.status).toBe(200);
    expect(storyTitles(fx.dbPath)).toEqual(['Allowed']);
  });

  it('refuses a 2 MiB body with 413 and writes nothing', async () => {
    const big = JSON.stringify({ title: 'x'.repeat(2 * 1024 * 1024) });
    const res = await fetch(`${fx.base}/api/stories:create`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Beatline-Token': fx.host.token },
      body: big,
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(storyTitles(fx.dbPath)).toEqual([]);
  });

  it('refuses a 2 MiB chunked body (no Content-Length) with 413', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"title":"'));
        for (let i = 0; i < 32; i++) controller.enqueue(chunk);
        controller.enqueue(new TextEncoder().encode('"}'));
        controller.close();
      },
    });
    const res = await fetch(`${fx.base}/api/stories:create`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Beatline-Token': fx.host.token },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(storyTitles(fx.dbPath)).toEqual([]);
  });

  it('answers a body that is not JSON with 400 invalid_input', async () => {
    for (const body of ['{"title": ', 'not json', '', Buffer.from([0x22, 0xff, 0x22])]) {
      const res = await rawRequest(fx.host.port, {
        method: 'POST',
        path: '/api/stories:create',
        headers: { 'Content-Type': 'application/json', 'X-Beatline-Token': fx.host.token },
        body,
      });
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(storyTitles(fx.dbPath)).toEqual([]);
  });

  it('answers an unknown channel with 404 and a Result error', async () => {
    for (const channel of ['stories:explode', 'nothing', '', 'constructor', '__proto__']) {
      const res = await fetch(`${fx.base}/api/${channel}`, {
        method: 'POST',
        headers: { 'X-Beatline-Token': fx.host.token },
        body: '{}',
      });
      expect(res.status).toBe(404);
      const result = (await res.json()) as {
        ok: boolean;
        error: { code: string; message: string };
      };
      expect(result.ok).toBe(false);
      expect(result.error.code).toBe('invalid_input');
      expect(result.error.message).toMatch(/^unknown channel/);
    }
  });

  it('accepts only POST on /api', async () => {
    for (const method of ['GET', 'PUT', 'DELETE', 'OPTIONS', 'HEAD']) {
      const res = await rawRequest(fx.host.port, { method, path: '/api/x' });
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('POST');
    }
    const get = await fetch(`${fx.base}/api/stories:list`, {
      headers: { 'X-Beatline-Token': fx.host.token },
    });
    expect(get.status).toBe(405);
  });

  it('never sends CORS headers, even to a preflight', async () => {
    const responses = await Promise.all([
      rawRequest(fx.host.port, {
        method: 'OPTIONS',
        path: '/api/stories:create',
        headers: {
          Origin: 'http://evil.example',
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'x-beatline-token',
        },
      }),
      rawRequest(fx.host.port, {
        method: 'POST',
        path: '/api/stories:list',
        headers: { 'X-Beatline-Token': fx.host.token, Origin: fx.base },
        body: '{}',
      }),
      rawRequest(fx.host.port, {
        method: 'POST',
        path: '/api/stories:list',
        headers: { Origin: 'http://evil.example' },
        body: '{}',
      }),
      rawRequest(fx.host.port, { path: '/', headers: { Origin: 'http://evil.example' } }),
    ]);
    for (const res of responses) {
      const cors = Object.keys(res.headers).filter((h) => h.startsWith('access-control-'));
      expect(cors).toEqual([]);
    }
  });
});
