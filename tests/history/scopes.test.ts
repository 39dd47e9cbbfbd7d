import { afterEach, describe, expect, it, vi } from 'vitest';
import { newId } from '../../electron/core/ids';
import { openLibrary } from '../../electron/core/library';
import { HISTORY_LIMIT, MERGE_WINDOW_MS } from '../../electron/core/history/record';
import { runAsWriter } from '../../electron/core/writer';
import { dumpDatabase, must, seedStory, tempLibrary } from '../helpers/library';
import { contentDump, steps } from './helpers';

afterEach(() => {
  vi.useRealTimers();
});

const countBeats = (lib: { db: { prepare(sql: string): { pluck(): { get(): unknown } } } }) =>
  lib.db.prepare('SELECT count(*) FROM event_moments').pluck().get() as number;

describe('history is per story', () => {
  it('undo in one story never changes another', async () => {
    const lib = await tempLibrary();
    const a = seedStory(lib.dispatcher, { A1: ['a'], A2: [] }, 'Story A');
    const b = seedStory(lib.dispatcher, { B1: ['b'] }, 'Story B');
    const d = lib.dispatcher;
    const storyB = () =>
      JSON.stringify(must(d.call('stories:load', { storyId: b.story.id })).events);
    // Interleaved edits in both stories.
    must(d.call('moments:create', { eventId: a.events[0]!.event.id, description: 'a2' }));
    must(d.call('moments:update', { momentId: b.events[0]!.moments[0]!.id, description: 'B!' }));
    must(
      d.call('events:move', {
        eventId: a.events[1]!.event.id,
        beforeEventId: a.events[0]!.event.id,
      }),
    );
    must(d.call('moments:create', { eventId: b.events[0]!.event.id, description: 'b2' }));
    const bNow = storyB();
    let undone = 0;
    while (must(d.call('history:undo', { storyId: a.story.id })).label !== null) {
      undone++;
      expect(storyB()).toBe(bNow);
    }
    expect(undone).toBe(5); // 3 seed steps (2 events, 1 beat) + 2 edits
    expect(must(d.call('stories:load', { storyId: a.story.id })).events).toEqual([]);
    expect(must(d.call('history:state', { storyId: b.story.id })).undo).toEqual({
      label: "add beat 'b2'",
    });
  });

  it('a rename typed in the story view (history: story) is a step of the story, undone there', async () => {
    const lib = await tempLibrary();
    const d = lib.dispatcher;
    const { story, events } = seedStory(d, { One: ['x'], Two: [] }, 'Harbour');
    must(d.call('moments:create', { eventId: events[1]!.event.id, description: 'Gulls' }));
    const libraryBefore = steps(lib.db, '').map((s) => s.label);
    must(
      d.call('stories:update', { storyId: story.id, title: 'Harbour Lights', history: 'story' }),
    );
    // The library's history did not get it; the story's newest step is the rename.
    expect(steps(lib.db, '').map((s) => s.label)).toEqual(libraryBefore);
    expect(must(d.call('history:state', { storyId: story.id })).undo).toEqual({
      label: "rename story 'Harbour'",
    });
    // Undo in the story takes the title back and leaves the beat.
    expect(must(d.call('history:undo', { storyId: story.id })).label).toBe(
      "rename story 'Harbour'",
    );
    expect(must(d.call('stories:get', { storyId: story.id })).title).toBe('Harbour');
    const beats = must(d.call('moments:list', { eventId: events[1]!.event.id }));
    expect(beats.map((m) => m.description)).toEqual(['Gulls']);
    expect(must(d.call('history:redo', { storyId: story.id })).label).toBe(
      "rename story 'Harbour'",
    );
    expect(must(d.call('stories:get', { storyId: story.id })).title).toBe('Harbour Lights');
    // Anything else is refused, and changes nothing.
    const refused = d.call('stories:update', {
      storyId: story.id,
      title: 'X',
      history: 'both' as never,
    });
    expect(refused.ok).toBe(false);
    expect(must(d.call('stories:get', { storyId: story.id })).title).toBe('Harbour Lights');
  });

  it('the library scope holds create, rename, delete and import; story steps stay apart', async () => {
    const lib = await tempLibrary();
    const d = lib.dispatcher;
    const { story, events } = seedStory(d, { One: ['x', 'y'] }, 'Kept');
    must(d.call('stories:update', { storyId: story.id, title: 'Kept too' }));
    must(d.call('stories:delete', { storyId: story.id }));
    expect(steps(lib.db, '').map((s) => s.label)).toEqual([
      "create story 'Kept'",
      "rename story 'Kept'",
      "delete story 'Kept too'",
    ]);
    expect(must(d.call('history:state', { storyId: null })).undo).toEqual({
      label: "delete story 'Kept too'",
    });
    const back = must(d.call('history:undo', { storyId: null }));
    expect(back.storyIds).toEqual([story.id]);
    const loaded = must(d.call('stories:load', { storyId: story.id }));
    expect(loaded.events.map((e) => e.moments.map((m) => m.id))).toEqual([
      events[0]!.moments.map((m) => m.id),
    ]);
    // The story's own history came back with it and still applies.
    expect(must(d.call('history:undo', { storyId: story.id })).label).toBe("add beat 'y'");
    expect(countBeats(lib)).toBe(1);
  });

  it("drops a deleted story's history once no library step can bring the story back", async () => {
    const lib = await tempLibrary();
    const kept = seedStory(lib.dispatcher, { One: ['a'] }, 'Kept');
    const gone = seedStory(lib.dispatcher, { One: ['a'] }, 'Gone');
    must(lib.dispatcher.call('stories:delete', { storyId: gone.story.id }));
    // As if the library's steps for it (create, delete) had been pruned long ago.
    lib.db.prepare("DELETE FROM history_steps WHERE scope = '' AND label LIKE '%''Gone''%'").run();
    // The library scope is pruned at every 64th step.
    const last = () =>
      lib.db
        .prepare("SELECT max(step) FROM history_steps WHERE scope = ''")
        .pluck()
        .get() as number;
    while (last() % 64 !== 63) must(lib.dispatcher.call('stories:create', { title: 'Filler' }));
    expect(steps(lib.db, gone.story.id)).toHaveLength(2);
    must(lib.dispatcher.call('stories:create', { title: 'New' }));
    expect(steps(lib.db, gone.story.id)).toEqual([]);
    expect(steps(lib.db, kept.story.id)).toHaveLength(2);
  });

  it('refuses to undo creating a story that has since been filled, and changes nothing', async () => {
    const lib = await tempLibrary();
    const d = lib.dispatcher;
    const story = must(d.call('stories:create', { title: 'Full' }));
    must(d.call('events:create', { storyId: story.id, title: 'Scene' }));
    const before = dumpDatabase(lib.db);
    const result = d.call('history:undo', { storyId: null });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'conflict',
        message:
          "Could not undo create story 'Full': the story holds other things now than it did " +
          'then (remove them first, or delete it). Nothing was changed.',
      },
    });
    expect(dumpDatabase(lib.db)).toBe(before);
  });

  it('survives closing and reopening the library', async () => {
    const lib = await tempLibrary();
    const { story, events } = seedStory(lib.dispatcher, { One: ['first'] });
    const before = contentDump(lib.db);
    must(
      lib.dispatcher.call('moments:update', {
        momentId: events[0]!.moments[0]!.id,
        description: 'changed',
      }),
    );
    must(lib.dispatcher.call('moments:delete', { momentId: events[0]!.moments[0]!.id }));
    lib.close();
    const again = await openLibrary(lib.path, { logError: () => {} });
    try {
      expect(must(again.dispatcher.call('history:state', { storyId: story.id })).undo).toEqual({
        label: "delete beat 'changed'",
      });
      must(again.dispatcher.call('history:undo', { storyId: story.id }));
      must(again.dispatcher.call('history:undo', { storyId: story.id }));
      expect(contentDump(again.db)).toBe(before);
      expect(must(again.dispatcher.call('history:state', { storyId: story.id })).redo).toEqual({
        label: "edit beat 'first'",
      });
    } finally {
      again.close();
    }
  });

  it(
    `keeps at most ${HISTORY_LIMIT} steps per scope, pruning the oldest`,
    { timeout: 240_000 },
    async () => {
      const lib = await tempLibrary();
      const { story, events } = seedStory(lib.dispatcher, { One: [] });
      const other = seedStory(lib.dispatcher, { Two: ['kept'] }, 'Other');
      const eventId = events[0]!.event.id;
      const total = HISTORY_LIMIT + 100;
      const count = (scope: string) =>
        lib.db
          .prepare('SELECT count(*) FROM history_steps WHERE scope = ?')
          .pluck()
          .get(scope) as number;
      lib.db.pragma('synchronous = OFF'); // 2,000 commits: the bound is the point, not fsync
      for (let i = 0; i < total; i++) {
        must(lib.dispatcher.call('moments:create', { eventId, description: `beat ${i}` }));
        expect(count(story.id)).toBeLessThanOrEqual(HISTORY_LIMIT);
      }
      // Pruned every 64 steps down to 936: between 936 and 1,000 at any time.
      const kept = count(story.id);
      expect(kept).toBeGreaterThan(HISTORY_LIMIT - 64);
      expect(count(other.story.id)).toBe(2); // another scope is not pruned by this one
      let undone = 0;
      while (must(lib.dispatcher.call('history:undo', { storyId: story.id })).label !== null) {
        undone++;
      }
      expect(undone).toBe(kept);
      // The oldest steps (the event's creation and the first beats) were pruned: those stay.
      expect(countBeats(lib)).toBe(total - kept + 1); // + 'kept' in the other story
    },
  );
});

