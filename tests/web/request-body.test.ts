import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, startFixture, storyTitles } from './helpers';
import type { Fixture, RawResponse } from './helpers';

// Requests whose body a strict reader refuses (h68): each is answered with a clear error and
// the library file and its -wal stay byte for byte as they were.

let fx: Fixture;
let storyId: string;
let momentId: string;

/** The library file and its -wal, hashed. */
function fileHashes(): string {
  const hash = (path: string) =>
    existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'none';
  return `${hash(fx.dbPath)} ${hash(`${fx.dbPath}-wal`)}`;
}

function post(
  channel: string,
  body: string | Buffer,
  headers: Record<string, string> = { 'Content-Type': 'application/json' },
): Promise<RawResponse> {
  return rawRequest(fx.host.port, {
    method: 'POST',
    path: `/api/${channel}`,
    headers: { 'X-Beatline-Token': fx.host.token, ...headers },
    body,
  });
}

async function valueOf(channel: string, input: unknown): Promise<{ id: string }> {
  const res = await post(channel, JSON.stringify(input));
  const result = JSON.parse(res.body) as { ok: boolean; value: { id: string } };
  expect(result.ok).toBe(true);
  return result.value;
}

/**
 * Copies the log back into the file now, from a connection of its own, so the host's own
 * copy-back (a second after its last write) finds nothing left to do; answers the hashes.
 */
function filesAtRest(): string {
  const db = new Database(fx.dbPath, { fileMustExist: true, timeout: 10_000 });
  try {
    const [row] = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
    expect(row?.busy).toBe(0);
  } finally {
    db.close();
  }
  return fileHashes();
}

beforeAll(async () => {
  fx = await startFixture();
  storyId = (await valueOf('stories:create', { title: 'Heist' })).id;
  const eventId = (await valueOf('events:create', { storyId, title: 'The plan' })).id;
  momentId = (await valueOf('moments:create', { eventId, description: 'They meet' })).id;
});
afterAll(async () => {
  await fx.cleanup();
});

describe('the browser host reads request bodies strictly (h68)', () => {
  it('refuses a field named twice in one object with 400 "duplicate key", at any depth', async () => {
    const before = filesAtRest();
    const bodies = [
      '{"title":"A","title":"B"}',
      '{"title":"A","\\u0074itle":"B"}', // the same name, escaped
      `{"storyId":"${storyId}","title":"X","storyId":"${storyId}"}`,
    ];
    for (const body of bodies) {
      const res = await post(body.includes('storyId') ? 'events:create' : 'stories:create', body);
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', message: expect.stringMatching(/duplicate key/) },
      });
    }
    const nested = `{"eventId":"${momentId}","moments":[{"description":"a","description":"b"}]}`;
    const res = await post('moments:createMany', nested);
    expect(res.status).toBe(400);
    expect(res.body).toMatch(/duplicate key \\"description\\"/);
    expect(fileHashes()).toBe(before);
    expect(storyTitles(fx.dbPath)).toEqual(['Heist']);
  });

  it('takes the same name in different objects, and a value equal to a name', async () => {
    const res = await post(
      'stories:create',
      JSON.stringify({ title: 'title', id: '01a246ec-cea4-7458-bd94-d24fabc51c2d' }),
    );
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { title: 'title' } });
  });

  it('refuses a body that is not sent as application/json with 415, reading none of it', async () => {
    const before = filesAtRest();
    const types = [
      'text/plain',
      'text/plain;charset=UTF-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/jsonp',
      'application/json; charset=utf-16',
      '',
    ];
    for (const type of types) {
      const res = await post('stories:create', '{"title":"Typed"}', { 'Content-Type': type });
      expect([type, res.status]).toEqual([type, 415]);
      expect(JSON.parse(res.body)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', message: expect.stringMatching(/application\/json/) },
      });
    }
    const none = await post('stories:create', '{"title":"Typed"}', {});
    expect(none.status).toBe(415);
    expect(fileHashes()).toBe(before);
    expect(storyTitles(fx.dbPath)).toEqual(['Heist', 'title']);
  });

  it('takes application/json in any case, with a UTF-8 charset', async () => {
    for (const type of ['Application/JSON', 'application/json; charset="UTF-8"']) {
      const res = await post('stories:list', '{}', { 'Content-Type': type });
      expect(JSON.parse(res.body)).toMatchObject({ ok: true });
    }
  });

  it('refuses nesting deeper than 64 before parsing it, with 400', async () => {
    const before = filesAtRest();
    for (const depth of [65, 500_000]) {
      const res = await post('stories:create', '['.repeat(depth) + ']'.repeat(depth));
      expect(res.status).toBe(400);
      expect(res.body).toMatch(/nested more than 64 deep/);
    }
    expect(fileHashes()).toBe(before);
  });

  it('refuses more than 100,000 values before parsing them, with 400; 100,000 pass on to the channel', async () => {
    const before = filesAtRest();
    const list = (n: number) => `[${Array(n).fill('0').join(',')}]`;
    const atLimit = await post('stories:create', list(100_000));
    expect(atLimit.status).toBe(200);
    expect(JSON.parse(atLimit.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const fields = Array.from({ length: 2_000_000 }, (_, i) => `"k${i}":0`).join(',');
    // Before: a 30 MB import body of two million fields was parsed whole, then each field
    // refused by zod: the host answered nothing else for a minute and grew past 1 GB.
    for (const [channel, body] of [
      ['stories:create', list(100_001)],
      ['stories:import', `{"content":"# T","format":"md",${fields}}`],
    ]) {
      const res = await post(channel!, body!);
      expect(res.status).toBe(400);
      expect(res.body).toMatch(/more than 100,000 values/);
    }
    expect(fileHashes()).toBe(before);
  });

  it('reads -0 as a beat time of 0, and answers what it stored', async () => {
    const res = await post('moments:update', `{"momentId":"${momentId}","timestampOffset":-0}`);
    expect(res.status).toBe(200);
    const answer = JSON.parse(res.body) as { ok: boolean; value: { timestampOffset: number } };
    expect(answer.ok).toBe(true);
    expect(Object.is(answer.value.timestampOffset, 0)).toBe(true);
  });
});
