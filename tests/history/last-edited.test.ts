import { afterEach, describe, expect, it, vi } from 'vitest';
import { openLibrary } from '../../electron/core/library';
import type { DatabaseHandle } from '../../electron/core/db/open';
import { must, seedStory, tempLibrary } from '../helpers/library';

afterEach(() => {
  vi.useRealTimers();
});

/** Counts writes to `stories` rows from now on (a temporary trigger); call the result to read. */
function storyRowWrites(db: DatabaseHandle): () => number {
  let count = 0;
  db.function('test_story_row_write', () => {
    count++;
    return null;
  });
  db.exec(`CREATE TEMP TRIGGER test_story_row_writes AFTER UPDATE ON main.stories
    BEGIN SELECT test_story_row_write(); END`);
  return () => count;
}

describe("a story's last-edited time comes from its newest step, not a write of its row", () => {
  it('an edit inside a story writes no story row; the time still moves, many in one ms', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-05-01T10:00:00.000Z')); // the clock stands still
    const lib = await tempLibrary();
    const d = lib.dispatcher;
    const a = seedStory(d, { One: ['a', 'b'], Two: ['c'] }, 'A');
    const b = seedStory(d, { Three: ['d'] }, 'B');
    const [one, two] = a.events;
    const stamp = () => must(d.call('stories:get', { storyId: a.story.id })).updatedAt;
    const order = () => must(d.call('stories:list', {})).map((s) => s.title);
    const writes = storyRowWrites(lib.db);
    const created = must(d.call('moments:create', { eventId: one!.event.id, description: 'e' }));
    const edits: Array<() => unknown> = [
      () => d.call('moments:update', { momentId: one!.moments[0]!.id, description: 'x' }),
      () => d.call('moments:update', { momentId: one!.moments[0]!.id, description: 'xy' }), // merges
      () =>
        d.call('moments:move', {
          momentId: created.id,
          toEventId: two!.event.id,
          beforeMomentId: null,
        }),
      () => d.call('moments:delete', { momentId: created.id }),
      () => d.call('events:update', { eventId: two!.event.id, title: 'Renamed' }),
      () => d.call('events:create', { storyId: a.story.id, title: 'New' }),
    ];
    for (const edit of edits) {
      must(d.call('moments:update', { momentId: b.events[0]!.moments[0]!.id, description: 'B' }));
      expect(order()).toEqual(['B', 'A']);
      const before = stamp();
      must(edit() as never);
      expect(stamp() > before).toBe(true);
      expect(order()).toEqual(['A', 'B']);
      // The CLI and an export read the same time.
      expect(must(d.call('stories:load', { storyId: a.story.id })).story.updatedAt).toBe(stamp());
    }
    expect(writes()).toBe(0);
  });

  it('undo and redo right after a burst of edits still move it (they write the row)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-06-01T10:00:00.000Z'));
    const lib = await tempLibrary();
    const d = lib.dispatcher;
    const { story, events } = seedStory(d, { One: ['a'] });
    const stamp = () => must(d.call('stories:get', { storyId: story.id })).updatedAt;
    for (let i = 0; i < 5; i++) {
      must(d.call('moments:create', { eventId: events[0]!.event.id, description: `n${i}` }));
    }
    let last = stamp();
    for (const channel of ['history:undo', 'history:undo', 'history:redo'] as const) {
      must(d.call(channel, { storyId: story.id }));
      expect(stamp() > last).toBe(true);
      last = stamp();
    }
    must(d.call('moments:create', { eventId: events[0]!.event.id, description: 'after' }));
    expect(stamp() > last).toBe(true);
  });

  it('a rename against a copy older than an edit inside the story is refused', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-07-01T10:00:00.000Z'));
    const lib = await tempLibrary();
    const d = lib.dispatcher;
    const { story, events } = seedStory(d, { One: ['a'] });
    const seen = must(d.call('stories:get', { storyId: story.id }));
    must(d.call('moments:update', { momentId: events[0]!.moments[0]!.id, description: 'b' }));
    expect(
      d.call('stories:update', {
        storyId: story.id,
        title: 'T',
        expectedUpdatedAt: seen.updatedAt,
      }),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const fresh = must(d.call('stories:get', { storyId: story.id }));
    const renamed = must(
      d.call('stories:update', {
        storyId: story.id,
        title: 'T',
        expectedUpdatedAt: fresh.updatedAt,
      }),
    );
    expect(renamed.updatedAt > fresh.updatedAt).toBe(true);
  });

  it('a row stamped later than its steps (an older Beatline, another clock) still moves on', async () => {
    const lib = await tempLibrary();
    const d = lib.dispatcher;
    const { story, events } = seedStory(d, { One: ['a'] });
    const ahead = '2099-01-01T00:00:00.000Z';
    lib.db.prepare('UPDATE stories SET updated_at = ? WHERE story_uuid = ?').run(ahead, story.id);
    expect(must(d.call('stories:get', { storyId: story.id })).updatedAt).toBe(ahead);
    must(d.call('moments:update', { momentId: events[0]!.moments[0]!.id, description: 'b' }));
    expect(must(d.call('stories:get', { storyId: story.id })).updatedAt > ahead).toBe(true);
  });

  it("another process's edit moves it for every open library", async () => {
    const lib = await tempLibrary();
    const other = await openLibrary(lib.path, { logError: () => {} });
    const { story, events } = seedStory(lib.dispatcher, { One: ['a'] });
    const seen = must(lib.dispatcher.call('stories:get', { storyId: story.id })).updatedAt;
    must(
      other.dispatcher.call('moments:update', {
        momentId: events[0]!.moments[0]!.id,
        description: 'elsewhere',
      }),
    );
    expect(must(lib.dispatcher.call('stories:get', { storyId: story.id })).updatedAt > seen).toBe(
      true,
    );
    other.close();
  });
});
