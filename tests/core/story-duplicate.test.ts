import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../electron/core/contract/schemas';
import { loadStoryDocument } from '../../electron/core/formats/load-document';
import { storyContent } from '../../electron/core/formats/model';
import { copyTitle } from '../../electron/core/story-duplicate';
import { dumpDatabase, must, seedStory, tempLibrary } from '../helpers/library';

describe('stories:duplicate', () => {
  it('copies events, beats, descriptions and times in order as a new story with new ids', async () => {
    const { dispatcher: d, db } = await tempLibrary();
    const { story, events } = seedStory(d, { Arrival: ['lands', 'climbs'], Storm: [] }, 'Dune');
    must(d.call('events:update', { eventId: events[0]!.event.id, description: 'Dawn.\n\nFog.' }));
    must(d.call('moments:update', { momentId: events[0]!.moments[1]!.id, timestampOffset: 1.5 }));
    const before = storyContent(loadStoryDocument(db, story.id));

    const copy = must(d.call('stories:duplicate', { storyId: story.id }));
    expect(copy).toMatchObject({ title: 'Dune (copy)', eventCount: 2, beatCount: 2 });
    expect(copy.id).not.toBe(story.id);
    const copied = loadStoryDocument(db, copy.id);
    expect(storyContent(copied)).toEqual({ ...before, title: 'Dune (copy)' });
    const original = loadStoryDocument(db, story.id);
    const ids = (doc: typeof original) => [
      ...doc.events.map((e) => e.id),
      ...doc.events.flatMap((e) => e.moments.map((m) => m.id)),
    ];
    expect(ids(copied).filter((id) => ids(original).includes(id))).toEqual([]);
    expect(storyContent(original)).toEqual(before);

    // The copy is independent: editing it leaves the original as it was.
    must(d.call('moments:delete', { momentId: copied.events[0]!.moments[0]!.id! }));
    expect(storyContent(loadStoryDocument(db, story.id))).toEqual(before);
  });

  it('numbers copies: "X (copy)", "X (copy 2)", and a copy of a copy is not "(copy) (copy)"', async () => {
    const { dispatcher: d } = await tempLibrary();
    const { story } = seedStory(d, { A: ['a'] }, 'Dune');
    const first = must(d.call('stories:duplicate', { storyId: story.id }));
    const second = must(d.call('stories:duplicate', { storyId: story.id }));
    const third = must(d.call('stories:duplicate', { storyId: first.id }));
    expect([first.title, second.title, third.title]).toEqual([
      'Dune (copy)',
      'Dune (copy 2)',
      'Dune (copy 3)',
    ]);
    const named = must(d.call('stories:duplicate', { storyId: story.id, title: '  Dune II ' }));
    expect(named.title).toBe('Dune II');
  });

  it('uses the caller’s id for the copy, and refuses a taken id or a missing story unchanged', async () => {
    const { dispatcher: d, db } = await tempLibrary();
    const { story } = seedStory(d, { A: ['a', 'b'] }, 'Dune');
    const newStoryId = randomUUID();
    const copy = must(d.call('stories:duplicate', { storyId: story.id, newStoryId }));
    expect(copy.id).toBe(newStoryId);
    const before = dumpDatabase(db);
    expect(d.call('stories:duplicate', { storyId: story.id, newStoryId })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: `A story with id ${newStoryId} already exists.` },
    });
    expect(d.call('stories:duplicate', { storyId: randomUUID() })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    for (const input of [
      { storyId: 'nope' },
      { storyId: story.id, title: '   ' },
      { storyId: story.id, title: 'a\nb' },
      { storyId: story.id, newStoryId: 'x' },
      { storyId: story.id, extra: 1 },
    ]) {
      expect(d.call('stories:duplicate', input as { storyId: string })).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }
    expect(dumpDatabase(db)).toBe(before);
  });

  it('cuts a long title to leave room for the suffix, within the title limit', () => {
    const long = 'é'.repeat(LIMITS.title);
    const title = copyTitle(long, new Set());
    expect(title.length).toBe(LIMITS.title);
    expect(title.endsWith(' (copy)')).toBe(true);
    const emoji = '🌊'.repeat(LIMITS.title / 2);
    const taken = new Set([copyTitle(emoji, new Set())]);
    const next = copyTitle(emoji, taken);
    expect(next.length).toBeLessThanOrEqual(LIMITS.title);
    expect(next.endsWith(' (copy 2)')).toBe(true);
    expect(next.isWellFormed()).toBe(true);
  });
});
