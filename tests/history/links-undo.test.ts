import { describe, expect, it } from 'vitest';
import { must, tempLibrary } from '../helpers/library';

/** Links and story time are ordinary undoable steps, and come back with the beats they join. */
describe('the logic layer in the undo history', () => {
  it('undoes and redoes a link, and a deleted beat comes back with its links', async () => {
    const lib = await tempLibrary();
    const d = lib.dispatcher;
    const story = must(d.call('stories:create', { title: 'Lighthouse' }));
    const arrival = must(d.call('events:create', { storyId: story.id, title: 'Arrival' }));
    const night = must(d.call('events:create', { storyId: story.id, title: 'Night watch' }));
    const bolted = must(d.call('moments:create', { eventId: arrival.id, description: 'Bolted' }));
    const breaks = must(d.call('moments:create', { eventId: night.id, description: 'Breaks in' }));
    const beats = () => lib.db.prepare('SELECT * FROM event_moments ORDER BY 1').all();
    const before = beats();
    const link = must(
      d.call('links:create', {
        fromMomentId: bolted.id,
        toMomentId: breaks.id,
        kind: 'causes',
        strength: 'hard',
      }),
    );
    expect(must(d.call('history:state', { storyId: story.id })).undo?.label).toBe('link beats');

    // Deleting a beat takes its link with it; undo brings both back, with the same ids.
    must(d.call('moments:delete', { momentId: breaks.id }));
    expect(must(d.call('links:list', { storyId: story.id }))).toEqual([]);
    must(d.call('history:undo', { storyId: story.id }));
    expect(must(d.call('links:list', { storyId: story.id }))).toEqual([link]);

    // Undoing the link itself leaves the story as it was before it; redo brings it back.
    expect(must(d.call('history:undo', { storyId: story.id })).label).toBe('link beats');
    expect(beats()).toEqual(before);
    expect(must(d.call('links:list', { storyId: story.id }))).toEqual([]);
    must(d.call('history:redo', { storyId: story.id }));
    expect(must(d.call('links:list', { storyId: story.id }))).toEqual([link]);
    lib.close();
  });

  it('undoes a story-time change and a move in the chronology', async () => {
    const lib = await tempLibrary();
    const d = lib.dispatcher;
    const story = must(d.call('stories:create', { title: 'Lighthouse' }));
    const first = must(d.call('events:create', { storyId: story.id, title: 'First' }));
    const second = must(d.call('events:create', { storyId: story.id, title: 'Second' }));
    const order = () => must(d.call('events:chronology', { storyId: story.id }));
    const initial = order();
    must(d.call('events:setStoryTime', { eventId: second.id, mode: 'flashback', label: '1987' }));
    must(d.call('events:moveInChronology', { eventId: second.id, beforeEventId: first.id }));
    expect(order().map((t) => t.eventId)).toEqual([second.id, first.id]);
    must(d.call('history:undo', { storyId: story.id }));
    must(d.call('history:undo', { storyId: story.id }));
    expect(order()).toEqual(initial);
    lib.close();
  });
});
