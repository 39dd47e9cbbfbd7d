// Links attacked through the dispatcher on a real library file: long chains, deleted beats,
// duplicates of every shape, and an intentional mark against a later move, with its undo.
// (Undo/redo interleaved with moves, checked against an oracle: check-oracle.property.test.ts.)
import { describe, expect, it } from 'vitest';
import { dumpDatabase, must, seedStory, tempLibrary } from '../helpers/library';

describe('links under attack', () => {
  it('a loop through a long chain is refused in a sentence a writer can read', async () => {
    const lib = await tempLibrary();
    const d = lib.dispatcher;
    const long = 'something rather long happens to the hero once again, and then more';
    const { events } = seedStory(d, {
      Chain: Array.from({ length: 60 }, (_, i) => `Beat ${i}: ${long}`),
    });
    const ids = events[0]!.moments.map((m) => m.id);
    for (let i = 0; i + 1 < ids.length; i++) {
      must(
        d.call('links:create', {
          fromMomentId: ids[i]!,
          toMomentId: ids[i + 1]!,
          kind: i % 2 === 0 ? 'causes' : 'precedes',
          strength: 'hard',
        }),
      );
    }
    const before = dumpDatabase(lib.db);
    const refused = d.call('links:create', {
      fromMomentId: ids[59]!,
      toMomentId: ids[0]!,
      kind: 'causes',
      strength: 'hard',
    });
    expect(dumpDatabase(lib.db)).toBe(before);
    if (refused.ok) throw new Error('a loop was accepted');
    const { message } = refused.error;
    expect(message.startsWith('This link would make a loop in story time: ')).toBe(true);
    // It names the link's two beats, and how many the loop passes through, but not all 60 (the first three and last two):
    // the refusal is a toast in the app.
    expect(message).toContain("'Beat 59: something");
    expect(message).toContain("'Beat 0: something");
    expect(message).toContain('... 55 more beats ...');
    expect(message.length).toBeLessThan(800);
  });

  it('an intentional mark covers the problems the link had, not one a later move gives it', async () => {
    const lib = await tempLibrary();
    const d = lib.dispatcher;
    const { story, events } = seedStory(d, {
      'The nightmare': ['She dreams the tower falls'],
      Morning: ['She leaves the island'],
    });
    const [dream, morning] = events;
    must(d.call('events:setStoryTime', { eventId: dream!.event.id, mode: 'dream' }));
    const link = must(
      d.call('links:create', {
        fromMomentId: dream!.moments[0]!.id,
        toMomentId: morning!.moments[0]!.id,
        kind: 'causes',
        strength: 'hard',
      }),
    );
    // The check says: mark the link intentional if the dream is meant to. The writer does.
    const check = () => must(d.call('stories:check', { storyId: story.id }));
    expect(check().problems.map((p) => p.code)).toEqual(['dream_causes_real']);
    must(d.call('links:update', { linkId: link.id, intentional: true }));
    expect(check()).toMatchObject({ errors: 0, warnings: 0, intentional: 1 });
    const logic = () => ({
      links: must(d.call('links:list', { storyId: story.id })).map((l) => l.intentional),
      chronology: must(d.call('events:chronology', { storyId: story.id })).map((t) => t.eventId),
    });
    const marked = logic();

    // Later the morning is moved before the dream in story time: the effect now comes before
    // its cause, a hard error the writer never saw, let alone accepted. It counts and is said.
    const moved = d.call('events:moveInChronology', {
      eventId: morning!.event.id,
      beforeEventId: dream!.event.id,
    });
    if (!moved.ok) throw new Error(moved.error.message);
    expect(moved.check?.created.filter((p) => !p.intentional).map((p) => p.code)).toContain(
      'effect_before_cause',
    );
    expect(check()).toMatchObject({ errors: 1, intentional: 0 });
    expect(must(d.call('links:list', { storyId: story.id }))[0]!.intentional).toBe(false);

    // Undo puts the story back as it was, mark included; redo takes the move again.
    must(d.call('history:undo', { storyId: story.id }));
    expect(logic()).toEqual(marked);
    expect(check()).toMatchObject({ errors: 0, warnings: 0, intentional: 1 });
    must(d.call('history:redo', { storyId: story.id }));
    expect(check()).toMatchObject({ errors: 1, intentional: 0 });

    // A move that keeps a marked problem as it is leaves the mark alone.
    must(d.call('links:update', { linkId: link.id, intentional: true }));
    const again = d.call('events:moveInChronology', {
      eventId: dream!.event.id,
      beforeEventId: null,
    });
    expect(again.ok && again.check).toBeUndefined();
    expect(check()).toMatchObject({ errors: 0, warnings: 0, intentional: 2 });
  });

  it('an intentional mark on a link a move mended hides no new problem a later write gives it', async () => {
    // h71: the mark was lifted only when its link was broken just before. A marked link a move
    // had mended kept its mark, so any later problem of it, of any kind, was silent.
    const lib = await tempLibrary();
    const d = lib.dispatcher;
    const { story, events } = seedStory(d, {
      Arrival: ['The door is bolted'],
      'Night watch': ['She breaks in'],
    });
    const [arrival, watch] = events;
    const link = must(
      d.call('links:create', {
        fromMomentId: arrival!.moments[0]!.id,
        toMomentId: watch!.moments[0]!.id,
        kind: 'causes',
        strength: 'hard',
      }),
    );
    const check = () => must(d.call('stories:check', { storyId: story.id }));
    const marked = () => must(d.call('links:list', { storyId: story.id }))[0]!.intentional;
    const chrono = (eventId: string, beforeEventId: string | null) =>
      must(d.call('events:moveInChronology', { eventId, beforeEventId }));
    // The break-in happens first (a time loop the writer means), marked intentional.
    chrono(watch!.event.id, arrival!.event.id);
    must(d.call('links:update', { linkId: link.id, intentional: true }));
    expect(check()).toMatchObject({ errors: 0, warnings: 0, intentional: 1 });
    // A move mends it: nothing to hide, the mark stays (harmless).
    chrono(watch!.event.id, null);
    expect(check()).toMatchObject({ errors: 0, warnings: 0, intentional: 0 });
    expect(marked()).toBe(true);
    // The arrival becomes a dream: a problem the writer never saw. It counts and is said.
    const dream = d.call('events:setStoryTime', { eventId: arrival!.event.id, mode: 'dream' });
    if (!dream.ok) throw new Error(dream.error.message);
    expect(dream.check?.created.map((p) => [p.code, p.intentional])).toEqual([
      ['dream_causes_real', false],
    ]);
    expect(check()).toMatchObject({ warnings: 1, intentional: 0 });
    expect(marked()).toBe(false);
    // Undo puts the mark back with the mode.
    must(d.call('history:undo', { storyId: story.id }));
    expect(marked()).toBe(true);
    expect(check()).toMatchObject({ errors: 0, warnings: 0, intentional: 0 });
  });

  it('refuse a deleted beat and every duplicate shape, changing nothing, and take the beat back with Undo', async () => {
    const lib = await tempLibrary();
    const d = lib.dispatcher;
    const { story, events } = seedStory(d, { One: ['a', 'b'], Two: ['c'] });
    const [a, b] = events[0]!.moments.map((m) => m.id);
    const c = events[1]!.moments[0]!.id;
    must(d.call('moments:delete', { momentId: c }));
    const refused = (from: string, to: string, kind: 'causes' | 'precedes' | 'sets_up') => {
      const before = dumpDatabase(lib.db);
      const result = d.call('links:create', {
        fromMomentId: from,
        toMomentId: to,
        kind,
        strength: 'hard',
      });
      expect(dumpDatabase(lib.db)).toBe(before);
      return result.ok ? 'accepted' : result.error.code;
    };
    expect(refused(a!, c, 'causes')).toBe('not_found');
    expect(refused(c, a!, 'sets_up')).toBe('not_found');
    must(d.call('history:undo', { storyId: story.id }));
    must(
      d.call('links:create', { fromMomentId: a!, toMomentId: c, kind: 'causes', strength: 'hard' }),
    );
    expect(refused(a!, c, 'causes')).toBe('conflict'); // the same link
    expect(refused(c, a!, 'causes')).toBe('conflict'); // a loop of two
    expect(refused(c, a!, 'precedes')).toBe('conflict'); // a loop through the other kind
    // Another kind between the same beats, or a reading-order link back, is a claim of its own.
    must(
      d.call('links:create', {
        fromMomentId: a!,
        toMomentId: c,
        kind: 'sets_up',
        strength: 'soft',
      }),
    );
    must(
      d.call('links:create', {
        fromMomentId: c,
        toMomentId: b!,
        kind: 'sets_up',
        strength: 'soft',
      }),
    );
    expect(must(d.call('links:list', { storyId: story.id }))).toHaveLength(3);
    expect(lib.db.pragma('foreign_key_check')).toEqual([]);
  });
});
