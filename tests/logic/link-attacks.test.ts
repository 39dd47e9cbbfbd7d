// Links attacked through the dispatcher on a real library file: long chains, deleted beats,
// duplicates of every shape, and undo/redo of links interleaved with moves.
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
});
