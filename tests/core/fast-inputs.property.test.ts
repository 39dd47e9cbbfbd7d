import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inputSchemas, LIMITS } from '../../electron/core/contract/schemas';
import { fastInputChecks } from '../../electron/core/handlers/fast-inputs';

/**
 * The dispatcher checks the frequent edits in plain code before zod (fast-inputs.ts). That
 * check must never accept what the channel's zod schema refuses, must hand the handler the
 * same value zod would, and must take the ordinary inputs (or edits lose their speed).
 */

const ID = '0192f0c1-7c2a-7b3e-8a11-2f4c5d6e7f80';
const OTHER = '0192f0c1-7c2a-7b3e-9b22-3a4b5c6d7e8f';

const oddValue = fc.oneof(
  fc.constantFrom<unknown>(
    undefined,
    null,
    ID,
    OTHER,
    ID.toUpperCase(),
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    '0192f0c1-7c2a-0b3e-8a11-2f4c5d6e7f80', // version 0
    '0192f0c1-7c2a-7b3e-7a11-2f4c5d6e7f80', // wrong variant
    `${ID} `,
    '',
    '   ',
    'A beat',
    'line\nbreak',
    'tab\tand\rreturn',
    'nul\u0000inside',
    'del\u007f',
    'lone \ud800 surrogate',
    'x'.repeat(LIMITS.beatDescription),
    'x'.repeat(LIMITS.beatDescription + 1),
    0,
    -0,
    1,
    -1,
    1.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    LIMITS.maxPosition,
    LIMITS.maxPosition + 1,
    LIMITS.maxOffsetSeconds,
    LIMITS.maxOffsetSeconds + 0.5,
    2 ** 53,
    true,
    [],
    {},
  ),
  fc.string(),
  fc.double(),
  fc.integer(),
);

const KEYS: Record<string, string[]> = {
  'moments:create': ['eventId', 'description', 'timestampOffset', 'beforeMomentId', 'id'],
  'moments:update': ['momentId', 'description', 'timestampOffset', 'expectedUpdatedAt'],
  'moments:move': ['momentId', 'toEventId', 'beforeMomentId'],
  'moments:delete': ['momentId'],
};

/** Mostly-valid values per key, so inputs often get past every check but one. */
const validValue: Record<string, fc.Arbitrary<unknown>> = {
  eventId: fc.constantFrom(ID, OTHER, ID.toUpperCase()),
  momentId: fc.constantFrom(ID, OTHER),
  toEventId: fc.constantFrom(ID, OTHER),
  beforeMomentId: fc.constantFrom(null, ID, OTHER),
  description: fc.oneof(fc.string(), fc.constantFrom('A beat', '')),
  timestampOffset: fc.oneof(
    fc.constant(null),
    fc.double({ min: 0, max: LIMITS.maxOffsetSeconds, noNaN: true }),
  ),
  position: fc.integer({ min: 0, max: LIMITS.maxPosition }),
  id: fc.constantFrom(ID, OTHER),
  expectedUpdatedAt: fc.oneof(
    fc.constant('2026-03-01T10:00:00.000Z'),
    fc.string({ maxLength: 70 }),
  ),
};

const valueFor = (key: string) =>
  fc.oneof({ weight: 3, arbitrary: validValue[key]! }, { weight: 1, arbitrary: oddValue });

/** An input for a channel: its own keys, each valid or odd, sometimes absent, sometimes more. */
const inputFor = (keys: string[]) =>
  fc.oneof(
    {
      weight: 8,
      arbitrary: fc.record(Object.fromEntries(keys.map((k) => [k, valueFor(k)])), {
        requiredKeys: [],
      }),
    },
    {
      weight: 2,
      arbitrary: fc.dictionary(fc.constantFrom(...keys, 'extra', '__proto__'), oddValue),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom<unknown>(null, undefined, 'text', 7, [ID], Object.create(null)),
    },
  );

describe('fast input checks agree with the zod schemas', () => {
  for (const [channel, keys] of Object.entries(KEYS)) {
    const fast = fastInputChecks[channel as keyof typeof fastInputChecks] as (
      i: unknown,
    ) => unknown;
    const schema = inputSchemas[channel as keyof typeof inputSchemas];

    it(`${channel}: never accepts what zod refuses, and yields zod's value`, () => {
      fc.assert(
        fc.property(inputFor(keys), (input) => {
          const mine = fast(input);
          if (mine === null) return;
          const theirs = schema.safeParse(input);
          expect(theirs.success).toBe(true);
          expect(mine).toStrictEqual(theirs.data);
        }),
        { numRuns: 3000 },
      );
    });
  }

  it('takes the ordinary edits the app sends', () => {
    const ordinary: Array<[keyof typeof fastInputChecks, unknown]> = [
      ['moments:create', { eventId: ID, description: 'The courier reaches the gate' }],
      [
        'moments:create',
        { eventId: ID, description: '', timestampOffset: 90.5, beforeMomentId: OTHER },
      ],
      ['moments:update', { momentId: ID, description: 'Two lines\nof text' }],
      ['moments:update', { momentId: ID, timestampOffset: null }],
      ['moments:move', { momentId: ID, toEventId: OTHER, beforeMomentId: OTHER }],
      ['moments:move', { momentId: ID, toEventId: OTHER, beforeMomentId: null }],
      ['moments:delete', { momentId: ID }],
    ];
    for (const [channel, input] of ordinary) {
      const mine = (fastInputChecks[channel] as (i: unknown) => unknown)(input);
      expect(mine, channel).not.toBeNull();
      expect(mine).toStrictEqual(inputSchemas[channel].parse(input));
    }
  });
});
