// One name for a beat without text wherever a writer reads it (h73): the board shows
// "Empty beat" (the card, the drag ghost), so the Story check's sentences, the loop refusals
// (toasts), the link picker and the outlines' link lines say "Empty beat" too, never
// "(a beat without text)".
import { describe, expect, it } from 'vitest';
import { EMPTY_BEAT } from '../../electron/core/names';
import { describeBeat, quoteBeat } from '../../electron/core/logic/check';
import { must, seedStory, tempLibrary } from '../helpers/library';

describe('a beat without text', () => {
  it('is named "Empty beat", as the board shows it', () => {
    expect(EMPTY_BEAT).toBe('Empty beat');
    for (const text of ['', '   ', ' \r\n\t']) {
      expect(quoteBeat(text)).toBe('Empty beat');
    }
    // The link picker and the beats' link lists name beats with describeBeat.
    expect(describeBeat('', '', 0)).toBe('Empty beat (Untitled event, beat 1)');
  });

  it('reads "Empty beat" in the check, a refusal and the Markdown outline', async () => {
    const lib = await tempLibrary();
    const d = lib.dispatcher;
    const { story, events } = seedStory(d, { Night: ['', 'She runs'] });
    const [empty, runs] = events[0]!.moments.map((m) => m.id);
    must(
      d.call('links:create', {
        fromMomentId: runs!,
        toMomentId: empty!,
        kind: 'causes',
        strength: 'hard',
      }),
    );
    const check = must(d.call('stories:check', { storyId: story.id }));
    expect(check.problems.map((p) => p.message)).toEqual([
      "'She runs' (Night, beat 2) causes Empty beat (Night, beat 1), but now happens after it.",
    ]);
    const refused = d.call('links:create', {
      fromMomentId: empty!,
      toMomentId: runs!,
      kind: 'precedes',
      strength: 'hard',
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.message).toBe(
        "This link would make a loop in story time: Empty beat must happen before 'She runs' " +
          'causes Empty beat.',
      );
    }
    const md = must(d.call('stories:export', { storyId: story.id, format: 'md' })).content;
    expect(md).toContain('- → causes (hard): Empty beat (Night, beat 1)');
    expect(md).not.toContain('without text');
    // The outline still reads back, and so does one written by an older Beatline.
    must(d.call('stories:import', { format: 'md', content: md }));
    must(
      d.call('stories:import', {
        format: 'md',
        content: md.replace('Empty beat (Night', '\\(a beat without text\\) (Night'),
      }),
    );
  });
});
