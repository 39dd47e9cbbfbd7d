import { describe, expect, it } from 'vitest';
import {
  parseStoryJson,
  readStoryChecked,
  serializeStoryJson,
} from '../../electron/core/formats/json';
import { readStoryFast } from '../../electron/core/formats/json-fast';
import { parseStoryMarkdown } from '../../electron/core/formats/markdown';
import { parseStoryFountain } from '../../electron/core/formats/fountain-import';
import { dumpDatabase, must, seedStory, tempLibrary } from '../helpers/library';

/**
 * `-0` as a beat time is read as 0 everywhere a number comes in (channels, the JSON story file,
 * its fast path and its full check), so what a call answers is what the library holds; a
 * signed time in an outline (`[-0:30]`, `[[-0:00]]`) is not a time and is refused like
 * `[0:75]`, naming the line.
 */

const isPlusZero = (x: unknown) => Object.is(x, 0);

describe('a beat time of -0', () => {
  it('is answered and stored as 0 by moments:create, moments:update and moments:createMany', async () => {
    const { dispatcher: d } = await tempLibrary();
    const { events } = seedStory(d, { Scene: ['a'] });
    const eventId = events[0]!.event.id;
    const created = must(
      d.call('moments:create', { eventId, description: 'x', timestampOffset: -0 }),
    );
    expect(isPlusZero(created.timestampOffset)).toBe(true);
    const updated = must(
      d.call('moments:update', { momentId: events[0]!.moments[0]!.id, timestampOffset: -0 }),
    );
    expect(isPlusZero(updated.timestampOffset)).toBe(true);
    const many = must(
      d.call('moments:createMany', {
        eventId,
        moments: [{ description: 'y', timestampOffset: -0 }],
      }),
    );
    expect(many.map((m) => isPlusZero(m.timestampOffset))).toEqual([true]);
    for (const beat of must(d.call('moments:list', { eventId }))) {
      expect(isPlusZero(beat.timestampOffset)).toBe(true);
    }
  });

  it('is read as 0 from a story file, by the fast path and by the full check', () => {
    const doc = {
      title: 'T',
      events: [
        { title: 'E', description: '', moments: [{ description: 'b', timestampOffset: 7 }] },
      ],
    };
    const text = serializeStoryJson(doc, '2026-03-01T12:00:00.000Z').replace(
      '"timestamp_offset": 7',
      '"timestamp_offset": -0',
    );
    expect(text).toContain('-0');
    expect(isPlusZero(parseStoryJson(text).events[0]!.moments[0]!.timestampOffset)).toBe(true);
    for (const read of [readStoryFast, readStoryChecked]) {
      const doc = read(JSON.parse(text) as unknown);
      expect(isPlusZero(doc!.events[0]!.moments[0]!.timestampOffset)).toBe(true);
    }
  });

  it.each([
    ['# T\n\n## E\n\n1. [-0:00] x\n', 'line 5: [-0:00] is not a time'],
    ['# T\n\n## E\n\n1. [-0:30] x\n', 'line 5: [-0:30] is not a time'],
    ['# T\n\n## E\n\n- [+0:30] x\n', 'line 5: [+0:30] is not a time'],
  ])('an outline %j is refused: %s', (text, message) => {
    expect(() => parseStoryMarkdown(text)).toThrow(message);
  });

  it.each([
    ['Title: T\n\n# E\n\n= [[-0:00]] x\n', 'line 5: [[-0:00]] is not a time'],
    ['Title: T\n\n# E\n\n= [[-1:00]] x\n', 'line 5: [[-1:00]] is not a time'],
  ])('a Fountain outline %j is refused: %s', (text, message) => {
    expect(() => parseStoryFountain(text)).toThrow(message);
  });

  it('a refused signed time changes nothing in the library', async () => {
    const lib = await tempLibrary();
    seedStory(lib.dispatcher, { Scene: ['a'] });
    const before = dumpDatabase(lib.db);
    const result = lib.dispatcher.call('stories:import', {
      format: 'md',
      content: '# T\n\n## E\n\n1. [-0:30] x\n',
    });
    expect(result.ok).toBe(false);
    expect(dumpDatabase(lib.db)).toBe(before);
  });
});
