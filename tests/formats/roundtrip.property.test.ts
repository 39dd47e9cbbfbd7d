import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Dispatcher } from '../../electron/core/handlers/dispatch';
import { parseStoryJson, serializeStoryJson } from '../../electron/core/formats/json';
import { markdownContent, parseStoryMarkdown } from '../../electron/core/formats/markdown';
import { storyContent, type StoryDocument } from '../../electron/core/formats/model';
import { hasControlCharacters } from '../../electron/core/contract/schemas';
import { must, tempLibrary } from '../helpers/library';

/**
 * Round trips through a real library: a story file (or outline) imported, exported, imported
 * again and exported again must give the same content; only ids and times may change.
 */

/** Pieces that stress the formats, mixed with arbitrary Unicode (astral planes included). */
const piece = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '\n',
      '\r\n',
      '\r',
      '\n\n',
      ' ',
      '\t',
      '#',
      '## ',
      '1. ',
      '2) ',
      '- ',
      '* ',
      '+ ',
      '[0:30] ',
      '[',
      ']',
      '\\',
      '\\#',
      '[[',
      ']]',
      '/*',
      '*/',
      '\u2028',
      '\u00a0',
      '\ufeff',
      '🌊',
      'é',
      'ש',
      '"',
      '<&>',
    ),
  },
);

const text = (maxPieces: number) =>
  fc
    .array(piece, { maxLength: maxPieces })
    .map((pieces) => pieces.join(''))
    .filter((s) => s.isWellFormed())
    // Writer text holds no control characters but tab and line breaks (the contract's rule).
    .map((s) => [...s].filter((ch) => !hasControlCharacters(ch, true)).join(''));

const singleLine = (maxPieces: number) => text(maxPieces).map((s) => s.replace(/[\r\n\t]/g, ' '));

// A title the library can hold: not blank.
const storyTitle = singleLine(10).map((s) => (s.trim() ? s : `Story${s}`));

const offset = fc.oneof(
  fc.constant(null),
  fc.constant(0),
  fc.integer({ min: 0, max: 8_640_000_000 }).map((ms) => ms / 1000),
  fc
    .double({ min: 0, max: 8_640_000, noNaN: true, noDefaultInfinity: true })
    .map((x) => (Object.is(x, -0) ? 0 : x)),
);

const storyDocument: fc.Arbitrary<StoryDocument> = fc.record({
  title: storyTitle,
  events: fc.array(
    fc.record({
      title: singleLine(8),
      description: text(16),
      moments: fc.array(fc.record({ description: text(12), timestampOffset: offset }), {
        maxLength: 7,
      }),
    }),
    { maxLength: 5 },
  ),
});

/** What the library stores for a document: titles trimmed, as createStory/createEvent do. */
function stored(doc: StoryDocument): StoryDocument {
  const content = storyContent(doc);
  return {
    ...content,
    title: content.title.trim(),
    events: content.events.map((e) => ({ ...e, title: e.title.trim() })),
  };
}

/** A story file without what an import is free to change: ids and times. */
const withoutIdsAndTimes = (json: string) =>
  JSON.stringify(JSON.parse(json), (key, value: unknown) =>
    ['id', 'createdAt', 'updatedAt', 'exportedAt'].includes(key) ? undefined : value,
  );

function exportAs(dispatcher: Dispatcher, storyId: string, format: 'json' | 'md'): string {
  return must(dispatcher.call('stories:export', { storyId, format })).content;
}

function importAs(dispatcher: Dispatcher, format: 'json' | 'md', content: string): string {
  return must(dispatcher.call('stories:import', { format, content })).id;
}

describe('round trips through a library', () => {
  it('story file: export, import, export gives the same file apart from ids and times', async () => {
    const { dispatcher } = await tempLibrary();
    fc.assert(
      fc.property(storyDocument, (doc) => {
        const a = importAs(dispatcher, 'json', serializeStoryJson(doc));
        const first = exportAs(dispatcher, a, 'json');
        const b = importAs(dispatcher, 'json', first);
        expect(b).not.toBe(a);
        const second = exportAs(dispatcher, b, 'json');
        expect(withoutIdsAndTimes(second)).toBe(withoutIdsAndTimes(first));
        expect(storyContent(parseStoryJson(second))).toEqual(stored(doc));
      }),
      { numRuns: 60 },
    );
  });

  it('Markdown: export, import, export gives the same outline and keeps what Markdown can', async () => {
    const { dispatcher } = await tempLibrary();
    fc.assert(
      fc.property(storyDocument, (doc) => {
        const a = importAs(dispatcher, 'json', serializeStoryJson(doc));
        const first = exportAs(dispatcher, a, 'md');
        const b = importAs(dispatcher, 'md', first);
        const second = exportAs(dispatcher, b, 'md');
        expect(second).toBe(first);
        expect(parseStoryMarkdown(second)).toEqual(markdownContent(stored(doc)));
        const bAsJson = parseStoryJson(exportAs(dispatcher, b, 'json'));
        expect(storyContent(bAsJson)).toEqual(markdownContent(stored(doc)));
      }),
      { numRuns: 60 },
    );
  });

  it('a large story (200 events, 10,000 beats) survives both formats', async () => {
    const { dispatcher } = await tempLibrary();
    const doc: StoryDocument = {
      title: 'Epic',
      events: Array.from({ length: 200 }, (_, e) => ({
        title: `Chapter ${e + 1}`,
        description: e % 3 === 0 ? '' : `Where chapter ${e + 1} happens.\n\nSecond paragraph.`,
        moments: Array.from({ length: e % 7 === 0 ? 0 : 60 }, (_, m) => ({
          description: `Beat ${m + 1} of ${e + 1}${m % 5 === 0 ? '\nwith a second line' : ''}`,
          timestampOffset: m % 4 === 0 ? null : m * 12.5,
        })),
      })),
    };
    const a = importAs(dispatcher, 'json', serializeStoryJson(doc));
    const json = exportAs(dispatcher, a, 'json');
    expect(storyContent(parseStoryJson(json))).toEqual(storyContent(doc));
    const b = importAs(dispatcher, 'md', exportAs(dispatcher, a, 'md'));
    expect(withoutIdsAndTimes(exportAs(dispatcher, b, 'json'))).toBe(withoutIdsAndTimes(json));
  });
});
