import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../electron/core/contract/channels';
import { ERROR_CODES } from '../../electron/core/contract/types';
import { dumpDatabase, must, seedStory, tempLibrary } from '../helpers/library';

/** Values a hostile or buggy caller might send in a field. */
const hostileValue = fc.oneof(
  fc.anything({ withNullPrototype: true, withObjectString: true }),
  fc.constantFrom(NaN, Infinity, -Infinity, -1, 1e308, -0, 2 ** 53, '', ' ', '\u0000'),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constant('x'.repeat(25_000)),
  fc.uuid(),
  // Logic layer: valid words, so link and story-time writes get past the schema.
  fc.constantFrom('causes', 'precedes', 'sets_up', 'hard', 'soft', 'dream', true, false, null),
);

const fieldNames = fc.constantFrom(
  'storyId',
  'eventId',
  'momentId',
  'toEventId',
  'beforeMomentId',
  'title',
  'description',
  'timestampOffset',
  'beforeEventId',
  'newStoryId',
  'id',
  'expectedUpdatedAt',
  // Logic layer (issue 14)
  'linkId',
  'fromMomentId',
  'toMomentId',
  'kind',
  'strength',
  'note',
  'intentional',
  'label',
  'mode',
  'beforeEventId',
  '__proto__',
  'constructor',
  'prototype',
  'extra',
);

/** Objects mixing real field names with hostile values, plus arbitrary JSON-ish payloads. */
const payload = fc.oneof(
  fc.dictionary(fieldNames, hostileValue, { maxKeys: 5 }),
  fc.anything(),
  fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown),
  fc.constant(JSON.parse('{"__proto__": {"polluted": true}, "title": "x"}') as unknown),
);

describe('every channel at the boundary', () => {
  it('answers arbitrary payloads with a Result and never throws; refusals write nothing', async () => {
    const lib = await tempLibrary();
    const { story, events } = seedStory(lib.dispatcher, { A: ['a1', 'a2'], B: ['b1'] });
    // Logic layer: a link, so link channels have a real row to aim at.
    const link = must(
      lib.dispatcher.call('links:create', {
        fromMomentId: events[0]!.moments[0]!.id,
        toMomentId: events[1]!.moments[0]!.id,
        kind: 'causes',
        strength: 'hard',
      }),
    );
    const realIds = [
      story.id,
      link.id,
      ...events.flatMap((e) => [e.event.id, ...e.moments.map((m) => m.id)]),
    ];
    // Sometimes aim at the real rows, so refusals are tested where a write could happen.
    const withRealIds = fc
      .tuple(payload, fc.constantFrom(...realIds), fieldNames)
      .map(([p, id, key]) =>
        p && typeof p === 'object' && !Array.isArray(p) ? { ...p, [key]: id } : p,
      );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...CHANNELS),
        fc.oneof(payload, withRealIds),
        async (channel, input) => {
          const before = dumpDatabase(lib.db);
          const result = lib.dispatcher.invoke(channel, input);
          expect(typeof result.ok).toBe('boolean');
          if (!result.ok) {
            expect(ERROR_CODES).toContain(result.error.code);
            expect(result.error.code).not.toBe('internal');
            expect(result.error.message.length).toBeGreaterThan(0);
            expect(dumpDatabase(lib.db)).toBe(before);
          }
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('refuses unknown channels, including prototype names', async () => {
    const { dispatcher } = await tempLibrary();
    for (const name of ['nope', '__proto__', 'constructor', 'toString', 'stories:', '', 42]) {
      const result = dispatcher.invoke(name as string, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
  });

  it('names the field and the rule in invalid_input messages', async () => {
    const { dispatcher } = await tempLibrary();
    const { events } = seedStory(dispatcher, { A: ['a1'] });
    const eventId = events[0]!.event.id;
    const cases: Array<[string, unknown, RegExp]> = [
      [
        'moments:create',
        { eventId, description: 'x', timestampOffset: -1 },
        /^timestampOffset: must be >= 0/,
      ],
      [
        'moments:create',
        { eventId, description: 'x', timestampOffset: Infinity },
        /^timestampOffset: must be a (finite )?number/,
      ],
      ['moments:create', { eventId: 'nope', description: 'x' }, /^eventId: must be a UUID/],
      [
        'moments:create',
        { eventId, description: 'x'.repeat(20_001) },
        /^description: must be at most 20000/,
      ],
      ['moments:create', { eventId, description: '\ud800' }, /^description: must be valid Unicode/],
      ['stories:create', { title: '   ' }, /^title: must not be empty/],
      ['stories:create', { title: 'a\nb' }, /^title: must be a single line/],
      ['stories:create', { title: 'ok', extra: 1 }, /Unrecognized key/],
      ['stories:create', { title: '\u0000Dune' }, /^title: must not contain control characters/],
      [
        'moments:create',
        { eventId, description: 'a\u0000b' },
        /^description: must not contain control/,
      ],
      [
        'moments:move',
        { momentId: events[0]!.moments[0]!.id, toEventId: eventId },
        /^beforeMomentId: /,
      ],
      ['events:update', { eventId }, /nothing to update/],
      ['stories:list', 'hello', /expected object/i],
    ];
    for (const [channel, input, message] of cases) {
      const result = dispatcher.invoke(channel, input);
      expect(result.ok, `${channel} ${JSON.stringify(input).slice(0, 60)}`).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('invalid_input');
        expect(result.error.message).toMatch(message);
      }
    }
  });
});
