// Links and story time through the dispatcher on a real library file: what is refused (and
// changes nothing), what cascades, and what each write reports about the story check.
import { describe, expect, it } from 'vitest';
import type { Result } from '../../electron/core/contract/types';
import { dumpDatabase, must, seedStory, tempLibrary } from '../helpers/library';

async function setup() {
  const lib = await tempLibrary();
  const d = lib.dispatcher;
  const { story, events } = seedStory(d, {
    Arrival: ['She arrives', 'Sees the house', 'The door is bolted'],
    'Night watch': ['She breaks in', 'Finds the letter'],
    Dawn: ['She leaves'],
  });
  const beat = (e: number, m: number) => events[e]!.moments[m]!.id;
  return { lib, d, story, events, beat };
}

describe('links', () => {
  it('are created, listed, updated and deleted', async () => {
    const { d, story, beat } = await setup();
    const link = must(
      d.call('links:create', {
        fromMomentId: beat(0, 2),
        toMomentId: beat(1, 0),
        kind: 'causes',
        strength: 'hard',
        note: 'why she needs a crowbar',
      }),
    );
    expect(link).toMatchObject({
      storyId: story.id,
      intentional: false,
      note: 'why she needs a crowbar',
    });
    expect(must(d.call('links:list', { storyId: story.id }))).toEqual([link]);
    const soft = must(d.call('links:update', { linkId: link.id, strength: 'soft', note: '' }));
    expect(soft).toMatchObject({ strength: 'soft', note: '', kind: 'causes' });
    expect(must(d.call('links:delete', { linkId: link.id }))).toEqual({ linkId: link.id });
    expect(must(d.call('links:list', { storyId: story.id }))).toEqual([]);
  });

  it('takes the id the client chose, once', async () => {
    const { d, beat } = await setup();
    const linkId = '01900000-0000-7000-8000-000000000001';
    const input = {
      linkId,
      fromMomentId: beat(0, 0),
      toMomentId: beat(0, 1),
      kind: 'precedes',
      strength: 'soft',
    } as const;
    expect(must(d.call('links:create', input)).id).toBe(linkId);
    const again = d.call('links:create', { ...input, kind: 'causes' });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('refuses a link to itself, a duplicate, another story and a loop, changing nothing', async () => {
    const { lib, d, beat } = await setup();
    const other = seedStory(d, { Elsewhere: ['x'] }, 'Other story');
    must(
      d.call('links:create', {
        fromMomentId: beat(0, 0),
        toMomentId: beat(0, 1),
        kind: 'causes',
        strength: 'hard',
      }),
    );
    must(
      d.call('links:create', {
        fromMomentId: beat(0, 1),
        toMomentId: beat(1, 0),
        kind: 'precedes',
        strength: 'hard',
      }),
    );
    const refused = (input: Parameters<typeof d.call<'links:create'>>[1]): Result<unknown> => {
      const before = dumpDatabase(lib.db);
      const result = d.call('links:create', input);
      expect(dumpDatabase(lib.db)).toBe(before);
      return result;
    };
    expect(
      refused({
        fromMomentId: beat(0, 0),
        toMomentId: beat(0, 0),
        kind: 'causes',
        strength: 'hard',
      }),
    ).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'A beat cannot be linked to itself.' },
    });
    expect(
      refused({
        fromMomentId: beat(0, 0),
        toMomentId: beat(0, 1),
        kind: 'causes',
        strength: 'soft',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'These beats already have a causes link.' },
    });
    expect(
      refused({
        fromMomentId: beat(0, 0),
        toMomentId: other.events[0]!.moments[0]!.id,
        kind: 'sets_up',
        strength: 'hard',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'Only beats of the same story can be linked.' },
    });
    expect(
      refused({
        fromMomentId: beat(1, 0),
        toMomentId: beat(0, 0),
        kind: 'causes',
        strength: 'hard',
      }),
    ).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message:
          "This link would make a loop in story time: 'She breaks in' causes 'She arrives' causes " +
          "'Sees the house' must happen before 'She breaks in'.",
      },
    });
    expect(
      refused({
        fromMomentId: beat(0, 0),
        toMomentId: '01900000-0000-7000-8000-00000000000f',
        kind: 'causes',
        strength: 'hard',
      }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // A sets_up link is about reading order: it may point back along a story-time chain.
    must(
      d.call('links:create', {
        fromMomentId: beat(1, 0),
        toMomentId: beat(0, 0),
        kind: 'sets_up',
        strength: 'hard',
      }),
    );
  });

  it('refuse a sets_up loop (a pair or longer), naming its beats and changing nothing', async () => {
    // h71: "A sets up B" and "B sets up A" were both accepted, and then one of them was always
    // reported broken, in any order: a setup cannot be read before its payoff both ways round.
    const { lib, d, beat } = await setup();
    const setsUp = (from: string, to: string) =>
      d.call('links:create', {
        fromMomentId: from,
        toMomentId: to,
        kind: 'sets_up',
        strength: 'hard',
      });
    must(setsUp(beat(0, 0), beat(1, 0)));
    must(setsUp(beat(1, 0), beat(2, 0)));
    const refused = (from: string, to: string): Result<unknown> => {
      const before = dumpDatabase(lib.db);
      const result = setsUp(from, to);
      expect(dumpDatabase(lib.db)).toBe(before);
      return result;
    };
    expect(refused(beat(1, 0), beat(0, 0))).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message:
          "This link would make a loop in reading order: 'She breaks in' sets up 'She arrives' " +
          "sets up 'She breaks in' (each setup must be read before its payoff, so one link would " +
          'always be broken).',
      },
    });
    expect(refused(beat(2, 0), beat(0, 0))).toMatchObject({
      ok: false,
      error: {
        code: 'conflict',
        message: expect.stringContaining(
          "'She leaves' sets up 'She arrives' sets up 'She breaks in' sets up 'She leaves'",
        ),
      },
    });
    // Another kind the other way is a claim of its own: story time is not reading order.
    must(
      d.call('links:create', {
        fromMomentId: beat(1, 0),
        toMomentId: beat(0, 0),
        kind: 'causes',
        strength: 'hard',
      }),
    );
  });

  it('go with their beats: deleting a beat, an event or a story deletes their links', async () => {
    const { lib, d, story, events, beat } = await setup();
    const count = () => lib.db.prepare('SELECT count(*) FROM beat_links').pluck().get() as number;
    must(
      d.call('links:create', {
        fromMomentId: beat(0, 0),
        toMomentId: beat(1, 0),
        kind: 'causes',
        strength: 'hard',
      }),
    );
    must(
      d.call('links:create', {
        fromMomentId: beat(1, 1),
        toMomentId: beat(2, 0),
        kind: 'sets_up',
        strength: 'hard',
      }),
    );
    must(
      d.call('links:create', {
        fromMomentId: beat(0, 1),
        toMomentId: beat(0, 2),
        kind: 'precedes',
        strength: 'hard',
      }),
    );
    must(d.call('moments:delete', { momentId: beat(0, 0) }));
    expect(count()).toBe(2);
    must(d.call('events:delete', { eventId: events[2]!.event.id }));
    expect(count()).toBe(1);
    must(d.call('stories:delete', { storyId: story.id }));
    expect(count()).toBe(0);
    expect(lib.db.pragma('foreign_key_check')).toEqual([]);
  });

  it('report on each write the problems it created and resolved', async () => {
    const { d, story, events, beat } = await setup();
    const link = d.call('links:create', {
      fromMomentId: beat(0, 2),
      toMomentId: beat(1, 0),
      kind: 'causes',
      strength: 'hard',
    });
    expect(link.ok && link.check).toBeUndefined(); // fine as it is: nothing to report
    // Move the effect before its cause: one error created.
    const moved = d.call('moments:move', {
      momentId: beat(1, 0),
      toEventId: events[0]!.event.id,
      beforeMomentId: beat(0, 0),
    });
    expect(moved.ok && moved.check?.created.map((p) => p.message)).toEqual([
      "'The door is bolted' (Arrival, beat 4) causes 'She breaks in' (Arrival, beat 1), but now happens after it.",
    ]);
    // Mark it intentional: it stays, marked, and stops counting.
    const id = must(link).id;
    const marked = d.call('links:update', { linkId: id, intentional: true });
    expect(marked.ok && marked.check?.created).toMatchObject([{ intentional: true }]);
    const report = must(d.call('stories:check', { storyId: story.id }));
    expect(report).toMatchObject({ errors: 0, intentional: 1, problems: [{ intentional: true }] });
    // Deleting the link resolves it.
    const deleted = d.call('links:delete', { linkId: id });
    expect(deleted.ok && deleted.check).toMatchObject({ created: [], resolved: [{ linkId: id }] });
    expect(must(d.call('stories:check', { storyId: story.id })).problems).toEqual([]);
  });
});

