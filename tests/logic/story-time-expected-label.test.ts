// A story-time label typed over another window's change (issue 12, h65): `expectedLabel`, the
// label the typing started from, makes `events:setStoryTime` a compare-and-set.
import { describe, expect, it } from 'vitest';
import { dumpDatabase, must, seedStory, tempLibrary } from '../helpers/library';

describe('events:setStoryTime with expectedLabel', () => {
  it('writes when the label is still the expected one (trimmed), else is a conflict that changes nothing', async () => {
    const lib = await tempLibrary();
    const d = lib.dispatcher;
    const { events } = seedStory(d, { Quay: ['Ropes'], Pier: ['Gulls'] });
    const eventId = events[0]!.event.id;

    // Over the empty label it started from, then on from the label as typed (a trailing space).
    must(d.call('events:setStoryTime', { eventId, label: 'Day 3, ', expectedLabel: '' }));
    const time = must(
      d.call('events:setStoryTime', { eventId, label: 'Day 3, dawn', expectedLabel: 'Day 3, ' }),
    );
    expect(time.label).toBe('Day 3, dawn');

    // Typed over a label another window has changed since.
    const before = dumpDatabase(lib.db);
    expect(
      d.call('events:setStoryTime', { eventId, label: 'Night', expectedLabel: 'Day 3' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('changed in another window') },
    });
    expect(
      d.call('events:setStoryTime', { eventId, mode: 'flashback', expectedLabel: '' }),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(dumpDatabase(lib.db)).toEqual(before);

    // Without it, the label is written over whatever it is (the writer chose "Use mine").
    expect(must(d.call('events:setStoryTime', { eventId, label: 'Night' })).label).toBe('Night');
    // expectedLabel alone asks for nothing.
    expect(d.invoke('events:setStoryTime', { eventId, expectedLabel: 'Night' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });
});
