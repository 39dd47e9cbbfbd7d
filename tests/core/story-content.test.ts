import { describe, expect, it } from 'vitest';
import { BatchInserter } from '../../electron/core/batch-insert';
import { createEvent, listEventsByStory } from '../../electron/core/events';
import { createMoment, getMomentsByEvent } from '../../electron/core/moments';
import { createStory } from '../../electron/core/stories';
import { appendStoryContent } from '../../electron/core/story-content';
import { dumpDatabase, tempLibrary } from '../helpers/library';

// Sizes around the 64-row batch: empty, one, just under, exactly, just over, two batches.
const SIZES = [0, 1, 63, 64, 65, 130];

const content = (sizes: number[]) =>
  sizes.map((n, e) => ({
    title: `  Scene ${e}  `,
    description: e % 2 ? `About scene ${e}` : undefined,
    moments: Array.from({ length: n }, (_, i) => ({
      description: `${e}.${i}`,
      timestampOffset: i % 3 === 0 ? i * 1.5 : null,
    })),
  }));

describe('appendStoryContent (imports)', () => {
  it('appends events after the story’s own, each with its beats in order, across batch edges', async () => {
    const { db } = await tempLibrary();
    const story = createStory(db, { title: 'Mixed' });
    createEvent(db, { storyId: story.id, title: 'Already here' });
    db.transaction(() => appendStoryContent(db, story.id, content(SIZES)))();

    const events = listEventsByStory(db, story.id);
    expect(events.map((e) => e.title)).toEqual([
      'Already here',
      ...SIZES.map((_, e) => `Scene ${e}`),
    ]);
    const keys = events.map((e) => e.orderKey);
    expect(keys.every((k, i) => i === 0 || keys[i - 1]! < k)).toBe(true);
    expect(events[2]!.description).toBe('About scene 1');
    expect(events[1]!.description).toBe('');
    SIZES.forEach((n, e) => {
      const beats = getMomentsByEvent(db, events[e + 1]!.id);
      expect(beats.map((b) => b.description)).toEqual(
        Array.from({ length: n }, (_, i) => `${e}.${i}`),
      );
      expect(beats.map((b) => b.timestampOffset)).toEqual(
        Array.from({ length: n }, (_, i) => (i % 3 === 0 ? i * 1.5 : null)),
      );
      expect(new Set(beats.map((b) => b.id)).size).toBe(n);
    });
    // The lists stay usable: a new event and a new beat land at the ends.
    const last = createEvent(db, { storyId: story.id, title: 'After' });
    expect(listEventsByStory(db, story.id).at(-1)!.id).toBe(last.id);
    const beat = createMoment(db, { eventId: events[6]!.id, description: 'one more' });
    const beats = getMomentsByEvent(db, events[6]!.id);
    expect([beats.length, beats.at(-1)!.id]).toEqual([131, beat.id]);
  });

  it('refuses an unknown story and writes nothing', async () => {
    const { db } = await tempLibrary();
    const before = dumpDatabase(db);
    expect(() =>
      db.transaction(() =>
        appendStoryContent(db, '00000000-0000-4000-8000-000000000000', content([3])),
      )(),
    ).toThrow(/story/i);
    expect(dumpDatabase(db)).toBe(before);
  });

  it('leaves nothing behind when a row in a later batch is refused', async () => {
    const { db } = await tempLibrary();
    const story = createStory(db, { title: 'Partly bad' });
    const before = dumpDatabase(db);
    const events = content([100, 100]);
    events[1]!.moments[90] = { description: 'x'.repeat(20_001), timestampOffset: null };
    expect(() => db.transaction(() => appendStoryContent(db, story.id, events))()).toThrow();
    expect(dumpDatabase(db)).toBe(before);
  });
});

describe('BatchInserter', () => {
  it('writes every row once, in order, whatever the count', async () => {
    const { db } = await tempLibrary();
    db.exec('CREATE TABLE t (n INTEGER, label TEXT)');
    for (const count of [0, 1, 64, 65, 200]) {
      db.exec('DELETE FROM t');
      const rows = new BatchInserter(db, 't', ['n', 'label']);
      for (let i = 0; i < count; i++) rows.add(i, `row ${i}`);
      rows.finish();
      const got = db.prepare('SELECT n, label FROM t ORDER BY rowid').all();
      expect(got).toEqual(Array.from({ length: count }, (_, i) => ({ n: i, label: `row ${i}` })));
    }
  });
});
