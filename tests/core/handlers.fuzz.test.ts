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

  // Logic layer (issue 14): the link and story-time writes, aimed at real beats, events and
  // links of two stories with a loop-prone chain, so the refusals that need real rows (a self
  // link, a duplicate, a loop, beats of two stories, a move before itself or among another
  // story's events) are reached as often as the schema's own.
  it('links:* and events:setStoryTime|moveInChronology: refusals change nothing, byte for byte', async () => {
    const lib = await tempLibrary();
    const d = lib.dispatcher;
    const one = seedStory(d, { A: ['a1', 'a2'], B: ['b1', 'b2'], C: ['c1'] }, 'One');
    const two = seedStory(d, { X: ['x1'], Y: ['y1'] }, 'Two');
    const beats = [one, two].flatMap((s) => s.events.flatMap((e) => e.moments.map((m) => m.id)));
    const eventIds = [one, two].flatMap((s) => s.events.map((e) => e.event.id));
    const linkIds = [
      must(
        d.call('links:create', {
          fromMomentId: beats[0]!,
          toMomentId: beats[2]!,
          kind: 'causes',
          strength: 'hard',
        }),
      ).id,
      must(
        d.call('links:create', {
          fromMomentId: beats[2]!,
          toMomentId: beats[4]!,
          kind: 'precedes',
          strength: 'soft',
        }),
      ).id,
    ];
    const field = <T>(real: readonly T[]) =>
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...real) },
        { weight: 1, arbitrary: hostileValue },
      );
    const optional = { requiredKeys: [] as never[] };
    const inputs = fc.oneof(
      fc.record({
        channel: fc.constant('links:create'),
        input: fc.record(
          {
            fromMomentId: field(beats),
            toMomentId: field(beats),
            kind: field(['causes', 'precedes', 'sets_up']),
            strength: field(['hard', 'soft']),
            note: field(['', 'why', 'x'.repeat(2_001)]),
            linkId: field([...linkIds, '01900000-0000-7000-8000-000000000001']),
            intentional: field([true, false]),
          },
          optional,
        ),
      }),
      fc.record({
        channel: fc.constant('links:update'),
        input: fc.record(
          {
            linkId: field(linkIds),
            strength: field(['hard', 'soft']),
            note: field(['', 'why']),
            intentional: field([true, false]),
          },
          optional,
        ),
      }),
      fc.record({
        channel: fc.constant('links:delete'),
        input: fc.record({ linkId: field(linkIds) }, optional),
      }),
      fc.record({
        channel: fc.constant('events:setStoryTime'),
        input: fc.record(
          {
            eventId: field(eventIds),
            label: field(['Day 3, dawn', '', 'a\nb', 'x'.repeat(201)]),
            mode: field(['linear', 'flashback', 'flash-forward', 'parallel', 'dream', 'memory']),
          },
          optional,
        ),
      }),
      fc.record({
        channel: fc.constant('events:moveInChronology'),
        input: fc.record(
          { eventId: field(eventIds), beforeEventId: field([...eventIds, null]) },
          optional,
        ),
      }),
    );
    const codes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(inputs, async ({ channel, input }) => {
        const before = dumpDatabase(lib.db);
        const result = d.invoke(channel, input);
        if (!result.ok) {
          codes.add(result.error.code);
          expect(['invalid_input', 'not_found', 'conflict']).toContain(result.error.code);
          expect(result.error.message.length).toBeGreaterThan(0);
          expect('check' in result).toBe(false);
          expect(dumpDatabase(lib.db), `${channel} ${result.error.message}`).toBe(before);
        }
      }),
      { numRuns: 600 },
    );
    // The refusals that need real rows were reached, not only the schema's.
    expect([...codes].sort()).toEqual(['conflict', 'invalid_input', 'not_found']);
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
