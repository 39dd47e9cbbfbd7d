import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startFixture, type Fixture } from '../web/helpers';
import { postJson } from './helpers';

// Issue 17: "Bulk changes (an assistant adding 40 beats) are one undoable step when sent as one
// request": `moments:createMany` through the versioned API, as a script would send it.

let fx: Fixture | null = null;
afterEach(async () => {
  await fx?.cleanup();
  fx = null;
});

async function setup() {
  fx = await startFixture();
  const f = fx;
  const headers = { 'X-Beatline-Token': f.host.token };
  const post = async (channel: string, body: unknown) =>
    (await postJson(f.host.port, `/api/v2/${channel}`, body, headers)).json;
  const story = (await post('stories:create', { title: 'Heist' })).value as { id: string };
  const event = (await post('events:create', { storyId: story.id, title: 'Plan' })).value as {
    id: string;
  };
  const first = (await post('moments:create', { eventId: event.id, description: 'first' }))
    .value as { id: string };
  return { f, post, storyId: story.id, eventId: event.id, firstId: first.id };
}

const beatsIn = (dbPath: string, eventId: string) => {
  const db = new Database(dbPath, { fileMustExist: true });
  try {
    return (
      db
        .prepare(
          'SELECT beat_description AS d FROM event_moments WHERE event_uuid = ? ORDER BY sequence_index',
        )
        .all(eventId) as Array<{ d: string }>
    ).map((r) => r.d);
  } finally {
    db.close();
  }
};

const bytes = (dbPath: string) =>
  [dbPath, `${dbPath}-wal`].map((p) => (existsSync(p) ? readFileSync(p) : null));

describe('moments:createMany (issue 17, bulk)', () => {
  it('adds 40 beats in one request as one undo step; one undo takes all 40 back', async () => {
    const { f, post, storyId, eventId, firstId } = await setup();
    const texts = Array.from({ length: 40 }, (_, i) => `beat ${i + 1}`);
    const answer = await post('moments:createMany', {
      eventId,
      beforeMomentId: firstId,
      moments: texts.map((description, i) => ({ description, timestampOffset: i })),
    });
    expect(answer.ok).toBe(true);
    expect((answer.value as Array<{ description: string }>).map((m) => m.description)).toEqual(
      texts,
    );
    expect(beatsIn(f.dbPath, eventId)).toEqual([...texts, 'first']);

    expect((await post('history:state', { storyId })).value).toMatchObject({
      undo: { label: 'add 40 beats' },
    });
    expect((await post('history:undo', { storyId })).ok).toBe(true);
    expect(beatsIn(f.dbPath, eventId)).toEqual(['first']);
    expect((await post('history:redo', { storyId })).ok).toBe(true);
    expect(beatsIn(f.dbPath, eventId)).toEqual([...texts, 'first']);
  });

  it.each([
    [
      'a bad beat among good ones',
      'invalid_input',
      /^moments\.\[1\]\.description: must be valid Unicode/,
      (e: string) => ({ eventId: e, moments: [{ description: 'ok' }, { description: '\ud800' }] }),
    ],
    [
      'no beats',
      'invalid_input',
      /^moments: must hold at least one beat/,
      (e: string) => ({ eventId: e, moments: [] }),
    ],
    [
      'too many beats',
      'invalid_input',
      /^moments: must hold at most 2000 beats/,
      (e: string) => ({
        eventId: e,
        moments: Array.from({ length: 2001 }, () => ({ description: 'x' })),
      }),
    ],
    [
      'an unknown field in a beat',
      'invalid_input',
      /Unrecognized key/,
      (e: string) => ({ eventId: e, moments: [{ description: 'x', extra: 1 }] }),
    ],
    [
      'not a list',
      'invalid_input',
      /^moments: must be a list of beats/,
      (e: string) => ({ eventId: e, moments: 'x' }),
    ],
    [
      'an event that does not exist',
      'not_found',
      /event/,
      () => ({ eventId: '0190a0a0-0000-7000-8000-000000000000', moments: [{ description: 'x' }] }),
    ],
    [
      'the same new id twice',
      'conflict',
      /already exists/,
      (e: string) => ({
        eventId: e,
        moments: [
          { id: '0190a0a0-0000-7000-8000-000000000001', description: 'a' },
          { id: '0190a0a0-0000-7000-8000-000000000001', description: 'b' },
        ],
      }),
    ],
  ])('refuses %s (%s) and changes nothing, byte for byte', async (_name, code, message, body) => {
    const { f, post, eventId } = await setup();
    const before = bytes(f.dbPath);
    const answer = await post('moments:createMany', body(eventId));
    expect(answer.ok).toBe(false);
    expect(answer.error?.code).toBe(code);
    expect(answer.error?.message).toMatch(message);
    expect(bytes(f.dbPath)).toEqual(before);
    expect(beatsIn(f.dbPath, eventId)).toEqual(['first']);
  });
});
