import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Dispatcher } from '../../electron/core/handlers/dispatch';
import { hasControlCharacters } from '../../electron/core/contract/schemas';
import { LIMITS } from '../../electron/core/contract/limits';
import { parseStoryJson, serializeStoryJson } from '../../electron/core/formats/json';
import { markdownContent } from '../../electron/core/formats/markdown';
import { fountainContent } from '../../electron/core/formats/fountain-import';
import { parseStory } from '../../electron/core/formats/registry';
import { storyContent, type StoryDocument } from '../../electron/core/formats/model';
import { must, tempLibrary } from '../helpers/library';
import { stored } from './story-arbitraries';

/**
 * Every text format through a real library: a story imported, exported as JSON, Markdown and
 * Fountain, each imported again and exported again. The second export is the first byte for
 * byte, and the story is what the format keeps (all of it for JSON; markdownContent and
 * fountainContent say what the outlines keep). The text mixes the syntax of Markdown
 * (headings, lists, quotes, rules, tables, HTML, references), Fountain (scene headings,
 * transitions, centered text, lyrics, characters, notes, boneyard), line ends of every kind,
 * bidirectional and combining text, astral characters, and long and empty lines.
 */

const syntax = fc.constantFrom(
  ...['# ', '## ', '### ', '- ', '1. ', '1.  ', '2) ', '> ', '***', '---', '* * *', '[0:30]'],
  ...['[-0:30]', '\\', '\\\\', '<b>', '</div>', '<!-- x -->', '| a | b |', '|---|', '&amp;'],
  ...['&#32;', '&#9;', '```', '~~~', '[x]: /y', 'Story time: 1', '- → causes (hard): '],
  ...['INT. HOUSE - DAY', 'EXT.', '.FORCED', '> CUT TO:', '>CENTER<', '=', '= ', '===', '~'],
  ...['@McCLANE', 'BOB', '(beat)', '!', '[[', ']]', '[[0:30]]', '/*', '*/', 'Title:', '#12#'],
);
const script = fc.constantFrom(
  ...['שלום', 'مرحبا', '\u200f', '\u200e', '\u202e', '\u2066', 'e\u0301', '\u0301', 'ṩ̃'],
  ...['🌊', '👩🏽‍🚀', '𝕏', '\u{10ffff}', '\u2028', '\u2029', '\u00a0', '\u3000', '\ufeff'],
  ...['日本語', 'x'],
);
const blank = fc.constantFrom(' ', '  ', '\t', '\n', '\r\n', '\r', '\n\n', '\n \n', '\n\t');
const piece = fc.oneof(
  { weight: 3, arbitrary: syntax },
  { weight: 3, arbitrary: script },
  { weight: 3, arbitrary: blank },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
);

const writerText = (maxPieces: number) =>
  fc
    .array(piece, { maxLength: maxPieces })
    .map((pieces) => pieces.join(''))
    .filter((s) => s.isWellFormed())
    .map((s) => [...s].filter((ch) => !hasControlCharacters(ch, true)).join(''));
const line = (maxPieces: number) => writerText(maxPieces).map((s) => s.replace(/[\r\n\t]/g, ' '));

const offset = fc.oneof(
  fc.constant(null),
  fc.constantFrom(0, 0.001, 0.5, 59.999, 60, 3599.999, 3600, 86_399.5, LIMITS.maxOffsetSeconds),
  fc.integer({ min: 0, max: LIMITS.maxOffsetSeconds * 1000 }).map((ms) => ms / 1000),
);

const story: fc.Arbitrary<StoryDocument> = fc.record({
  title: line(6).map((s) => (s.trim() ? s : `Story${s}`).slice(0, LIMITS.title)),
  events: fc.array(
    fc.record({
      title: line(5).map((s) => s.slice(0, LIMITS.title)),
      description: writerText(12),
      moments: fc.array(fc.record({ description: writerText(10), timestampOffset: offset }), {
        maxLength: 5,
      }),
    }),
    { maxLength: 4 },
  ),
});

