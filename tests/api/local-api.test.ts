import { chmodSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLibraryHost, type LibraryHost } from '../../electron/core/host/library-host';
import { createChangeFeed, type ChangeFeed } from '../../electron/core/host/changes';
import { startLocalApi, type LocalApi } from '../../electron/web/local-api';
import { tempDir } from '../helpers/temp';
import { rawRequest } from '../web/helpers';
import { openChangeStream, postJson, titlesIn, until } from './helpers';

// The desktop app's opt-in local API as plain Node (issue 17).

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(options: { feed?: boolean; tokenFile?: string } = {}) {
  const dir = tempDir('beatline-local-api-');
  const dbPath = join(dir, 'library.db');
  const host: LibraryHost = await openLibraryHost(dbPath, {
    backupOnClose: false,
    backupIntervalMs: 0,
  });
  cleanups.push(() => host.close());
  let feed: ChangeFeed | undefined;
  if (options.feed) {
    feed = createChangeFeed({ database: () => host.library()?.db ?? null });
    cleanups.push(() => feed!.close());
  }
  const tokenFile = options.tokenFile ?? join(dir, 'data', 'local-api-token');
  const api = await startLocalApi({ libraryHost: host, port: 0, tokenFile, feed, log: () => {} });
  cleanups.push(() => api.stop());
  return { dir, dbPath, host, api, tokenFile, feed };
}

const auth = (api: LocalApi, client?: string) => ({
  'X-Beatline-Token': api.token(),
  ...(client ? { 'X-Beatline-Client': client } : {}),
});

/** True when something accepts TCP connections on `port`. */
function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const skipModes = process.platform === 'win32';

