import fc from 'fast-check';
import { hasControlCharacters } from '../../electron/core/contract/schemas';
import { storyContent, type StoryDocument } from '../../electron/core/formats/model';

/**
 * Stories that stress the outline formats (Fountain, Markdown emphasis): arbitrary Unicode
 * mixed with pieces of each format's syntax, only as writer text the library accepts.
 */

const piece = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      ...['\n', '\r\n', '\r', '\n\n', ' ', '  ', '\t', '\u2028', '\u00a0', '\ufeff'],
      ...['#', '## ', '1. ', '2) ', '- ', '* ', '+ ', '[0:30] ', '[', ']', '\\', '\\#'],
      ...['*', '**', '_', '__', '`', '\\*', '\\_', '*Aurora*', '_x_', 'snake_case', 'a*b*c'],
      ...['[[', ']]', '[[0:30]]', '/*', '*/', '=', '= ', '===', 'Title:', 'INT. ', '.SNOW'],
      ...['🌊', 'é', 'ש', '"', '<&>', 'x', 'Word'],
    ),
  },
);

/** Writer text: no control characters but tab and line breaks (the contract's rule). */
export const writerText = (maxPieces: number) =>
  fc
    .array(piece, { maxLength: maxPieces })
    .map((pieces) => pieces.join(''))
    .filter((s) => s.isWellFormed())
    .map((s) => [...s].filter((ch) => !hasControlCharacters(ch, true)).join(''));

const singleLine = (maxPieces: number) =>
  writerText(maxPieces).map((s) => s.replace(/[\r\n\t]/g, ' '));

const offset = fc.oneof(
  fc.constant(null),
  fc.constant(0),
  fc.integer({ min: 0, max: 8_640_000_000 }).map((ms) => ms / 1000),
  fc.double({ min: 0, max: 8_640_000, noNaN: true, noDefaultInfinity: true }).map(Math.abs),
);

/** A story the library can hold (a title that is not blank). */
export const storyDocument: fc.Arbitrary<StoryDocument> = fc.record({
  title: singleLine(10).map((s) => (s.trim() ? s : `Story${s}`)),
  events: fc.array(
    fc.record({
      title: singleLine(8),
      description: writerText(16),
      moments: fc.array(fc.record({ description: writerText(12), timestampOffset: offset }), {
        maxLength: 7,
      }),
    }),
    { maxLength: 5 },
  ),
});

/** What the library stores for a document: titles trimmed, as createStory/createEvent do. */
export function stored(doc: StoryDocument): StoryDocument {
  const content = storyContent(doc);
  return {
    ...content,
    title: content.title.trim(),
    events: content.events.map((e) => ({ ...e, title: e.title.trim() })),
  };
}
