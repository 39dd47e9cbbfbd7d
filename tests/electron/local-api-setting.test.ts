// The Local API setting as plain Node (electron/main/local-api-setting.ts, app-settings.ts):
// persistence, token rotation, the port closing at once (issue 17).
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLibraryHost } from '../../electron/core/host/library-host';
import { createChangeFeed } from '../../electron/core/host/changes';
import type { LocalApiState } from '../../electron/core/contract/outputs';
import type { Result } from '../../electron/core/contract/types';
import { DEFAULT_SETTINGS, loadSettings, saveSettings } from '../../electron/main/app-settings';
import { openLocalApiSetting } from '../../electron/main/local-api-setting';
import { tempDir } from '../helpers/temp';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(dir = tempDir('beatline-setting-')) {
  const host = await openLibraryHost(join(dir, 'library.db'), {
    backupOnClose: false,
    backupIntervalMs: 0,
  });
  cleanups.push(() => host.close());
  const feed = createChangeFeed({ database: () => host.library()?.db ?? null });
  cleanups.push(() => feed.close());
  const open = async () => {
    const setting = await openLocalApiSetting({
      settingsFile: join(dir, 'settings.json'),
      tokenFile: join(dir, 'local-api-token'),
      libraryHost: host,
      feed,
      log: () => {},
    });
    cleanups.push(() => setting.stop());
    return setting;
  };
  return { dir, host, open };
}

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

function holdPort(): Promise<{ port: number; server: Server }> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () =>
      resolve({ port: (server.address() as { port: number }).port, server }),
    );
  });
}

const must = (result: Result<LocalApiState>): LocalApiState => {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

const list = (url: string, token: string) =>
  fetch(`${url}/api/v2/stories:list`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Beatline-Token': token },
    body: '{}',
  }).then((r) => r.status);

const skipModes = process.platform === 'win32';

describe('app settings file', () => {
  it('gives the defaults (Local API off) when there is no file, and creates none', async () => {
    const dir = tempDir('beatline-settings-');
    const loaded = await loadSettings(join(dir, 'settings.json'));
    expect(loaded).toEqual({ settings: DEFAULT_SETTINGS, problem: 'missing' });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('round-trips what it saved, through a temp file and a rename (nothing else left)', async () => {
    const dir = tempDir('beatline-settings-');
    const file = join(dir, 'settings.json');
    await saveSettings(file, { localApi: { enabled: true, port: 4321 } });
    expect(readdirSync(dir)).toEqual(['settings.json']);
    expect(await loadSettings(file)).toEqual({
      settings: { localApi: { enabled: true, port: 4321 } },
      problem: null,
    });
  });

  it('a damaged file gives the defaults and is left byte for byte as it was', async () => {
    const dir = tempDir('beatline-settings-');
    const file = join(dir, 'settings.json');
    for (const text of ['{"version":1,"localApi":{"enabled":"yes"', '{"version":2}', '[]', '']) {
      writeFileSync(file, text);
      expect(await loadSettings(file)).toEqual({
        settings: DEFAULT_SETTINGS,
        problem: 'unreadable',
      });
      expect(readFileSync(file, 'utf8')).toBe(text);
    }
  });
});

describe('the Local API setting', () => {
  it('is off by default: no port, no token file', async () => {
    const { dir, open } = await setup();
    const setting = await open();
    expect(setting.state()).toMatchObject({
      available: true,
      enabled: false,
      url: null,
      token: null,
    });
    expect(existsSync(join(dir, 'local-api-token'))).toBe(false);
    expect(existsSync(join(dir, 'settings.json'))).toBe(false);
  });

  it('turned on, persists and comes back on at the next launch with the same token', async () => {
    const { dir, open } = await setup();
    const first = await open();
    const on = must(await first.configure({ enabled: true, port: 0 }));
    expect(on.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await list(on.url!, on.token!)).toBe(200);
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toEqual({
      version: 1,
      localApi: { enabled: true, port: 0 },
    });
    if (!skipModes) expect(statSync(join(dir, 'local-api-token')).mode & 0o777).toBe(0o600);
    await first.stop();
    const second = await open();
    expect(second.state()).toMatchObject({ enabled: true, token: on.token });
    expect(await list(second.state().url!, on.token!)).toBe(200);
  });

  it('New token: the old token is refused at once (401), the new one works, the file holds it', async () => {
    const { dir, open } = await setup();
    const setting = await open();
    const on = must(await setting.configure({ enabled: true, port: 0 }));
    const rotated = must(await setting.newToken());
    expect(rotated.token).not.toBe(on.token);
    expect(await list(on.url!, on.token!)).toBe(401);
    expect(await list(on.url!, rotated.token!)).toBe(200);
    expect(readFileSync(join(dir, 'local-api-token'), 'utf8').trim()).toBe(rotated.token);
    if (!skipModes) expect(statSync(join(dir, 'local-api-token')).mode & 0o777).toBe(0o600);
  });

  it('turned off, the port is closed when the answer comes (connection refused)', async () => {
    const { open } = await setup();
    const setting = await open();
    const on = must(await setting.configure({ enabled: true, port: 0 }));
    const port = Number(new URL(on.url!).port);
    expect(await portOpen(port)).toBe(true);
    const off = must(await setting.configure({ enabled: false }));
    expect(off).toMatchObject({ enabled: false, url: null, token: null });
    expect(await portOpen(port)).toBe(false);
  });

  it('moves to a new port: the old one closes, the new one answers', async () => {
    const { open } = await setup();
    const setting = await open();
    const on = must(await setting.configure({ enabled: true, port: 0 }));
    const held = await holdPort();
    await new Promise((done) => held.server.close(done));
    const moved = must(await setting.configure({ port: held.port }));
    expect(moved.url).toBe(`http://127.0.0.1:${held.port}`);
    expect(await portOpen(Number(new URL(on.url!).port))).toBe(false);
    expect(await list(moved.url!, moved.token!)).toBe(200);
  });

  it('a port in use is refused with its reason and changes nothing, byte for byte', async () => {
    const { dir, open } = await setup();
    const setting = await open();
    must(await setting.configure({ enabled: false, port: 0 }));
    const before = readFileSync(join(dir, 'settings.json'));
    const held = await holdPort();
    cleanups.push(() => new Promise((done) => held.server.close(done)));
    const refused = await setting.configure({ enabled: true, port: held.port });
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message: `Port ${held.port} is in use by another program: choose another. Nothing was changed.`,
      },
    });
    expect(readFileSync(join(dir, 'settings.json'))).toEqual(before);
    expect(setting.state()).toMatchObject({ enabled: false, url: null });
  });

  it('a settings file that cannot be written refuses the change: the port stays closed', async () => {
    const { dir, open } = await setup();
    const setting = await open();
    mkdirSync(join(dir, 'settings.json')); // a folder where the file goes
    const refused = await setting.configure({ enabled: true, port: 0 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!refused.ok && refused.error.message).toMatch(
      /^Beatline could not save its settings: .*Nothing was changed\.$/,
    );
    expect(setting.state()).toMatchObject({ enabled: false, url: null, token: null });
  });

  it('bad input is refused by its channel handler', async () => {
    const { open } = await setup();
    const setting = await open();
    for (const input of [{}, { port: 80 }, { port: 70_000 }, { enabled: 'yes' }, { extra: 1 }]) {
      expect(await setting.handlers['localApi:configure'](input)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }
    expect(setting.state().enabled).toBe(false);
  });
});
