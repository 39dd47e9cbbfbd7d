import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../electron/core/contract/limits';
import { createEvent } from '../../electron/core/events';
import { appendMoments } from '../../electron/core/moments';
import { snippetOf } from '../../electron/core/search';
import { dumpDatabase, must, seedStory, tempLibrary } from '../helpers/library';

describe('moments:search', () => {
  it('finds beats of the story whose text contains the query, in story order, any case of A-Z', async () => {
    const { dispatcher: d } = await tempLibrary();
    const { story, events } = seedStory(d, {
      Arrival: ['The courier lands', 'nothing here', 'A COURIER again'],
      Storm: ['rain', 'the courier drowns'],
    });
    // Another story's beats never show.
    seedStory(d, { Other: ['courier elsewhere'] }, 'Other story');
    // Story order: events by position, so moving Storm first puts its hit first.
    must(
      d.call('events:move', { eventId: events[1]!.event.id, beforeEventId: events[0]!.event.id }),
    );

    const found = must(d.call('moments:search', { storyId: story.id, query: 'Courier' }));
    expect(found).toMatchObject({ storyId: story.id, query: 'Courier', total: 3, more: false });
    expect(found.hits.map((h) => [h.momentId, h.eventId])).toEqual([
      [events[1]!.moments[1]!.id, events[1]!.event.id],
      [events[0]!.moments[0]!.id, events[0]!.event.id],
      [events[0]!.moments[2]!.id, events[0]!.event.id],
    ]);
    expect(found.hits[0]!.snippet).toBe('the courier drowns');

    const none = must(d.call('moments:search', { storyId: story.id, query: 'zebra' }));
    expect(none).toMatchObject({ total: 0, more: false, hits: [] });
  });

  it('takes %, _ and \\ literally, and matches other scripts (their case folded: search-case-folding.test.ts)', async () => {
    const { dispatcher: d } = await tempLibrary();
    const { story } = seedStory(d, {
      A: ['50% off', '50 percent', 'snake_case', 'snakeXcase', 'a\\b', 'Émile écrit', 'שלום עולם'],
    });
    const texts = (query: string) =>
      must(d.call('moments:search', { storyId: story.id, query })).hits.map((h) => h.snippet);
    expect(texts('50%')).toEqual(['50% off']);
    expect(texts('_c')).toEqual(['snake_case']);
    expect(texts('a\\b')).toEqual(['a\\b']);
    expect(texts('écrit')).toEqual(['Émile écrit']);
    expect(texts('עולם')).toEqual(['שלום עולם']);
  });

  it('returns the first `limit` hits, counts up to the cap and says when there are more', async () => {
    const lib = await tempLibrary();
    const d = lib.dispatcher;
    const story = must(d.call('stories:create', { title: 'Big' }));
    const eventId = createEvent(lib.db, { storyId: story.id, title: 'Long' }).id;
    appendMoments(
      lib.db,
      eventId,
      Array.from({ length: LIMITS.searchHits + 5 }, (_, i) => ({ description: `beat ${i} ring` })),
    );
    const few = must(d.call('moments:search', { storyId: story.id, query: 'ring', limit: 3 }));
    expect(few.hits.map((h) => h.snippet)).toEqual(['beat 0 ring', 'beat 1 ring', 'beat 2 ring']);
    expect(few).toMatchObject({ total: LIMITS.searchHits, more: true });
    const byDefault = must(d.call('moments:search', { storyId: story.id, query: 'ring' }));
    expect(byDefault.hits).toHaveLength(200);
    const exact = must(d.call('moments:search', { storyId: story.id, query: 'beat 1004 ' }));
    expect(exact).toMatchObject({ total: 1, more: false });
  });

  it('cuts a long beat to a snippet around the match', () => {
    const long = `${'a'.repeat(500)} the Needle ${'b'.repeat(500)}`;
    const snippet = snippetOf(long, 'needle');
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet).toContain('the Needle');
    expect(snippet.length).toBeLessThan(100);
  });

  it('refuses bad input with a clear error and changes nothing', async () => {
    const { dispatcher: d, db } = await tempLibrary();
    const { story } = seedStory(d, { A: ['a'] });
    const before = dumpDatabase(db);
    expect(d.call('moments:search', { storyId: randomUUID(), query: 'a' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    for (const input of [
      { storyId: 'nope', query: 'a' },
      { storyId: story.id },
      { storyId: story.id, query: '' },
      { storyId: story.id, query: '   ' },
      { storyId: story.id, query: 'a\nb' },
      { storyId: story.id, query: 'x'.repeat(LIMITS.searchQuery + 1) },
      { storyId: story.id, query: 'a\u0000' },
      { storyId: story.id, query: 42 },
      { storyId: story.id, query: 'a', limit: 0 },
      { storyId: story.id, query: 'a', limit: 1.5 },
      { storyId: story.id, query: 'a', limit: LIMITS.searchHits + 1 },
      { storyId: story.id, query: 'a', extra: 1 },
    ]) {
      const result = d.call('moments:search', input as { storyId: string; query: string });
      expect(result, JSON.stringify(input)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }
    expect(dumpDatabase(db)).toBe(before);
  });
});