describe('typing merges into one step per field per pause', () => {
  it(`merges consecutive edits of one field less than ${MERGE_WINDOW_MS} ms apart`, async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    // Later than the stamps earlier tests gave: a step's stamp never goes back (clock.ts), and
    // the window runs from the last step's stamp.
    vi.setSystemTime(new Date('2036-03-01T10:00:00.000Z'));
    const lib = await tempLibrary();
    const { story, events } = seedStory(lib.dispatcher, { One: ['She climbs'] });
    const momentId = events[0]!.moments[0]!.id;
    const d = lib.dispatcher;
    const type = (description: string, ms: number) => {
      vi.advanceTimersByTime(ms);
      must(d.call('moments:update', { momentId, description }));
    };
    const stepCount = () => steps(lib.db, story.id).length;
    const seeded = stepCount();
    type('She climbs t', 100);
    type('She climbs th', 1500); // 1.5 s after the last: merges
    type('She climbs the', 1900); // merges again (the window runs from the last edit)
    expect(stepCount()).toBe(seeded + 1);
    type('She climbs the mast', MERGE_WINDOW_MS + 1); // a pause: a new step
    expect(stepCount()).toBe(seeded + 2);
    must(d.call('moments:update', { momentId, timestampOffset: 3 })); // another field: new step
    must(d.call('moments:update', { momentId, description: 'She climbs the mast!' }));
    expect(stepCount()).toBe(seeded + 4);

    must(d.call('history:undo', { storyId: story.id }));
    must(d.call('history:undo', { storyId: story.id }));
    expect(must(d.call('moments:get', { momentId })).description).toBe('She climbs the mast');
    must(d.call('history:undo', { storyId: story.id }));
    expect(must(d.call('moments:get', { momentId })).description).toBe('She climbs the');
    const first = must(d.call('history:undo', { storyId: story.id }));
    expect(first.label).toBe("edit beat 'She climbs'");
    expect(must(d.call('moments:get', { momentId })).description).toBe('She climbs');
    must(d.call('history:redo', { storyId: story.id }));
    expect(must(d.call('moments:get', { momentId })).description).toBe('She climbs the');
  });

  it('a story-time label typed in the Chronology merges too; a mode change is its own step', async () => {
    const lib = await tempLibrary();
    const { story, events } = seedStory(lib.dispatcher, { Quay: ['a'] });
    const eventId = events[0]!.event.id;
    const d = lib.dispatcher;
    const seeded = steps(lib.db, story.id).length;
    const timeLabel = () =>
      lib.db.prepare('SELECT time_label FROM events WHERE event_uuid = ?').pluck().get(eventId);
    for (const label of ['Day', 'Day 3', 'Day 3, dawn']) {
      must(d.call('events:setStoryTime', { eventId, label }));
    }
    expect(steps(lib.db, story.id).length).toBe(seeded + 1);
    must(d.call('events:setStoryTime', { eventId, mode: 'flashback' }));
    must(d.call('events:setStoryTime', { eventId, label: 'Day 3, dusk' }));
    expect(steps(lib.db, story.id).length).toBe(seeded + 3);
    must(d.call('history:undo', { storyId: story.id }));
    must(d.call('history:undo', { storyId: story.id }));
    expect(timeLabel()).toBe('Day 3, dawn');
    must(d.call('history:undo', { storyId: story.id }));
    expect(timeLabel()).toBe('');
  });

  it('does not merge into a step after it was undone and redone, nor across records', async () => {
    const lib = await tempLibrary();
    const { story, events } = seedStory(lib.dispatcher, { One: ['a', 'b'] });
    const d = lib.dispatcher;
    const [a, b] = events[0]!.moments;
    const seeded = steps(lib.db, story.id).length;
    must(d.call('moments:update', { momentId: a!.id, description: 'a1' }));
    must(d.call('moments:update', { momentId: b!.id, description: 'b1' }));
    must(d.call('moments:update', { momentId: a!.id, description: 'a2' }));
    expect(steps(lib.db, story.id).length).toBe(seeded + 3);
    must(d.call('history:undo', { storyId: story.id }));
    must(d.call('history:redo', { storyId: story.id }));
    must(d.call('moments:update', { momentId: a!.id, description: 'a3' }));
    expect(steps(lib.db, story.id).length).toBe(seeded + 4);
  });

  it('never merges one writer’s typing with another’s: Undo takes back only the last writer', async () => {
    const lib = await tempLibrary();
    const { story, events } = seedStory(lib.dispatcher, { One: ['Original'] });
    const momentId = events[0]!.moments[0]!.id;
    const d = lib.dispatcher;
    const typeAs = (writer: string | null, description: string) =>
      runAsWriter(writer, () => must(d.call('moments:update', { momentId, description })));
    const seeded = steps(lib.db, story.id).length;
    typeAs('window-a', 'Original, m');
    typeAs(null, 'Theirs'); // a script through the API, within the same second
    typeAs('window-a', 'Original, mine'); // Keep mine, right after
    expect(steps(lib.db, story.id).length).toBe(seeded + 3);
    must(d.call('history:undo', { storyId: story.id }));
    expect(must(d.call('moments:get', { momentId })).description).toBe('Theirs');
  });
});

