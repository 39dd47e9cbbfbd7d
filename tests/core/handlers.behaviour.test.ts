import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/open';
import { moveMoment } from '../../electron/core/moments';
import { dumpDatabase, must, seedStory, tempLibrary } from '../helpers/library';

describe('story, event and beat handlers', () => {
  it('create, list, rename and delete stories with their counts', async () => {
    const { dispatcher: d } = await tempLibrary();
    seedStory(d, { A: ['1', '2'], B: ['3'] }, 'Dune');
    const empty = must(d.call('stories:create', { title: '  Emma  ' }));
    expect(empty.title).toBe('Emma');
    const list = must(d.call('stories:list', {}));
    expect(list.map((s) => [s.title, s.eventCount, s.beatCount])).toEqual(
      expect.arrayContaining([
        ['Dune', 2, 3],
        ['Emma', 0, 0],
      ]),
    );
    expect(must(d.call('stories:update', { storyId: empty.id, title: 'Persuasion' })).title).toBe(
      'Persuasion',
    );
    must(d.call('stories:delete', { storyId: empty.id }));
    expect(d.call('stories:get', { storyId: empty.id })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('keeps events in order through create-before, move and delete, cascading their beats', async () => {
    const { dispatcher: d, db } = await tempLibrary();
    const { story, events } = seedStory(d, { A: ['a'], B: ['b'], C: [] });
    const [a, b, c] = events.map((e) => e.event.id) as [string, string, string];
    const first = must(
      d.call('events:create', { storyId: story.id, title: 'Prologue', beforeEventId: a }),
    );
    const titles = () => must(d.call('events:list', { storyId: story.id })).map((e) => e.title);
    expect(titles()).toEqual(['Prologue', 'A', 'B', 'C']);
    const moved = must(d.call('events:move', { eventId: first.id, beforeEventId: null }));
    expect(moved.id).toBe(first.id);
    expect(titles()).toEqual(['A', 'B', 'C', 'Prologue']);
    const keys = must(d.call('events:list', { storyId: story.id })).map((e) => e.orderKey);
    expect(keys).toEqual([...keys].sort((x, y) => x - y));
    expect(keys[3]).toBe(moved.orderKey);
    must(d.call('events:move', { eventId: first.id, beforeEventId: b }));
    expect(titles()).toEqual(['A', 'Prologue', 'B', 'C']);
    expect(d.call('events:move', { eventId: first.id, beforeEventId: first.id })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    const updated = must(d.call('events:update', { eventId: b, description: 'At night' }));
    expect([updated.title, updated.description]).toEqual(['B', 'At night']);
    must(d.call('events:delete', { eventId: a }));
    expect(titles()).toEqual(['Prologue', 'B', 'C']);
    expect(c).toBeTruthy();
    expect(db.prepare('SELECT count(*) AS n FROM event_moments').get()).toEqual({ n: 1 });
  });

  it('creates, edits, moves and deletes beats by intent, answering with their sort keys', async () => {
    const { dispatcher: d } = await tempLibrary();
    const { events } = seedStory(d, { A: ['1', '2', '3'], B: ['x'] });
    const [a, b] = events.map((e) => e.event.id) as [string, string];
    const [one, two] = events[0]!.moments;
    const order = (eventId: string) =>
      must(d.call('moments:list', { eventId })).map((m) => m.description);
    const keysSorted = (eventId: string) => {
      const keys = must(d.call('moments:list', { eventId })).map((m) => m.orderKey);
      return keys.every((k, i) => i === 0 || keys[i - 1]! < k);
    };
    const inserted = must(
      d.call('moments:create', {
        eventId: a,
        description: '1.5',
        beforeMomentId: two!.id,
        timestampOffset: 30,
      }),
    );
    expect(inserted.timestampOffset).toBe(30);
    expect(order(a)).toEqual(['1', '1.5', '2', '3']);
    expect(keysSorted(a)).toBe(true);
    const edited = must(
      d.call('moments:update', {
        momentId: inserted.id,
        timestampOffset: null,
        description: 'one and a half',
      }),
    );
    expect([edited.description, edited.timestampOffset, edited.orderKey]).toEqual([
      'one and a half',
      null,
      inserted.orderKey,
    ]);
    expect(d.invoke('moments:update', { momentId: inserted.id, position: 3 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    must(d.call('moments:move', { momentId: inserted.id, toEventId: a, beforeMomentId: null }));
    expect(order(a)).toEqual(['1', '2', '3', 'one and a half']);
    const across = must(
      d.call('moments:move', {
        momentId: inserted.id,
        toEventId: b,
        beforeMomentId: events[1]!.moments[0]!.id,
      }),
    );
    expect(across.eventId).toBe(b);
    expect(order(b)).toEqual(['one and a half', 'x']);
    const back = must(
      d.call('moments:move', { momentId: inserted.id, toEventId: a, beforeMomentId: one!.id }),
    );
    expect(order(a)).toEqual(['one and a half', '1', '2', '3']);
    expect(must(d.call('moments:get', { momentId: inserted.id }))).toEqual({ ...back, place: 0 });
    must(d.call('moments:delete', { momentId: one!.id }));
    expect(order(a)).toEqual(['one and a half', '2', '3']);
    expect(keysSorted(a) && keysSorted(b)).toBe(true);
  });

  it('refuses impossible moves with a conflict and changes nothing', async () => {
    const lib = await tempLibrary();
    const d = lib.dispatcher;
    const one = seedStory(d, { A: ['1', '2'] }, 'One');
    const two = seedStory(d, { Z: ['z'] }, 'Two');
    const beat = one.events[0]!.moments[0]!.id;
    const a = one.events[0]!.event.id;
    const before = dumpDatabase(lib.db);
    const attempts = [
      { momentId: beat, toEventId: two.events[0]!.event.id, beforeMomentId: null },
      { momentId: beat, toEventId: a, beforeMomentId: beat },
      {
        momentId: beat,
        toEventId: a,
        beforeMomentId: two.events[0]!.moments[0]!.id,
      },
    ];
    for (const input of attempts) {
      expect(d.invoke('moments:move', input)).toMatchObject({
        ok: false,
        error: { code: 'conflict' },
      });
    }
    for (const input of [
      { momentId: beat, position: 0 },
      { momentId: beat, beforeMomentId: null },
      { momentId: beat, toEventId: a },
    ]) {
      expect(d.invoke('moments:move', input)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }
    const missing = randomUUID();
    expect(
      d.call('moments:move', { momentId: missing, toEventId: a, beforeMomentId: null }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(
      d.call('moments:move', { momentId: beat, toEventId: a, beforeMomentId: missing }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(d.call('moments:create', { eventId: missing, description: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(dumpDatabase(lib.db)).toBe(before);
  });

  it('loads a whole story in order', async () => {
    const { dispatcher: d } = await tempLibrary();
    const { story } = seedStory(d, { One: ['a', 'b'], Two: [], Three: ['c'] });
    const timeline = must(d.call('stories:load', { storyId: story.id }));
    expect(timeline.story.id).toBe(story.id);
    expect(timeline.events.map((e) => [e.title, e.moments.map((m) => m.description)])).toEqual([
      ['One', ['a', 'b']],
      ['Two', []],
      ['Three', ['c']],
    ]);
    const beats = timeline.events[0]!.moments;
    expect(beats[0]!.orderKey).toBeLessThan(beats[1]!.orderKey);
  });

  it('reports unexpected failures as internal without leaking details', async () => {
    const lib = await tempLibrary();
    const story = must(lib.dispatcher.call('stories:create', { title: 'S' }));
    const event = must(lib.dispatcher.call('events:create', { storyId: story.id, title: 'E' }));
    lib.db.exec('ALTER TABLE event_moments RENAME TO moved_away');
    const broken = lib.dispatcher.invoke('moments:list', { eventId: event.id });
    expect(broken).toEqual({
      ok: false,
      error: {
        code: 'internal',
        message: expect.not.stringMatching(/SQL|event_moments|moved_away/),
      },
    });
  });

  it('sees order changes made by another connection to the same file', async () => {
    const lib = await tempLibrary();
    const d = lib.dispatcher;
    const { events } = seedStory(d, { A: ['1', '2', '3'] });
    const eventId = events[0]!.event.id;
    const [one, , three] = events[0]!.moments;
    const other = openDatabase(lib.path, { mustExist: true });
    moveMoment(other, three!.id, { toEventId: eventId, beforeMomentId: one!.id });
    other.close();
    must(d.call('moments:move', { momentId: one!.id, toEventId: eventId, beforeMomentId: null }));
    expect(must(d.call('moments:list', { eventId })).map((m) => m.description)).toEqual([
      '3',
      '2',
      '1',
    ]);
  });

  it('keeps order right after a refused request rolled back', async () => {
    const lib = await tempLibrary();
    const d = lib.dispatcher;
    const { events } = seedStory(d, { A: ['1', '2'], B: ['x'] });
    const [a, b] = events;
    const refused = d.call('moments:move', {
      momentId: a!.moments[0]!.id,
      toEventId: b!.event.id,
      beforeMomentId: a!.moments[1]!.id,
    });
    expect(refused.ok).toBe(false);
    must(
      d.call('moments:move', {
        momentId: a!.moments[1]!.id,
        toEventId: a!.event.id,
        beforeMomentId: a!.moments[0]!.id,
      }),
    );
    expect(
      must(d.call('moments:list', { eventId: a!.event.id })).map((m) => m.description),
    ).toEqual(['2', '1']);
    expect(
      must(d.call('moments:list', { eventId: b!.event.id })).map((m) => m.description),
    ).toEqual(['x']);
  });
});
