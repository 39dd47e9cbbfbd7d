// The desktop app's Local API setting (issue 17) in the built main bundle under the simulated
// Electron: the scenarios (tests/electron/scenarios/local-api*.ts) play the window.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, builtMain } from './helpers/built';
import { runScenario } from './helpers/run-main';
import localApiScenario from './scenarios/local-api';
import atStartScenario from './scenarios/local-api-at-start';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'beatline-shell-api-'));
  dirs.push(dir);
  return dir;
}

/** A port that was free a moment ago (the server holding it is returned, to close or keep). */
function holdPort(): Promise<{ port: number; server: Server }> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as { port: number };
      resolve({ port: address.port, server });
    });
  });
}

const skipModes = process.platform === 'win32';

beforeAll(() => assertBuilt(builtMain, ['electron/main', 'electron/core', 'electron/web']));
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the Local API setting in the desktop app', () => {
  let userData: string;
  let run: Awaited<ReturnType<typeof runScenario<Record<string, unknown>>>>;

  beforeAll(async () => {
    userData = tempDir();
    run = await runScenario(localApiScenario, 'local-api', { userData });
  });

  it('runs to a clean quit', () => {
    expect(run.report.errors, run.stderr).toEqual([]);
    expect(run.code, run.stderr).toBe(0);
  });

  it('is off by default and its channels are refused outside the main frame', () => {
    expect(run.result.initial).toEqual({
      ok: true,
      value: {
        available: true,
        enabled: false,
        port: 27_181,
        url: null,
        token: null,
        problem: null,
      },
    });
    expect(run.result.refusedFromSubframe).toMatchObject({ ok: false });
    expect(run.result.badPort).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('turned on, serves the API on 127.0.0.1 behind the token: 401 without it, 403 for a foreign Origin', () => {
    const on = run.result.on as { ok: boolean; value: { url: string; token: string } };
    expect(on).toMatchObject({ ok: true, value: { enabled: true, problem: null } });
    expect(on.value.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(on.value.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(run.result.portOpenWhenOn).toBe(true);
    expect(run.result.withToken).toMatchObject({
      status: 200,
      json: { ok: true, value: { title: 'From a tool' } },
    });
    expect(run.result.withoutToken).toBe(401);
    expect(run.result.foreignOrigin).toBe(403);
    expect(run.result.appOnlyChannel).toBe(404);
  });

  it("sends the window's writes to the API's change stream, and the API's writes reach the window", () => {
    expect(run.result.stream).toEqual({
      status: 200,
      notice: expect.stringMatching(/^\{"seq":\d+\}$/) as unknown,
    });
    const listed = run.result.windowList as { ok: boolean; value: Array<{ title: string }> };
    expect(listed.value.map((s) => s.title).sort()).toEqual(['From a tool', 'From the window']);
    // The API's write reached the window as a change notice.
    expect(run.report.sent.some((s) => s.channel === 'beatline:change')).toBe(true);
  });

  it('New token: the old one is refused at once, the new one works', () => {
    const on = run.result.on as { value: { token: string } };
    const rotated = run.result.rotated as { ok: boolean; value: { token: string } };
    expect(rotated.ok).toBe(true);
    expect(rotated.value.token).not.toBe(on.value.token);
    expect(run.result.oldTokenAfterRotate).toBe(401);
    expect(run.result.newTokenAfterRotate).toBe(200);
  });

  it('turned off, closes the port at once (connection refused)', () => {
    expect(run.result.off).toMatchObject({
      ok: true,
      value: { enabled: false, url: null, token: null },
    });
    expect(run.result.portOpenWhenOff).toBe(false);
  });

  it.skipIf(skipModes)(
    'keeps the token in the data folder, mode 0600, and the setting in settings.json',
    () => {
      const rotated = run.result.rotated as { value: { token: string } };
      const tokenFile = join(userData, 'local-api-token');
      expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
      expect(readFileSync(tokenFile, 'utf8').trim()).toBe(rotated.value.token);
      expect(JSON.parse(readFileSync(join(userData, 'settings.json'), 'utf8'))).toEqual({
        version: 1,
        localApi: { enabled: false, port: 0 },
      });
    },
  );
});

describe('the Local API left on from the last launch', () => {
  it('answers as soon as the app has started, with the token kept in the data folder', async () => {
    const userData = tempDir();
    const held = await holdPort();
    await new Promise((done) => held.server.close(done));
    const token = 'T'.repeat(43);
    writeFileSync(join(userData, 'local-api-token'), `${token}\n`, { mode: 0o600 });
    writeFileSync(
      join(userData, 'settings.json'),
      JSON.stringify({ version: 1, localApi: { enabled: true, port: held.port } }),
    );
    const run = await runScenario(atStartScenario, 'local-api-at-start', { userData });
    expect(run.report.errors, run.stderr).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.result.state).toEqual({
      available: true,
      enabled: true,
      port: held.port,
      url: `http://127.0.0.1:${held.port}`,
      token,
      problem: null,
    });
    expect(run.result.listed).toEqual({ status: 200, json: { ok: true, value: [] } });
  });

  it('says so when its port is taken, and the app still starts', async () => {
    const userData = tempDir();
    const held = await holdPort();
    try {
      writeFileSync(
        join(userData, 'settings.json'),
        JSON.stringify({ version: 1, localApi: { enabled: true, port: held.port } }),
      );
      const run = await runScenario(atStartScenario, 'local-api-at-start', { userData });
      expect(run.report.errors, run.stderr).toEqual([]);
      expect(run.code).toBe(0);
      expect(run.result.state).toMatchObject({
        enabled: true,
        url: null,
        token: null,
        problem: `Port ${held.port} is in use by another program: choose another.`,
      });
      expect(run.report.windows).toHaveLength(1);
    } finally {
      await new Promise((done) => held.server.close(done));
    }
  });
});