describe('startLocalApi', () => {
  it('listens on 127.0.0.1 only and needs the token', async () => {
    const { api, dbPath } = await setup();
    expect(api.url).toBe(`http://127.0.0.1:${api.port}`);
    const none = await postJson(api.port, '/api/v2/stories:create', { title: 'No token' }, {});
    expect(none.status).toBe(401);
    const wrong = await postJson(
      api.port,
      '/api/v2/stories:create',
      { title: 'Wrong' },
      {
        'X-Beatline-Token': 'x'.repeat(43),
      },
    );
    expect(wrong.status).toBe(401);
    const ok = await postJson(api.port, '/api/v2/stories:create', { title: 'Yes' }, auth(api));
    expect(ok).toMatchObject({ status: 200, json: { ok: true, value: { title: 'Yes' } } });
    expect(titlesIn(dbPath)).toEqual(['Yes']);
    // A foreign Host (DNS rebinding) and a foreign Origin are refused before anything runs.
    const rebound = await rawRequest(api.port, {
      method: 'POST',
      path: '/api/v2/stories:list',
      headers: { Host: 'evil.example', 'X-Beatline-Token': api.token() },
      body: '{}',
    });
    expect(rebound.status).toBe(403);
    const foreign = await postJson(
      api.port,
      '/api/v2/stories:list',
      {},
      {
        ...auth(api),
        Origin: 'http://evil.example',
      },
    );
    expect(foreign.status).toBe(403);
  });

  it('serves only the versioned public channels and the document: no pages, no app-only channels', async () => {
    const { api } = await setup();
    for (const path of [
      '/api/stories:list',
      '/api/v2/backups:restore',
      '/api/v2/files:openImport',
      '/api/v2/library:health',
    ]) {
      expect((await postJson(api.port, path, {}, auth(api))).status, path).toBe(404);
    }
    const page = await rawRequest(api.port, {
      path: '/',
      headers: { Host: `127.0.0.1:${api.port}` },
    });
    expect(page.status).toBe(404);
    const doc = await rawRequest(api.port, {
      path: '/api/openapi.json',
      headers: { Host: `127.0.0.1:${api.port}` },
    });
    expect(JSON.parse(doc.body)).toMatchObject({ openapi: '3.1.0' });
  });

  it.skipIf(skipModes)(
    'keeps the token in a file of mode 0600, the same across restarts',
    async () => {
      const { api, tokenFile, host } = await setup();
      expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
      expect(readFileSync(tokenFile, 'utf8').trim()).toBe(api.token());
      const first = api.token();
      await api.stop();
      const again = await startLocalApi({ libraryHost: host, port: 0, tokenFile, log: () => {} });
      cleanups.push(() => again.stop());
      expect(again.token()).toBe(first);
    },
  );

  it.skipIf(skipModes)(
    'replaces a token file others could read, and refuses a symlink',
    async () => {
      const dir = tempDir('beatline-token-');
      const tokenFile = join(dir, 'token');
      const leaked = 'L'.repeat(43);
      writeFileSync(tokenFile, leaked, { mode: 0o644 });
      chmodSync(tokenFile, 0o644);
      const logged: string[] = [];
      const { host } = await setup();
      const api = await startLocalApi({
        libraryHost: host,
        port: 0,
        tokenFile,
        log: (m) => logged.push(m),
      });
      cleanups.push(() => api.stop());
      expect(api.token()).not.toBe(leaked);
      expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
      expect(logged.join('\n')).toMatch(/readable by other users/);
      const old = await postJson(
        api.port,
        '/api/v2/stories:list',
        {},
        { 'X-Beatline-Token': leaked },
      );
      expect(old.status).toBe(401);

      const link = join(dir, 'link');
      mkdirSync(join(dir, 'real'));
      writeFileSync(join(dir, 'real', 't'), 'T'.repeat(43), { mode: 0o600 });
      symlinkSync(join(dir, 'real', 't'), link);
      await expect(startLocalApi({ libraryHost: host, port: 0, tokenFile: link })).rejects.toThrow(
        /not a regular file/,
      );
    },
  );

  it('closes a connection that sends nothing, and one that stops half-way through its headers', async () => {
    // The browser host's idle rule (tests/web/connection-limits.test.ts), here with 300 ms.
    const dir = tempDir('beatline-local-api-');
    const host = await openLibraryHost(join(dir, 'library.db'), {
      backupOnClose: false,
      backupIntervalMs: 0,
    });
    cleanups.push(() => host.close());
    const api = await startLocalApi({
      libraryHost: host,
      port: 0,
      tokenFile: join(dir, 'local-api-token'),
      log: () => {},
      limits: { idleTimeoutMs: 300 },
    });
    cleanups.push(() => api.stop());
    const closedWithin = (first: string | null, ms: number) =>
      new Promise<boolean>((done) => {
        const socket = connect(api.port, '127.0.0.1');
        socket.on('error', () => {});
        if (first !== null) socket.on('connect', () => socket.write(first));
        const timer = setTimeout(() => {
          socket.destroy();
          done(false);
        }, ms);
        socket.on('close', () => {
          clearTimeout(timer);
          done(true);
        });
      });
    const [silent, partial] = await Promise.all([
      closedWithin(null, 10_000),
      closedWithin(`GET /api/openapi.json HTTP/1.1\r\nHost: 127.0.0.1:${api.port}\r\n`, 10_000),
    ]);
    expect({ silent, partial }).toEqual({ silent: true, partial: true });
  });

  it('refuses a 2 MiB body with 413 and writes nothing', async () => {
    const { api, dbPath } = await setup();
    const res = await rawRequest(api.port, {
      method: 'POST',
      path: '/api/v2/stories:create',
      headers: {
        Host: `127.0.0.1:${api.port}`,
        'Content-Type': 'application/json',
        ...auth(api),
      },
      body: JSON.stringify({ title: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(titlesIn(dbPath)).toEqual([]);
  });

  it('reads bodies as strictly as the browser host: 415 unless JSON, 400 for a field named twice (h68)', async () => {
    const { api, dbPath } = await setup();
    const send = (type: string | null, body: string) =>
      rawRequest(api.port, {
        method: 'POST',
        path: '/api/v2/stories:create',
        headers: {
          Host: `127.0.0.1:${api.port}`,
          ...(type === null ? {} : { 'Content-Type': type }),
          ...auth(api),
        },
        body,
      });
    expect((await send('text/plain', '{"title":"A"}')).status).toBe(415);
    expect((await send(null, '{"title":"A"}')).status).toBe(415);
    const twice = await send('application/json', '{"title":"A","title":"B"}');
    expect(twice.status).toBe(400);
    expect(twice.body).toMatch(/duplicate key/);
    expect(titlesIn(dbPath)).toEqual([]);
  });

  it('rotateToken(): the old token stops working at once, the file holds the new one', async () => {
    const { api, tokenFile } = await setup();
    const old = api.token();
    const stream = await openChangeStream(api.port, {
      Host: `127.0.0.1:${api.port}`,
      ...auth(api),
    });
    expect(stream.status).toBe(200);
    const fresh = api.rotateToken();
    expect(fresh).not.toBe(old);
    expect(readFileSync(tokenFile, 'utf8').trim()).toBe(fresh);
    if (!skipModes) expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    expect(
      (await postJson(api.port, '/api/v2/stories:list', {}, { 'X-Beatline-Token': old })).status,
    ).toBe(401);
    expect((await postJson(api.port, '/api/v2/stories:list', {}, auth(api))).status).toBe(200);
    await until(() => stream.ended); // the stream opened with the old token is closed
  });

  it('stop() closes the port at once, dropping open connections', async () => {
    const { api, host } = await setup();
    const stream = await openChangeStream(api.port, {
      Host: `127.0.0.1:${api.port}`,
      ...auth(api),
    });
    expect(await portOpen(api.port)).toBe(true);
    await api.stop();
    expect(await portOpen(api.port)).toBe(false);
    await until(() => stream.ended);
    // The library stays open for the app.
    expect(host.state()).toBe('open');
  });

  it('a write through it reaches other subscribers as a change notice and is undoable', async () => {
    const { api, dbPath, feed } = await setup({ feed: true });
    const window: unknown[] = [];
    feed!.subscribe('app-window', (notice) => window.push(notice));
    const other = await openChangeStream(api.port, {
      Host: `127.0.0.1:${api.port}`,
      ...auth(api, 'tool-b'),
    });
    const created = await postJson(
      api.port,
      '/api/v2/stories:create',
      { title: 'From a tool' },
      auth(api, 'tool-a'),
    );
    expect(created.json.ok).toBe(true);
    await until(() => window.length > 0 && other.notices.length > 0);
    expect(titlesIn(dbPath)).toEqual(['From a tool']);

    const state = await postJson(api.port, '/api/v2/history:state', { storyId: null }, auth(api));
    expect(state.json).toMatchObject({
      value: { undo: { label: expect.stringMatching(/From a tool/) as unknown } },
    });
    const undone = await postJson(api.port, '/api/v2/history:undo', { storyId: null }, auth(api));
    expect(undone.json).toMatchObject({ ok: true });
    expect(titlesIn(dbPath)).toEqual([]);
  });
});
