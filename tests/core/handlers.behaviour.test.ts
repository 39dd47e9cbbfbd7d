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

  it('keeps events in order through create-at, move and delete, cascading their beats', async () => {
    const { dispatcher: d, db } = await tempLibrary();
    const { story, events } = seedStory(d, { A: ['a'], B: ['b'], C: [] });
    const first = must(
      d.call('events:create', { storyId: story.id, title: 'Prologue', position: 0 }),
    );
    expect(first.position).toBe(0);
    const titles = () => must(d.call('events:list', { storyId: story.id })).map((e) => e.title);
    expect(titles()).toEqual(['Prologue', 'A', 'B', 'C']);
    const moved = must(d.call('events:move', { eventId: first.id, position: 3 }));
    expect(moved.map((e) => [e.title, e.position])).toEqual([
      ['A', 0],
      ['B', 1],
      ['C', 2],
      ['Prologue', 3],
    ]);
    expect(d.call('events:move', { eventId: first.id, position: 4 })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    const updated = must(
      d.call('events:update', { eventId: events[1]!.event.id, description: 'At night' }),
    );
    expect([updated.title, updated.description, updated.position]).toEqual(['B', 'At night', 1]);
    must(d.call('events:delete', { eventId: events[0]!.event.id }));
    expect(titles()).toEqual(['B', 'C', 'Prologue']);
    expect(db.prepare('SELECT count(*) AS n FROM event_moments').get()).toEqual({ n: 1 });
  });

  it('creates, edits, moves and deletes beats with dense positions', async () => {
    const { dispatcher: d } = await tempLibrary();
    const { events } = seedStory(d, { A: ['1', '2', '3'], B: ['x'] });
    const [a, b] = events.map((e) => e.event.id) as [string, string];
    const order = (eventId: string) =>
      must(d.call('moments:list', { eventId })).map((m) => `${m.sequenceIndex}:${m.description}`);
    const inserted = must(
      d.call('moments:create', {
        eventId: a,
        description: '1.5',
        position: 1,
        timestampOffset: 30,
      }),
    );
    expect([inserted.sequenceIndex, inserted.timestampOffset]).toEqual([1, 30]);
    expect(order(a)).toEqual(['0:1', '1:1.5', '2:2', '3:3']);
    const edited = must(
      d.call('moments:update', {
        momentId: inserted.id,
        timestampOffset: null,
        description: 'one and a half',
      }),
    );
    expect([edited.description, edited.timestampOffset, edited.sequenceIndex]).toEqual([
      'one and a half',
      null,
      1,
    ]);
    must(d.call('moments:update', { momentId: inserted.id, position: 3 }));
    expect(order(a)).toEqual(['0:1', '1:2', '2:3', '3:one and a half']);
    const across = must(
      d.call('moments:move', { momentId: inserted.id, toEventId: b, position: 0 }),
    );
    expect([across.eventId, across.sequenceIndex]).toEqual([b, 0]);
    expect(order(b)).toEqual(['0:one and a half', '1:x']);
    const toEnd = must(
      d.call('moments:move', { momentId: inserted.id, toEventId: a, beforeMomentId: null }),
    );
    expect(toEnd.sequenceIndex).toBe(3);
    must(d.call('moments:delete', { momentId: events[0]!.moments[0]!.id }));
    expect(order(a)).toEqual(['0:2', '1:3', '2:one and a half']);
    expect(must(d.call('moments:get', { momentId: inserted.id })).sequenceIndex).toBe(2);
  });

  it('refuses impossible moves with a conflict and changes nothing', async () => {
    const lib = await tempLibrary();
    const d = lib.dispatcher;
    const one = seedStory(d, { A: ['1', '2'] }, 'One');
    const two = seedStory(d, { Z: ['z'] }, 'Two');
    const beat = one.events[0]!.moments[0]!.id;
    const before = dumpDatabase(lib.db);
    const attempts = [
      { momentId: beat, toEventId: two.events[0]!.event.id, position: 0 },
      { momentId: beat, position: 2 },
      { momentId: beat, beforeMomentId: beat },
      { momentId: beat, beforeMomentId: two.events[0]!.moments[0]!.id },
      {
        momentId: beat,
        toEventId: one.events[0]!.event.id,
        beforeMomentId: two.events[0]!.moments[0]!.id,
      },
    ];
    for (const input of attempts) {
      expect(d.invoke('moments:move', input)).toMatchObject({
        ok: false,
        error: { code: 'conflict' },
      });
    }
    const missing = randomUUID();
    expect(d.call('moments:move', { momentId: missing, position: 0 })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
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
    expect(
      timeline.events.map((e) => [
        e.title,
        e.position,
        e.moments.map((m) => [m.description, m.sequenceIndex]),
      ]),
    ).toEqual([
      [
        'One',
        0,
        [
          ['a', 0],
          ['b', 1],
        ],
      ],
      ['Two', 1, []],
      ['Three', 2, [['c', 0]]],
    ]);
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
    expect(must(d.call('moments:get', { momentId: three!.id })).sequenceIndex).toBe(2);
    const other = openDatabase(lib.path, { mustExist: true });
    moveMoment(other, three!.id, { position: 0 });
    other.close();
    expect(must(d.call('moments:get', { momentId: three!.id })).sequenceIndex).toBe(0);
    const moved = must(
      d.call('moments:move', { momentId: one!.id, toEventId: eventId, beforeMomentId: null }),
    );
    expect(moved.sequenceIndex).toBe(2);
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
    expect(
      d.call('moments:move', { momentId: a!.moments[0]!.id, toEventId: b!.event.id, position: 5 })
        .ok,
    ).toBe(false);
    must(d.call('moments:move', { momentId: a!.moments[1]!.id, position: 0 }));
    expect(
      must(d.call('moments:list', { eventId: a!.event.id })).map((m) => m.description),
    ).toEqual(['2', '1']);
    expect(
      must(d.call('moments:list', { eventId: b!.event.id })).map((m) => m.description),
    ).toEqual(['x']);
  });
});
