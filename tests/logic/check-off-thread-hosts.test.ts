// The local API and `beatline mcp` answer `stories:check` off their serving thread (issue 14, with
// issue 17): while the whole check of a 100,000-beat story with 10,000 links runs, a save sent
// through the same server after it is answered first. An order, never a speed. Real library
// files, a real HTTP server, a real `beatline mcp` process driven by the SDK's client.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '../../electron/core/contract/channels';
import { openLibraryHost } from '../../electron/core/host/library-host';
import { withWorkerImports } from '../../electron/core/host/import-story';
import { openLibrary } from '../../electron/core/library';
import { withWorkerChecks } from '../../electron/core/logic/check-off-thread';
import { startLocalApi } from '../../electron/web/local-api';
import { generateStory } from '../../bench/generate';
import { addLinks, smallEventBeats } from '../../bench/logic';
import { tempDir } from '../helpers/temp';
import { postJson, until } from '../api/helpers';
import { startMcp } from '../api/mcp-client';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** One library of the size, seeded once and copied for each test. */
let seeded: { path: string; storyId: string; beat: string };
beforeAll(async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'beatline-check-seed-')), 'seed.db');
  const lib = await openLibrary(path);
  const story = generateStory(lib.db, 100_000, 'Long check');
  const beats = smallEventBeats(lib, story);
  addLinks(lib, beats, 10_000, 5);
  lib.close();
  seeded = { path, storyId: story.storyId, beat: beats[2]! };
}, 300_000);
afterAll(() => rmSync(join(seeded.path, '..'), { recursive: true, force: true }));

function copyOfSeed(): string {
  const path = join(tempDir('beatline-check-host-'), 'library.db');
  copyFileSync(seeded.path, path);
  return path;
}

describe('a whole story check never holds up a save', () => {
  it('through the desktop app’s local API (the app’s check worker)', async () => {
    const dir = tempDir('beatline-local-api-check-');
    const host = await openLibraryHost(copyOfSeed(), { backupOnClose: false, backupIntervalMs: 0 });
    cleanups.push(() => host.close());
    // As the desktop app builds them (main/lifecycle.ts), the checks told when one is asked.
    let asked = () => {};
    const checkAsked = new Promise<void>((resolve) => (asked = resolve));
    const checks = withWorkerChecks(withWorkerImports(host), () => host.library());
    cleanups.push(() => checks.close());
    expect(await checks.started()).toBe(true);
    const api = await startLocalApi({
      libraryHost: host,
      port: 0,
      tokenFile: join(dir, 'local-api-token'),
      answers: {
        invoke: (channel: Channel, input) => {
          if (channel === 'stories:check') asked();
          return checks.invoke(channel, input);
        },
      },
      log: () => {},
    });
    cleanups.push(() => api.stop());
    const auth = { 'X-Beatline-Token': api.token() };

    const order: string[] = [];
    const check = postJson(api.port, '/api/v2/stories:check', { storyId: seeded.storyId }, auth);
    void check.then(() => order.push('check'));
    await checkAsked; // the server has the check: now the save
    const save = await postJson(
      api.port,
      '/api/v2/moments:update',
      { momentId: seeded.beat, description: 'Typed while the story was checked' },
      auth,
    );
    order.push('save');
    expect(save.json).toMatchObject({ ok: true });
    expect((await check).json).toMatchObject({ ok: true, value: { storyId: seeded.storyId } });
    expect(order).toEqual(['save', 'check']);
  }, 120_000);

  it('through beatline mcp', async () => {
    const { client, stderr } = await startMcp(copyOfSeed(), cleanups);
    await until(() => stderr().includes('whole story checks run in a worker'), 60_000);

    const order: string[] = [];
    const check = client.callTool({ name: 'check_story', arguments: { storyId: seeded.storyId } });
    void check.then(() => order.push('check'));
    const save = await client.callTool({
      name: 'edit_beat',
      arguments: { momentId: seeded.beat, description: 'Typed while the story was checked' },
    });
    order.push('save');
    expect(save.isError).toBeFalsy();
    expect((await check).isError).toBeFalsy();
    expect(order).toEqual(['save', 'check']);
  }, 120_000);
});