type Format = 'json' | 'md' | 'fountain';
const exportAs = (d: Dispatcher, storyId: string, format: Format) =>
  must(d.call('stories:export', { storyId, format })).content;
const importAs = (d: Dispatcher, format: Format, content: string) =>
  must(d.call('stories:import', { format, content })).id;

/** What each format keeps of a stored story. */
const KEEPS: Record<Format, (doc: StoryDocument) => StoryDocument> = {
  json: storyContent,
  md: markdownContent,
  fountain: fountainContent,
};

/** A story file without what an import may change: ids and times. */
const withoutIds = (json: string) =>
  JSON.stringify(JSON.parse(json), (key, value: unknown) =>
    ['id', 'from', 'to', 'createdAt', 'updatedAt', 'exportedAt'].includes(key) ? undefined : value,
  );

/**
 * Imports `doc`, exports it as `format`, imports that and exports it again: the second file must
 * be the first (JSON but for ids and times). Returns the first file and the second story's id.
 */
function roundTrip(d: Dispatcher, format: 'json' | 'md' | 'fountain', doc: StoryDocument) {
  const a = importAs(d, 'json', serializeStoryJson(doc));
  const first = exportAs(d, a, format);
  const b = importAs(d, format, first);
  const second = exportAs(d, b, format);
  if (format === 'json') expect(withoutIds(second)).toBe(withoutIds(first));
  else expect(second).toBe(first);
  return { first, b };
}

describe('every text format round-trips hostile writer text through a library', () => {
  it.each(['json', 'md', 'fountain'] as const)('%s', async (format) => {
    const { dispatcher: d } = await tempLibrary();
    fc.assert(
      fc.property(story, (doc) => {
        const { first, b } = roundTrip(d, format, doc);
        const back = storyContent(parseStoryJson(exportAs(d, b, 'json')));
        expect(back).toEqual(KEEPS[format](stored(doc)));
        expect(storyContent(parseStory(format, first))).toEqual(back);
      }),
      { numRuns: 80 },
    );
  });
});

/**
 * Texts at the exact limit of their field, made of what each format escapes or rewrites
 * (Fountain's `[[`, `]]`, `/*`, `*\/`; Markdown's `\`, `*`, `_`, `` ` ``, `#`, `=`, `|` rows,
 * leading spaces as `&#32;`; JSON's `\t`, `\r`, `"`): the written field is longer than the
 * stored one, and the file must still import, as the same story, every field back at the limit.
 */
const ESCAPED = [
  ...['[[', ']]', '[', ']', '/*', '*/', '/', '*', '=', '#', '# ', '## ', '|', '|---|', '-'],
  ...['\\', '\\*', '_', '`', '&#32;', '&#9;', ' ', '  ', '"', '<', '1. ', '1.  [0:75] '],
  ...['\n', '\r\n', '\r', '\t', '🌊', '𝕏', 'e\u0301', '\u0301', 'ש', 'x'],
];

/** `max` UTF-16 units of the pieces, in turn (`x` where the next piece would not fit). */
function fill(pieces: readonly string[], max: number): string {
  let out = '';
  for (let i = 0; out.length < max; i++) {
    const piece = pieces[i % pieces.length]!;
    out += out.length + piece.length <= max ? piece : 'x';
  }
  return out;
}

/** A text of exactly `max` units; a line's ends are not blank (titles are stored trimmed). */
const atLimit = (max: number, oneLine = false) =>
  fc
    .array(fc.constantFrom(...ESCAPED.filter((p) => !oneLine || !/[\r\n\t]/.test(p))), {
      minLength: 1,
      maxLength: 6,
    })
    .map((pieces) => fill(pieces, max))
    .map((s) => (oneLine ? s.replace(/^\s/, 'x').replace(/\s$/, 'x') : s));