/**
 * History lives in the file and is shared by every window on it: a change made through the
 * channels in another window is a step of the same story, undone in its turn. What undo must
 * not overwrite is a change history does not know: another tool on the file (a script, an
 * older app, the CLI's direct import), written here with plain SQL on a second connection.
 */
describe('another writer changed the world: undo answers conflict and changes nothing', () => {
  async function twoWriters() {
    const lib = await tempLibrary();
    const other = await openLibrary(lib.path, { logError: () => {} });
    return { lib, other };
  }

  it('a beat cannot go back into an event deleted elsewhere', async () => {
    const { lib, other } = await twoWriters();
    try {
      const { story, events } = seedStory(lib.dispatcher, { One: ['a', 'b'] });
      must(lib.dispatcher.call('moments:delete', { momentId: events[0]!.moments[1]!.id }));
      other.db.prepare('DELETE FROM events WHERE event_uuid = ?').run(events[0]!.event.id);
      const before = dumpDatabase(lib.db);
      const result = lib.dispatcher.call('history:undo', { storyId: story.id });
      expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
      if (!result.ok) {
        expect(result.error.message).toBe(
          "Could not undo delete beat 'b': the event it belongs to was deleted elsewhere " +
            '(in another window or tool). Nothing was changed.',
        );
      }
      expect(dumpDatabase(lib.db)).toBe(before);
      expect(must(lib.dispatcher.call('history:state', { storyId: story.id })).undo).toEqual({
        label: "delete beat 'b'",
      });
    } finally {
      other.close();
    }
  });

  it('an edit is not undone over a newer edit made elsewhere; neither is an add', async () => {
    const { lib, other } = await twoWriters();
    try {
      const { story, events } = seedStory(lib.dispatcher, { One: ['a'] });
      const momentId = events[0]!.moments[0]!.id;
      must(lib.dispatcher.call('moments:update', { momentId, description: 'mine' }));
      other.db
        .prepare(
          "UPDATE event_moments SET beat_description = 'theirs', updated_at = ? WHERE moment_uuid = ?",
        )
        .run(new Date().toISOString(), momentId);
      const before = dumpDatabase(lib.db);
      expect(lib.dispatcher.call('history:undo', { storyId: story.id })).toMatchObject({
        ok: false,
        error: {
          code: 'conflict',
          message: expect.stringMatching(/the beat was changed elsewhere/),
        },
      });
      expect(dumpDatabase(lib.db)).toBe(before);

      const event = must(lib.dispatcher.call('events:create', { storyId: story.id, title: 'New' }));
      other.db
        .prepare(
          `INSERT INTO event_moments (moment_uuid, event_uuid, sequence_index, beat_description,
            created_at, updated_at) VALUES (?, ?, 0, 'theirs', '2026-01-01', '2026-01-01')`,
        )
        .run(newId(), event.id);
      const before2 = dumpDatabase(lib.db);
      expect(lib.dispatcher.call('history:undo', { storyId: story.id })).toMatchObject({
        ok: false,
        error: {
          code: 'conflict',
          message: expect.stringMatching(/Could not undo add event 'New'/),
        },
      });
      expect(dumpDatabase(lib.db)).toBe(before2);
    } finally {
      other.close();
    }
  });

  it('undo in a story that was deleted is a conflict, not a crash', async () => {
    const lib = await tempLibrary();
    const { story } = seedStory(lib.dispatcher, { One: ['a'] });
    must(lib.dispatcher.call('stories:delete', { storyId: story.id }));
    const before = dumpDatabase(lib.db);
    expect(lib.dispatcher.call('history:undo', { storyId: story.id })).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message:
          "Could not undo add beat 'a': the story was deleted (undo that in the library first).",
      },
    });
    expect(dumpDatabase(lib.db)).toBe(before);
  });

  it('a story that does not exist (and has no history kept) is not_found, as on every story channel', async () => {
    const lib = await tempLibrary();
    const d = lib.dispatcher;
    const { story } = seedStory(d, { One: ['a'] });
    must(d.call('history:undo', { storyId: story.id })); // a step that could be redone
    const gone = seedStory(d, {}, 'Gone').story; // created empty: its history has no step
    must(d.call('stories:delete', { storyId: gone.id }));
    const before = dumpDatabase(lib.db);
    for (const storyId of [
      newId(),
      gone.id,
      story.id.replace(/.$/, (c) => (c === '0' ? '1' : '0')),
    ]) {
      const notFound = { code: 'not_found', message: `No story with id ${storyId}.` };
      expect(d.call('stories:get', { storyId })).toEqual({ ok: false, error: notFound });
      for (const channel of ['history:state', 'history:undo', 'history:redo'] as const) {
        expect(d.call(channel, { storyId }), `${channel} ${storyId}`).toEqual({
          ok: false,
          error: notFound,
        });
      }
    }
    expect(dumpDatabase(lib.db)).toBe(before);
  });
});

