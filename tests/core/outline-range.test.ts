import { describe, expect, it } from 'vitest';
import { must, seedStory, tempLibrary } from '../helpers/library';

describe('loading what a view shows', () => {
  it('outlines a story: events in order with beat counts, no beats', async () => {
    const { dispatcher: d } = await tempLibrary();
    const { story } = seedStory(d, { One: ['a', 'b'], Two: [], Three: ['c'] });
    const outline = must(d.call('stories:outline', { storyId: story.id }));
    expect(outline.story.title).toBe(story.title);
    expect(outline.events.map((e) => [e.title, e.beatCount])).toEqual([
      ['One', 2],
      ['Two', 0],
      ['Three', 1],
    ]);
    expect(outline.events[0]).not.toHaveProperty('moments');
  });

  it('returns a window of an event in order with the total', async () => {
    const { dispatcher: d } = await tempLibrary();
    const beats = Array.from({ length: 25 }, (_, i) => `b${i}`);
    const { events } = seedStory(d, { Long: beats });
    const eventId = events[0]!.event.id;
    const page = must(d.call('moments:range', { eventId, offset: 10, limit: 5 }));
    expect(page.total).toBe(25);
    expect(page.moments.map((m) => m.description)).toEqual(['b10', 'b11', 'b12', 'b13', 'b14']);
    const tail = must(d.call('moments:range', { eventId, offset: 22, limit: 100 }));
    expect(tail.moments.map((m) => m.description)).toEqual(['b22', 'b23', 'b24']);
    expect(must(d.call('moments:range', { eventId, offset: 40, limit: 5 })).moments).toEqual([]);
    expect(d.invoke('moments:range', { eventId, offset: 0, limit: 5000 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'limit: must be <= 2000' },
    });
  });
});
