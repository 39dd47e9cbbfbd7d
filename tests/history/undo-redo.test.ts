import { describe, expect, it } from 'vitest';
import { newId } from '../../electron/core/ids';
import type { Library } from '../../electron/core/library';
import { must, seedStory, tempLibrary } from '../helpers/library';
import { contentDump, steps } from './helpers';

type Act = (lib: Library, s: ReturnType<typeof seed>) => unknown;

function seed(lib: Library) {
  return seedStory(lib.dispatcher, {
    'Storm at Sea': ['She climbs the mast in the storm', 'The wave', 'Rescue'],
    Harbour: ['Arrival'],
    Empty: [],
  });
}

/** Every write channel, with the label its step gets. */
const ACTIONS: Array<[string, string, Act]> = [
  [
    'moments:create',
    "add beat 'A gull'",
    (lib, s) =>
      lib.dispatcher.call('moments:create', {
        eventId: s.events[0]!.event.id,
        description: 'A gull',
        beforeMomentId: s.events[0]!.moments[1]!.id,
        id: newId(),
      }),
  ],
  [
    'moments:update (text)',
    "edit beat 'She climbs the mast in t…'",
    (lib, s) =>
      lib.dispatcher.call('moments:update', {
        momentId: s.events[0]!.moments[0]!.id,
        description: 'She falls',
      }),
  ],
  [
    'moments:update (time)',
    "set time of beat 'The wave'",
    (lib, s) =>
      lib.dispatcher.call('moments:update', {
        momentId: s.events[0]!.moments[1]!.id,
        timestampOffset: 12.5,
      }),
  ],
  [
    'moments:move (within its event)',
    "move beat 'The wave'",
    (lib, s) =>
      lib.dispatcher.call('moments:move', {
        momentId: s.events[0]!.moments[1]!.id,
        toEventId: s.events[0]!.event.id,
        beforeMomentId: null,
      }),
  ],
  [
    'moments:move (across events)',
    "move beat 'Rescue'",
    (lib, s) =>
      lib.dispatcher.call('moments:move', {
        momentId: s.events[0]!.moments[2]!.id,
        toEventId: s.events[1]!.event.id,
        beforeMomentId: null,
      }),
  ],
  [
    'moments:delete',
    "delete beat 'The wave'",
    (lib, s) => lib.dispatcher.call('moments:delete', { momentId: s.events[0]!.moments[1]!.id }),
  ],
  [
    'events:create',
    "add event 'Dawn'",
    (lib, s) =>
      lib.dispatcher.call('events:create', {
        storyId: s.story.id,
        title: 'Dawn',
        beforeEventId: s.events[0]!.event.id,
        id: newId(),
      }),
  ],
  [
    'events:update',
    "rename event 'Harbour'",
    (lib, s) =>
      lib.dispatcher.call('events:update', { eventId: s.events[1]!.event.id, title: 'Port' }),
  ],
  [
    'events:move',
    "move event 'Empty'",
    (lib, s) =>
      lib.dispatcher.call('events:move', {
        eventId: s.events[2]!.event.id,
        beforeEventId: s.events[0]!.event.id,
      }),
  ],
  [
    'events:delete',
    "delete event 'Storm at Sea'",
    (lib, s) => lib.dispatcher.call('events:delete', { eventId: s.events[0]!.event.id }),
  ],
  [
    'stories:create',
    "create story 'Another'",
    (lib) => lib.dispatcher.call('stories:create', { title: 'Another', id: newId() }),
  ],
  [
    'stories:update',
    "rename story 'Seeded story'",
    (lib, s) => lib.dispatcher.call('stories:update', { storyId: s.story.id, title: 'Renamed' }),
  ],
  [
    'stories:delete',
    "delete story 'Seeded story'",
    (lib, s) => lib.dispatcher.call('stories:delete', { storyId: s.story.id }),
  ],
  [
    'stories:import',
    "import story 'Imported'",
    (lib) =>
      lib.dispatcher.call('stories:import', {
        format: 'md',
        content: '# Imported\n\n## One\n\n- first\n- second\n\n## Two\n\n- third\n',
      }),
  ],
];

const LIBRARY_CHANNELS = ['stories:create', 'stories:update', 'stories:delete', 'stories:import'];

