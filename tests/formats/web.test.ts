import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serializeStoryJson } from '../../electron/core/formats/json';
import type { StoryDocument } from '../../electron/core/formats/model';
import { rawRequest, startFixture, storyTitles, type Fixture } from '../web/helpers';

/** The browser host carries whole story files for stories:import, and only for it. */

let fx: Fixture;
beforeEach(async () => {
  fx = await startFixture();
});
afterEach(() => fx.cleanup());

const post = (channel: string, body: unknown) =>
  fetch(`${fx.base}/api/${channel}`, {
    method: 'POST',
    headers: { 'X-Beatline-Token': fx.host.token, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

/** A story file of about `mb` MiB. */
function storyFile(mb: number): string {
  const doc: StoryDocument = {
    title: 'Big',
    events: Array.from({ length: Math.ceil(mb * 64) }, (_, e) => ({
      title: `E${e}`,
      description: '',
      moments: Array.from({ length: 10 }, () => ({
        description: 'z'.repeat(1600),
        timestampOffset: null,
      })),
    })),
  };
  return serializeStoryJson(doc);
}

describe('story files through the browser host', () => {
  it('imports a 3 MiB story file (over the 1 MiB other channels get) and exports it', async () => {
    const content = storyFile(3);
    expect(content.length).toBeGreaterThan(3 * 1024 * 1024);
    const res = await post('stories:import', { format: 'json', content, fileName: 'big.json' });
    expect(res.status).toBe(200);
    const result = (await res.json()) as { ok: boolean; value: { id: string; beatCount: number } };
    expect(result).toMatchObject({ ok: true, value: { title: 'Big', beatCount: 1920 } });

    const exported = await post('stories:export', { storyId: result.value.id, format: 'docx' });
    const file = (await exported.json()) as { ok: boolean; value: Record<string, string> };
    expect(file.value).toMatchObject({ fileName: 'Big.docx', encoding: 'base64' });
    expect(Buffer.from(file.value.content!, 'base64').subarray(0, 2).toString()).toBe('PK');
  });

  it('other channels keep the 1 MiB limit', async () => {
    const res = await post('stories:create', { title: 'x'.repeat(3 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({
      error: { message: 'request body is larger than 1 MiB' },
    });
  });

  it('refuses an import body over 64 MiB from its declared length, writing nothing', async () => {
    const res = await rawRequest(fx.host.port, {
      method: 'POST',
      path: '/api/stories:import',
      headers: {
        'X-Beatline-Token': fx.host.token,
        'Content-Type': 'application/json',
        'Content-Length': String(64 * 1024 * 1024 + 1),
      },
      body: '{',
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'request body is larger than 64 MiB' },
    });
    expect(storyTitles(fx.dbPath)).toEqual([]);
  });

  it('answers a bad story file with its first problem, writing nothing', async () => {
    const res = await post('stories:import', {
      format: 'md',
      content: '# Story\n## Scene\n1. [0:75] beat\n',
    });
    expect(await res.json()).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message:
          'line 3: [0:75] is not a time: write [m:ss] or [h:mm:ss], e.g. [0:30] or [1:02:03.5].',
      },
    });
    expect(storyTitles(fx.dbPath)).toEqual([]);
  });
});