describe('expectedUpdatedAt: an edit against a stale copy is refused', () => {
  it('beats, events and stories', async () => {
    const lib = await tempLibrary();
    const d = lib.dispatcher;
    const { story, events } = seedStory(d, { One: ['a'] });
    const beat = events[0]!.moments[0]!;
    const event = events[0]!.event;
    const fresh = must(
      d.call('moments:update', {
        momentId: beat.id,
        description: 'b',
        expectedUpdatedAt: beat.updatedAt,
      }),
    );
    const before = dumpDatabase(lib.db);
    const stale = d.call('moments:update', {
      momentId: beat.id,
      description: 'c',
      expectedUpdatedAt: beat.updatedAt,
    });
    expect(stale).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message:
          'This beat was changed in another window since you opened it; reload it to see the ' +
          'change, then make your edit again.',
      },
    });
    expect(dumpDatabase(lib.db)).toBe(before);
    must(
      d.call('moments:update', {
        momentId: beat.id,
        description: 'c',
        expectedUpdatedAt: fresh.updatedAt,
      }),
    );

    must(
      d.call('events:update', {
        eventId: event.id,
        title: 'T',
        expectedUpdatedAt: event.updatedAt,
      }),
    );
    expect(
      d.call('events:update', {
        eventId: event.id,
        title: 'U',
        expectedUpdatedAt: event.updatedAt,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/^This event was changed/) },
    });
    const current = must(d.call('stories:get', { storyId: story.id }));
    must(
      d.call('stories:update', {
        storyId: story.id,
        title: 'S',
        expectedUpdatedAt: current.updatedAt,
      }),
    );
    expect(
      d.call('stories:update', {
        storyId: story.id,
        title: 'S2',
        expectedUpdatedAt: current.updatedAt,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/^This story was changed/) },
    });
  });

  it('updated_at moves on every write, even many in one millisecond', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-01T10:00:00.000Z'));
    const lib = await tempLibrary();
    const { events } = seedStory(lib.dispatcher, { One: ['a', 'b'] });
    const momentId = events[0]!.moments[0]!.id;
    const seen = new Set<string>();
    let last = '';
    for (let i = 0; i < 20; i++) {
      const m =
        i % 2 === 0
          ? must(
              lib.dispatcher.call('moments:update', {
                momentId,
                description: `v${i}`,
                expectedUpdatedAt: last || undefined,
              }),
            )
          : must(
              lib.dispatcher.call('moments:move', {
                momentId,
                toEventId: events[0]!.event.id,
                beforeMomentId: i % 4 === 1 ? null : events[0]!.moments[1]!.id,
              }),
            );
      expect(m.updatedAt > last).toBe(true);
      seen.add(m.updatedAt);
      last = m.updatedAt;
    }
    expect(seen.size).toBe(20);
  });
});