describe('story time', () => {
  it('starts as reading order; a new event goes after its reading predecessor', async () => {
    const { d, story, events } = await setup();
    const ids = events.map((e) => e.event.id);
    const chrono = () =>
      must(d.call('events:chronology', { storyId: story.id })).map((t) => t.eventId);
    expect(chrono()).toEqual(ids);
    must(d.call('events:moveInChronology', { eventId: ids[0]!, beforeEventId: null }));
    expect(chrono()).toEqual([ids[1], ids[2], ids[0]]);
    const inserted = must(
      d.call('events:create', { storyId: story.id, title: 'Noon', beforeEventId: ids[2]! }),
    );
    expect(chrono()).toEqual([ids[1], inserted.id, ids[2], ids[0]]);
    const first = must(
      d.call('events:create', { storyId: story.id, title: 'Prologue', beforeEventId: ids[0]! }),
    );
    expect(chrono()[0]).toBe(first.id);
  });

  it('moves by intent and writes one row; labels and modes are kept', async () => {
    const { lib, d, story, events } = await setup();
    const [a, b, c] = events.map((e) => e.event.id);
    const before = lib.db
      .prepare('SELECT event_uuid, chrono_position FROM events ORDER BY 1')
      .all();
    const order = must(d.call('events:moveInChronology', { eventId: c!, beforeEventId: a! }));
    expect(order.map((t) => t.eventId)).toEqual([c, a, b]);
    expect(order[0]!.chronoKey).toBeLessThan(order[1]!.chronoKey);
    const after = lib.db.prepare('SELECT event_uuid, chrono_position FROM events ORDER BY 1').all();
    expect(
      after.filter((row, i) => JSON.stringify(row) !== JSON.stringify(before[i])),
    ).toHaveLength(1);
    const time = must(
      d.call('events:setStoryTime', { eventId: b!, label: ' Day 3, dawn ', mode: 'flashback' }),
    );
    expect(time).toEqual({
      eventId: b,
      storyId: story.id,
      chronoKey: order[2]!.chronoKey,
      label: 'Day 3, dawn',
      mode: 'flashback',
    });
    expect(must(d.call('events:setStoryTime', { eventId: b!, label: '1987' }))).toMatchObject({
      label: '1987',
      mode: 'flashback',
    });
    // The reading order did not move.
    expect(must(d.call('events:list', { storyId: story.id })).map((e) => e.id)).toEqual([a, b, c]);
  });

  it('refuses bad moves and bad values, changing nothing', async () => {
    const { lib, d, events } = await setup();
    const other = seedStory(d, { Elsewhere: ['x'] }, 'Other story');
    const a = events[0]!.event.id;
    const before = dumpDatabase(lib.db);
    expect(d.call('events:moveInChronology', { eventId: a, beforeEventId: a })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(
      d.call('events:moveInChronology', { eventId: a, beforeEventId: other.events[0]!.event.id }),
    ).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(d.invoke('events:setStoryTime', { eventId: a, mode: 'memory' })).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'mode: must be linear, flashback, flash-forward, parallel or dream',
      },
    });
    expect(d.invoke('events:setStoryTime', { eventId: a, label: 'two\nlines' })).toMatchObject({
      ok: false,
    });
    expect(d.invoke('events:setStoryTime', { eventId: a })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(d.invoke('links:update', { linkId: a })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(dumpDatabase(lib.db)).toBe(before);
  });
});
