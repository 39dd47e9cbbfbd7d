import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readStoryFast } from '../../electron/core/formats/json-fast';
import { readStoryChecked, serializeStoryJson } from '../../electron/core/formats/json';
import type { StoryDocument } from '../../electron/core/formats/model';
import { sampleStory } from './helpers';

/**
 * Import's fast path (json-fast.ts) checks beats without zod. It must never accept what the
 * full schema refuses, must read what it accepts into the same document, and must take every
 * ordinary file (or imports lose their speed).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** What the full schema says about a parsed file: the document, or its first problem. */
function checked(root: unknown): { doc: StoryDocument } | { error: string } {
  try {
    return { doc: readStoryChecked(root) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

const fileOf = (doc: StoryDocument): Json =>
  JSON.parse(serializeStoryJson(doc, '2026-01-31T09:30:00.000Z')) as Json;

/** Values a beat's field might hold in a hand-edited or hostile file. */
const oddValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    null,
    true,
    0,
    -1,
    1.5,
    1e300,
    8_640_000,
    8_640_001,
    '',
    ' ',
    'x'.repeat(20_001),
    'x'.repeat(20_000),
    'tab\there',
    'line\nbreak',
    'nul\u0000',
    'del\u007f',
    'bell\u0007',
    '\ud800 lone surrogate',
    '019a3c4e-8f00-7abc-8def-0123456789ab',
    '00000000-0000-0000-0000-000000000000',
    'not-a-uuid',
    '2026-01-31T09:30:00.000Z',
    '2026-13-31T09:30:00Z',
    '2026-01-31',
    [],
    {},
    ['a'],
  ),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.double(),
  fc.integer(),
);

const FIELDS = [
  'id',
  'sequence_index',
  'beat_description',
  'timestamp_offset',
  'createdAt',
  'updatedAt',
  '__proto__',
  'constructor',
  'extra',
];

interface Mutation {
  event: number;
  beat: number;
  kind: 'set' | 'delete' | 'replace';
  field: string;
  value: Json;
}

/** A change to one beat of a file: a field set to an odd value, removed, or the beat replaced. */
const mutation: fc.Arbitrary<Mutation> = fc.record({
  event: fc.nat(),
  beat: fc.nat(),
  kind: fc.constantFrom<Mutation['kind']>('set', 'delete', 'replace'),
  field: fc.constantFrom(...FIELDS),
  value: oddValue,
});

function mutate(file: Json, m: Mutation): void {
  const events = (file as { story: { events: Array<{ moments: Json[] }> } }).story.events ?? [];
  if (events.length === 0) return;
  const moments = events[m.event % events.length]!.moments;
  if (moments.length === 0) return;
  const i = m.beat % moments.length;
  if (m.kind === 'replace') {
    moments[i] = m.value;
    return;
  }
  const beat = moments[i];
  if (beat === null || typeof beat !== 'object' || Array.isArray(beat)) return;
  if (m.kind === 'delete') delete beat[m.field];
  // defineProperty, so `__proto__` becomes an own field as JSON.parse makes it.
  else
    Object.defineProperty(beat, m.field, {
      value: m.value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
}

describe('the fast path of story-file import', () => {
  it('takes an ordinary file and reads it exactly as the full schema does', () => {
    const file = fileOf(sampleStory());
    const fast = readStoryFast(file);
    expect(fast).not.toBeNull();
    expect(fast).toEqual(readStoryChecked(file));
  });

  it('never accepts what the full schema refuses, and agrees on what both accept', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        const file = fileOf(sampleStory());
        for (const m of mutations) mutate(file, m);
        const fast = readStoryFast(file);
        const full = checked(file);
        if (fast !== null) {
          expect(full).toEqual({ doc: fast });
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves every refusal to the full schema, so the message names the problem', () => {
    const file = fileOf(sampleStory()) as {
      story: { events: Array<{ moments: Array<Record<string, Json>> }> };
    };
    file.story.events[0]!.moments[2]!.timestamp_offset = -3;
    expect(readStoryFast(file)).toBeNull();
    expect(checked(file)).toEqual({
      error: 'story.events[0].moments[2].timestamp_offset: must be >= 0',
    });
  });
});
