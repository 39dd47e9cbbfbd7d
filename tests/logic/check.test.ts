// The story check as a pure function: each rule, what must not be flagged, and the marks.
import { describe, expect, it } from 'vitest';
import type { LinkKind, LinkStrength, TimeMode } from '../../electron/core/contract/types';
import { checkStory, type StoryLogicModel } from '../../electron/core/logic/check';

interface E {
  title: string;
  chrono?: number;
  mode?: TimeMode;
  beats: Array<string | [string, number]>;
}

/** A story from events in reading order; beat ids are their text. */
function story(
  events: E[],
  links: Array<[string, LinkKind, string, LinkStrength?, boolean?]>,
): StoryLogicModel {
  return {
    events: events.map((e, i) => ({
      id: `e${i}`,
      title: e.title,
      position: i,
      chronoPosition: e.chrono ?? i,
      mode: e.mode ?? 'linear',
    })),
    beats: events.flatMap((e, i) =>
      e.beats.map((b, position) => {
        const [text, offset] = typeof b === 'string' ? [b, null] : b;
        return { id: text, eventId: `e${i}`, position, offset, description: text };
      }),
    ),
    links: links.map(([from, kind, to, strength = 'hard', intentional = false], i) => ({
      id: `l${i}`,
      fromMomentId: from,
      toMomentId: to,
      kind,
      strength,
      intentional,
    })),
  };
}

const codes = (s: StoryLogicModel) => checkStory(s).map((p) => `${p.code}/${p.severity}`);

describe('the story check', () => {
  it('flags an effect placed before its cause in story time, in a sentence', () => {
    const s = story(
      [
        { title: 'Night watch', chrono: 1, beats: ['She breaks in'] },
        { title: 'Arrival', chrono: 0, beats: ['x', 'y', 'The door is bolted'] },
      ],
      [['The door is bolted', 'causes', 'She breaks in']],
    );
    // Story time: Arrival first, so the cause comes first: fine.
    expect(checkStory(s)).toEqual([]);
    s.events.forEach((e) => ((e as { chronoPosition: number }).chronoPosition = e.position));
    expect(checkStory(s)).toEqual([
      {
        id: 'effect_before_cause:l0',
        code: 'effect_before_cause',
        severity: 'error',
        linkId: 'l0',
        momentIds: ['The door is bolted', 'She breaks in'],
        message:
          "'The door is bolted' (Arrival, beat 3) causes 'She breaks in' (Night watch, beat 1), " +
          'but now happens after it.',
        intentional: false,
      },
    ]);
  });

  it('flags a precedes link broken, and a soft link as a warning', () => {
    const s = story(
      [{ title: 'A', beats: ['first', 'second'] }],
      [['second', 'precedes', 'first', 'soft']],
    );
    expect(codes(s)).toEqual(['precedes_violated/warning']);
    expect(checkStory(s)[0]!.message).toBe(
      "'second' (A, beat 2) must happen before 'first' (A, beat 1), but now happens after it.",
    );
  });

  it('inside one event compares offsets when both beats have one, else positions', () => {
    const timed = story(
      [
        {
          title: 'A',
          beats: [
            ['later', 60],
            ['sooner', 30],
          ],
        },
      ],
      [['sooner', 'causes', 'later']],
    );
    expect(codes(timed)).toEqual([]); // 30 s before 60 s, whatever the beat order
    const equal = story(
      [
        {
          title: 'A',
          beats: [
            ['b1', 30],
            ['b2', 30],
          ],
        },
      ],
      [['b2', 'causes', 'b1']],
    );
    expect(codes(equal)).toEqual([]); // at the same second: not after
    const untimed = story([{ title: 'A', beats: [['b1', 60], 'b2'] }], [['b2', 'causes', 'b1']]);
    expect(codes(untimed)).toEqual(['effect_before_cause/error']); // positions decide
  });

  it('flags a payoff read before its setup, by reading order only', () => {
    const s = story(
      [
        { title: 'Payoff', chrono: 1, beats: ['gun fires'] },
        { title: 'Setup', chrono: 0, beats: ['gun on wall'] },
      ],
      [['gun on wall', 'sets_up', 'gun fires']],
    );
    expect(checkStory(s).map((p) => p.message)).toEqual([
      "'gun on wall' (Setup, beat 1) sets up 'gun fires' (Payoff, beat 1), but the payoff is now read first.",
    ]);
  });

  it('does not flag a flashback read before the events it precedes in story time', () => {
    // Reading order: the present, then a flashback to childhood, then more present. In story
    // time the flashback comes first, and its beats cause and precede the present's.
    const s = story(
      [
        { title: 'Today', chrono: 1, beats: ['she flinches at the dog'] },
        { title: 'Childhood', chrono: 0, mode: 'flashback', beats: ['the dog bites her'] },
        { title: 'Tonight', chrono: 2, beats: ['she adopts a dog'] },
      ],
      [
        ['the dog bites her', 'causes', 'she flinches at the dog'],
        ['the dog bites her', 'precedes', 'she adopts a dog'],
        ['she flinches at the dog', 'sets_up', 'she adopts a dog'],
      ],
    );
    expect(checkStory(s)).toEqual([]);
  });

  it('warns when a dream causes a real event, not when it causes another dream', () => {
    const s = story(
      [
        { title: 'Dream', mode: 'dream', beats: ['a wolf speaks', 'the wolf runs'] },
        { title: 'Morning', beats: ['she buys a gun'] },
      ],
      [
        ['a wolf speaks', 'causes', 'she buys a gun', 'hard'],
        ['a wolf speaks', 'causes', 'the wolf runs'],
        ['the wolf runs', 'precedes', 'she buys a gun'],
      ],
    );
    const problems = checkStory(s);
    expect(problems.map((p) => `${p.code}/${p.severity}`)).toEqual(['dream_causes_real/warning']);
    expect(problems[0]!.message).toMatch(/a dream causes a real event/);
  });

  it('keeps a problem the writer marked intentional, marked, and names untitled things', () => {
    const s = story([{ title: '', beats: ['', 'x'] }], [['x', 'causes', '', 'hard', true]]);
    const [p] = checkStory(s);
    expect(p).toMatchObject({ code: 'effect_before_cause', intentional: true, severity: 'error' });
    expect(p!.message).toBe(
      "'x' (Untitled event, beat 2) causes Empty beat (Untitled event, beat 1), but " +
        'now happens after it.',
    );
  });

  it('lists problems in reading order of the link first beat', () => {
    const s = story(
      [{ title: 'A', beats: ['a1', 'a2', 'a3', 'a4'] }],
      [
        ['a4', 'causes', 'a3'],
        ['a2', 'causes', 'a1'],
      ],
    );
    expect(checkStory(s).map((p) => p.linkId)).toEqual(['l1', 'l0']);
  });
});
