// The whole story check reads only the beats that have links, yet its sentences name every beat
// by its place ("event 3, beat 2"), which the beats and events around it decide: moving an
// unlinked beat or an event changes the sentence (not the problem), on a real library file.
import { describe, expect, it } from 'vitest';
import { must, seedStory, tempLibrary } from '../helpers/library';

describe('the whole story check names beats by their places', () => {
  it('counts unlinked beats and moved events, as the incremental check does', async () => {
    const lib = await tempLibrary();
    const d = lib.dispatcher;
    const { story, events } = seedStory(d, { '': ['a', 'b'], ' ': ['c'], '  ': ['d', 'e'] });
    const [e0, e1] = events.map((e) => e.event.id) as [string, string];
    const [a, b, c, dd] = events.flatMap((e) => e.moments.map((m) => m.id)) as string[];
    // Reading order becomes e1, e2, e0: the events' sort keys are no longer 0, 1, 2.
    must(d.call('events:move', { eventId: e0, beforeEventId: null }));
    const created = d.call('links:create', {
      fromMomentId: b!,
      toMomentId: c!,
      kind: 'sets_up',
      strength: 'hard',
    });
    if (!created.ok) throw new Error(created.error.message);
    const sentence = (from: string, to: string) =>
      `'b' (${from}) sets up 'c' (${to}), but the payoff is now read first.`;
    const whole = () => must(d.call('stories:check', { storyId: story.id })).problems;

    expect(created.check?.created.map((p) => p.message)).toEqual([
      sentence('Untitled event, beat 2', 'Untitled event, beat 1'),
    ]);
    expect(whole().map((p) => p.message)).toEqual([
      sentence('Untitled event, beat 2', 'Untitled event, beat 1'),
    ]);

    // Two beats without links move: one before the payoff, one after the setup.
    must(d.call('moments:move', { momentId: dd!, toEventId: e1, beforeMomentId: c! }));
    must(d.call('moments:move', { momentId: a!, toEventId: e0, beforeMomentId: null }));
    expect(whole().map((p) => p.message)).toEqual([
      sentence('Untitled event, beat 1', 'Untitled event, beat 2'),
    ]);

    // An event moves between them in reading order: an untitled event is named as the board
    // names it, "Untitled event", never by its number (h71), so the sentence stays.
    must(d.call('events:move', { eventId: e1, beforeEventId: e0 }));
    expect(whole().map((p) => p.message)).toEqual([
      sentence('Untitled event, beat 1', 'Untitled event, beat 2'),
    ]);
  });
});