const limitStory: fc.Arbitrary<StoryDocument> = fc
  .record({
    title: fc.oneof(atLimit(LIMITS.title, true), fc.constant('Story')),
    events: fc.array(
      fc.record({
        title: fc.oneof(atLimit(LIMITS.title, true), fc.constant('')),
        description: fc.oneof(atLimit(LIMITS.eventDescription), fc.constant('')),
        moments: fc.array(
          fc.record({
            description: fc.oneof(atLimit(LIMITS.beatDescription), writerText(3)),
            timestampOffset: offset,
          }),
          { minLength: 1, maxLength: 2 },
        ),
        label: fc.oneof(atLimit(LIMITS.timeLabel, true), fc.constant('')),
      }),
      { minLength: 1, maxLength: 2 },
    ),
  })
  .map(({ title, events }) => ({
    title,
    events: events.map(({ label: _, ...event }) => event),
    logic: {
      times: events.map(({ label }, order) => ({ order, label, mode: 'linear' as const })),
      links: [],
    },
  }));

describe('every text format round-trips texts at the limits that its escapes lengthen', () => {
  it.each(['json', 'md', 'fountain'] as const)('%s', async (format) => {
    const { dispatcher: d } = await tempLibrary();
    fc.assert(
      fc.property(limitStory, (doc) => {
        const { b } = roundTrip(d, format, doc);
        const back = parseStoryJson(exportAs(d, b, 'json'));
        expect(storyContent(back)).toEqual(KEEPS[format](stored(doc)));
        const plain = doc.events.map((_, order) => ({ order, label: '', mode: 'linear' }));
        if (format !== 'fountain') expect(back.logic?.times ?? plain).toEqual(doc.logic?.times);
      }),
      { numRuns: 60 },
    );
  });
});

describe('each escaped piece alone, filling every field to its limit', () => {
  const BEAT_IDS = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'];
  const only = (piece: string, max: number, oneLine = false) => {
    const text = fill([piece], max);
    return oneLine ? text.replace(/[\r\n\t]/g, 'x').replace(/^\s|\s$/g, 'x') : text;
  };
  const docOf = (piece: string, links: boolean): StoryDocument => ({
    title: only(piece, LIMITS.title, true),
    events: [
      {
        title: only(piece, LIMITS.title, true),
        description: only(piece, LIMITS.eventDescription),
        moments: [
          {
            id: BEAT_IDS[0],
            description: only(piece, LIMITS.beatDescription),
            timestampOffset: 30,
          },
          { id: BEAT_IDS[1], description: only(piece, 3), timestampOffset: null },
        ],
      },
    ],
    logic: {
      times: [{ order: 0, label: only(piece, LIMITS.timeLabel, true), mode: 'dream' }],
      // Fountain writes links as notes but does not read them back.
      links: !links
        ? []
        : [
            {
              ...{ from: [0, 0] as [number, number], to: [0, 1] as [number, number] },
              ...{ kind: 'sets_up' as const, strength: 'soft' as const, intentional: true },
              note: only(piece, LIMITS.linkNote),
            },
          ],
    },
  });
  /** Story time and links as a format keeps them: Markdown drops a note's final line breaks. */
  const logicKept = (format: Format, doc: StoryDocument) => {
    if (format !== 'md' || !doc.logic) return doc.logic;
    const note = (text: string) => text.replace(/\r\n?/g, '\n').replace(/\n+$/, '');
    return { ...doc.logic, links: doc.logic.links.map((l) => ({ ...l, note: note(l.note) })) };
  };
  it.each(['json', 'md', 'fountain'] as const)('%s', async (format) => {
    const { dispatcher: d } = await tempLibrary();
    for (const piece of ESCAPED) {
      const doc = docOf(piece, format !== 'fountain');
      const first = exportAs(d, importAs(d, 'json', serializeStoryJson(doc)), format);
      const b = importAs(d, format, first);
      const second = exportAs(d, b, format);
      if (format === 'json') expect(withoutIds(second), piece).toBe(withoutIds(first));
      else expect(second, piece).toBe(first);
      const back = parseStoryJson(exportAs(d, b, 'json'));
      expect(storyContent(back), piece).toEqual(KEEPS[format](stored(doc)));
      if (format !== 'fountain') expect(back.logic, piece).toEqual(logicKept(format, doc));
    }
  });
});
