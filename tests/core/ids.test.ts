import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { newId } from '../../electron/core/ids';
import { UUID_PATTERN } from '../../electron/core/formats/json';
import { dumpDatabase, must, tempLibrary } from '../helpers/library';

describe('new row ids (UUIDv7)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('are version 7 UUIDs that the contract and the story file accept', () => {
    const id = newId();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(z.uuid().safeParse(id).success).toBe(true);
    expect(UUID_PATTERN.test(id)).toBe(true);
  });

  it('never repeat and always sort after the one before, 100,000 in a row', () => {
    const ids = Array.from({ length: 100_000 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
  });

  it('keep increasing when the clock stands still or goes backwards', () => {
    const first = newId();
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() - 60_000); // a clock set back a minute
    const later = Array.from({ length: 10_000 }, () => newId());
    expect(later[0]! > first).toBe(true);
    for (let i = 1; i < later.length; i++) expect(later[i]! > later[i - 1]!).toBe(true);
  });
});

describe('an id in capitals (h68)', () => {
  it('names the same record as in small letters (RFC 9562: UUIDs compare without case)', async () => {
    const lib = await tempLibrary();
    const lower = '01a24706-26e1-7400-b9e0-b95a036fdf94';
    const upper = lower.toUpperCase();
    // Before: the capital id was stored as sent, and the same UUID in small letters made a
    // second story; a beat asked for by its id in capitals was "not found".
    expect(must(lib.dispatcher.call('stories:create', { title: 'A', id: upper })).id).toBe(lower);
    const before = dumpDatabase(lib.db);
    const again = lib.dispatcher.call('stories:create', { title: 'B', id: lower });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(dumpDatabase(lib.db)).toBe(before);
    const event = must(lib.dispatcher.call('events:create', { storyId: upper, title: 'E' }));
    const beat = must(
      lib.dispatcher.call('moments:create', { eventId: event.id, description: 'b' }),
    );
    const edited = lib.dispatcher.call('moments:update', {
      momentId: beat.id.toUpperCase(),
      description: 'c',
    });
    expect(edited).toMatchObject({ ok: true, value: { id: beat.id, description: 'c' } });
  });
});
