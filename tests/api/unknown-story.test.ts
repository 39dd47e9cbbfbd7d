import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MCP_TOOLS } from '../../electron/cli/mcp/tools';
import { PUBLIC_CHANNELS } from '../../electron/core/contract/public';
import { inputSchemas } from '../../electron/core/contract/schemas';
import { openLibraryHost } from '../../electron/core/host/library-host';
import { newId } from '../../electron/core/ids';
import { createRouter } from '../../electron/core/router';
import { startLocalApi } from '../../electron/web/local-api';
import { dumpFile, must } from '../helpers/library';
import { tempDir } from '../helpers/temp';
import { postJson } from './helpers';
import { startMcp } from './mcp-client';

// Issue 17 (h69): a story id that names no story gets the same not_found on every story
// channel, through every way in (the router every host uses, the local API over HTTP, an MCP
// tool), and changes nothing. history:undo and history:redo used to answer "nothing to undo".

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** What each story channel needs besides its storyId to get past validation. */
const STORY_CHANNEL_INPUTS: Record<string, Record<string, unknown>> = {
  'stories:get': {},
  'stories:load': {},
  'stories:outline': {},
  'stories:update': { title: 'Renamed' },
  'stories:delete': {},
  'stories:export': { format: 'json' },
  'stories:duplicate': {},
  'events:list': {},
  'events:create': { title: 'An event' },
  'moments:search': { query: 'gulls' },
  'history:state': {},
  'history:undo': {},
  'history:redo': {},
  'links:list': {},
  'events:chronology': {},
  'stories:check': {},
};

/** Every public channel whose input names a story. */
const storyChannels = PUBLIC_CHANNELS.filter((channel) => {
  const shape = (inputSchemas as Record<string, { shape?: Record<string, unknown> }>)[channel]
    ?.shape;
  return shape !== undefined && 'storyId' in shape;
});

describe('a story id that names no story', () => {
  it('the table covers every public story channel', () => {
    expect(Object.keys(STORY_CHANNEL_INPUTS).sort()).toEqual([...storyChannels].sort());
  });

  it('is not_found on every story channel, through the router, HTTP and MCP, and changes nothing', async () => {
    const dir = tempDir('beatline-unknown-story-');
    const dbPath = join(dir, 'library.db');
    const host = await openLibraryHost(dbPath, { backupOnClose: false, backupIntervalMs: 0 });
    cleanups.push(() => host.close());
    const router = createRouter(host);
    const story = must(await router.invoke('stories:create', { title: 'Harbour' })) as {
      id: string;
    };
    must(await router.invoke('events:create', { storyId: story.id, title: 'Gulls' }));
    const api = await startLocalApi({
      libraryHost: host,
      port: 0,
      tokenFile: join(dir, 'token'),
      log: () => {},
    });
    cleanups.push(() => api.stop());
    const mcp = await startMcp(dbPath, cleanups);
    const before = dumpFile(dbPath);

    const storyId = newId();
    const notFound = { code: 'not_found', message: `No story with id ${storyId}.` };
    for (const channel of storyChannels) {
      const input = { ...STORY_CHANNEL_INPUTS[channel], storyId };
      expect(await router.invoke(channel, input), `router ${channel}`).toEqual({
        ok: false,
        error: notFound,
      });
      const http = await postJson(api.port, `/api/v2/${channel}`, input, {
        'X-Beatline-Token': api.token(),
      });
      expect(http, `HTTP ${channel}`).toEqual({
        status: 200,
        json: { ok: false, error: notFound },
      });
    }
    const tools = MCP_TOOLS.filter((t) => storyChannels.includes(t.channel as never));
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['undo', 'redo']));
    for (const tool of tools) {
      const input = { ...STORY_CHANNEL_INPUTS[tool.channel], storyId };
      await expect(mcp.call(tool.name, input), `MCP ${tool.name}`).rejects.toThrow(
        `not_found: ${notFound.message}`,
      );
    }
    expect(dumpFile(dbPath)).toBe(before);
  });
});