describe('undo and redo of every write channel', () => {
  for (const [name, label, act] of ACTIONS) {
    it(`${name}: undo restores every row exactly, redo brings the change back with its ids`, async () => {
      const lib = await tempLibrary();
      const s = seed(lib);
      const storyId = LIBRARY_CHANNELS.includes(name) ? null : s.story.id;
      const before = contentDump(lib.db);
      must(act(lib, s) as never);
      const after = contentDump(lib.db);
      expect(after).not.toBe(before);
      expect(must(lib.dispatcher.call('history:state', { storyId })).undo).toEqual({ label });

      const undone = must(lib.dispatcher.call('history:undo', { storyId }));
      expect(undone.label).toBe(label);
      expect(contentDump(lib.db)).toBe(before);
      expect(undone.state.redo).toEqual({ label });
      if (storyId) expect(undone.storyIds).toEqual([storyId]);
      else expect(undone.storyIds).toHaveLength(1);

      const redone = must(lib.dispatcher.call('history:redo', { storyId }));
      expect(redone.label).toBe(label);
      expect(contentDump(lib.db)).toBe(after);
      expect(redone.state).toEqual({ undo: { label }, redo: null });

      // And once more each way: the stored operations stay exact after a round trip.
      must(lib.dispatcher.call('history:undo', { storyId }));
      expect(contentDump(lib.db)).toBe(before);
      must(lib.dispatcher.call('history:redo', { storyId }));
      expect(contentDump(lib.db)).toBe(after);
      expect(lib.db.pragma('foreign_key_check')).toEqual([]);
    });
  }

  it('undoes a whole session step by step back to the seed, then redoes it all', async () => {
    const lib = await tempLibrary();
    const s = seed(lib);
    const storyId = s.story.id;
    const dumps = [contentDump(lib.db)];
    for (const [name, , act] of ACTIONS) {
      if (LIBRARY_CHANNELS.includes(name) || name === 'events:delete') continue;
      const result = act(lib, s) as { ok: boolean };
      if (result.ok) dumps.push(contentDump(lib.db));
    }
    for (let i = dumps.length - 1; i > 0; i--) {
      expect(must(lib.dispatcher.call('history:undo', { storyId })).label).not.toBeNull();
      expect(contentDump(lib.db)).toBe(dumps[i - 1]);
    }
    // What is left to undo is the seed itself (it went through the same channels).
    expect(must(lib.dispatcher.call('history:state', { storyId })).undo).toEqual({
      label: "add event 'Empty'",
    });
    for (let i = 1; i < dumps.length; i++) {
      must(lib.dispatcher.call('history:redo', { storyId }));
      expect(contentDump(lib.db)).toBe(dumps[i]);
    }
    expect(must(lib.dispatcher.call('history:redo', { storyId })).label).toBeNull();
  });

  it('a new action drops the steps that could be redone', async () => {
    const lib = await tempLibrary();
    const s = seed(lib);
    const storyId = s.story.id;
    const eventId = s.events[1]!.event.id;
    must(lib.dispatcher.call('moments:create', { eventId, description: 'one' }));
    must(lib.dispatcher.call('moments:create', { eventId, description: 'two' }));
    must(lib.dispatcher.call('history:undo', { storyId }));
    expect(must(lib.dispatcher.call('history:state', { storyId })).redo).toEqual({
      label: "add beat 'two'",
    });
    must(lib.dispatcher.call('moments:create', { eventId, description: 'three' }));
    expect(must(lib.dispatcher.call('history:state', { storyId })).redo).toBeNull();
    expect(steps(lib.db, storyId).slice(-2)).toEqual([
      { label: "add beat 'one'", undone: 0 },
      { label: "add beat 'three'", undone: 0 },
    ]);
  });

  it('undo of a delete brings back the same ids, texts, times and places', async () => {
    const lib = await tempLibrary();
    const s = seed(lib);
    const storyId = s.story.id;
    const before = must(lib.dispatcher.call('stories:load', { storyId }));
    must(lib.dispatcher.call('events:delete', { eventId: s.events[0]!.event.id }));
    must(lib.dispatcher.call('history:undo', { storyId }));
    const after = must(lib.dispatcher.call('stories:load', { storyId }));
    expect(after.events).toEqual(before.events);
  });

  it('redo of a create re-creates the same id the client chose', async () => {
    const lib = await tempLibrary();
    const s = seed(lib);
    const id = newId();
    const made = must(
      lib.dispatcher.call('moments:create', {
        eventId: s.events[2]!.event.id,
        description: 'x',
        id,
      }),
    );
    expect(made.id).toBe(id);
    must(lib.dispatcher.call('history:undo', { storyId: s.story.id }));
    expect(lib.dispatcher.call('moments:get', { momentId: id })).toMatchObject({ ok: false });
    must(lib.dispatcher.call('history:redo', { storyId: s.story.id }));
    expect(must(lib.dispatcher.call('moments:get', { momentId: id }))).toMatchObject(made);
  });

  it('refuses a client id that is already taken, and writes nothing', async () => {
    const lib = await tempLibrary();
    const s = seed(lib);
    const taken = s.events[0]!.moments[0]!.id;
    const before = contentDump(lib.db);
    const historyBefore = steps(lib.db, s.story.id);
    for (const [channel, input] of [
      ['moments:create', { eventId: s.events[1]!.event.id, description: 'x', id: taken }],
      ['events:create', { storyId: s.story.id, title: 'x', id: s.events[0]!.event.id }],
      ['stories:create', { title: 'x', id: s.story.id }],
    ] as const) {
      expect(lib.dispatcher.invoke(channel, input)).toMatchObject({
        ok: false,
        error: { code: 'conflict', message: expect.stringMatching(/already exists/) as string },
      });
    }
    expect(contentDump(lib.db)).toBe(before);
    expect(steps(lib.db, s.story.id)).toEqual(historyBefore);
  });
});