describe("a story's updated_at is its last edit", () => {
  it('moves with every change inside the story, undo and redo too; stories:list is newest first', async () => {
    const lib = await tempLibrary();
    const d = lib.dispatcher;
    const a = seedStory(d, { One: ['a'] }, 'A');
    const b = seedStory(d, { Two: ['b'] }, 'B');
    const stamp = (id: string) => must(d.call('stories:get', { storyId: id })).updatedAt;
    const order = () => must(d.call('stories:list', {})).map((s) => s.title);
    expect(order()).toEqual(['B', 'A']);
    const edits: Array<() => unknown> = [
      () => d.call('moments:update', { momentId: a.events[0]!.moments[0]!.id, description: 'x' }),
      () => d.call('moments:create', { eventId: a.events[0]!.event.id, description: 'y' }),
      () =>
        d.call('moments:move', {
          momentId: a.events[0]!.moments[0]!.id,
          toEventId: a.events[0]!.event.id,
          beforeMomentId: null,
        }),
      () => d.call('events:update', { eventId: a.events[0]!.event.id, title: 'Renamed' }),
      () => d.call('history:undo', { storyId: a.story.id }),
      () => d.call('history:redo', { storyId: a.story.id }),
      () => d.call('moments:delete', { momentId: a.events[0]!.moments[0]!.id }),
      () => d.call('events:delete', { eventId: a.events[0]!.event.id }),
    ];
    for (const edit of edits) {
      must(
        d.call('moments:update', {
          momentId: b.events[0]!.moments[0]!.id,
          description: String(Math.random()),
        }),
      );
      expect(order()).toEqual(['B', 'A']);
      const before = stamp(a.story.id);
      must(edit() as never);
      expect(stamp(a.story.id) > before).toBe(true);
      expect(order()).toEqual(['A', 'B']);
    }
  });

  it('stories:get and stories:list count what the story holds now', async () => {
    const lib = await tempLibrary();
    const d = lib.dispatcher;
    const { story, events } = seedStory(d, { One: ['a', 'b'], Two: ['c'] });
    expect(must(d.call('stories:get', { storyId: story.id }))).toMatchObject({
      eventCount: 2,
      beatCount: 3,
    });
    must(d.call('moments:delete', { momentId: events[0]!.moments[0]!.id }));
    expect(must(d.call('stories:get', { storyId: story.id }))).toMatchObject({
      eventCount: 2,
      beatCount: 2,
    });
    expect(must(d.call('stories:list', {}))[0]).toMatchObject({ eventCount: 2, beatCount: 2 });
  });
});
