import fc from 'fast-check';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { parseStoryMarkdown, serializeStoryMarkdown } from '../../electron/core/formats/markdown';
import type { StoryDocument } from '../../electron/core/formats/model';
import { dumpDatabase, must, tempLibrary } from '../helpers/library';

/**
 * Spaces and tabs at the start of a beat. CommonMark reads up to four spaces after a list
 * marker as its padding, not as text, so a hand-written `1.  text` is the beat "text", and an
 * editor that reformats the file (Prettier) drops them. The export writes them as character
 * references (`1. &#32;&#32;text`), which Beatline, CommonMark and Prettier all keep.
 */

const beats = (doc: StoryDocument) => doc.events[0]!.moments.map((m) => m.description);

function story(texts: readonly string[]): StoryDocument {
  return {
    title: 'T',
    events: [
      {
        title: 'E',
        description: '',
        moments: texts.flatMap((description, i) => [
          { description, timestampOffset: null },
          { description, timestampOffset: i * 1.5 },
        ]),
      },
    ],
  };
}

const LEADING = [
  '  lead',
  '\tlead',
  ' ',
  '   ',
  '    four',
  '      six',
  ' \t x',
  '  # x',
  ' 1. x',
  ' [0:30] x',
  ' - x',
  '  \nsecond line',
  ' x\n  y',
  '&#32;x',
  '&#9;',
  ' &#32;',
  '\\&#32;',
  '&#32',
  '&amp;',
];

describe('a Markdown list item with more than one space after its marker', () => {
  it.each([
    ['1.  text', 'text'],
    ['1.   text', 'text'],
    ['1.    text', 'text'],
    ['-   text', 'text'],
    ['*\t text', 'text'],
    ['2)  two  spaces inside', 'two  spaces inside'],
    ['10.  [0:30] timed', 'timed'],
  ])('%j reads as the beat %j', (line, text) => {
    const doc = parseStoryMarkdown(`# T\n\n## E\n\n${line}\n`);
    expect(beats(doc)).toEqual([text]);
  });

  it('lines indented to its text after the padding continue it without those spaces', () => {
    const doc = parseStoryMarkdown(
      '# T\n\n## E\n\n1.  The bus stops\n    at the crossroads\n\n    and waits\n' +
        '-   [0:30] She walks\n    the last mile\n      (slowly)\n',
    );
    expect(beats(doc)).toEqual([
      'The bus stops\nat the crossroads\n\nand waits',
      'She walks\nthe last mile\n  (slowly)',
    ]);
  });
});

describe('a beat that starts with spaces or tabs', () => {
  it('reads back exactly from the export', () => {
    const doc = story(LEADING);
    expect(parseStoryMarkdown(serializeStoryMarkdown(doc))).toEqual(doc);
  });

  it('reads back exactly after Prettier formats the file', async () => {
    // Not the spaces a further line starts with: Prettier reads them as a paragraph's and
    // drops them (docs/story-file-format.md).
    const doc = story(LEADING.filter((t) => !t.includes('\n ')));
    const pretty = await prettier.format(serializeStoryMarkdown(doc), { parser: 'markdown' });
    expect(parseStoryMarkdown(pretty)).toEqual(doc);
  });

  it('keeps its leading whitespace through Beatline and Prettier for any such beat', async () => {
    const lead = fc.array(fc.constantFrom(' ', '\t'), { minLength: 1, maxLength: 6 });
    const word = fc.constantFrom('x', 'Word', '#', '1.', '-', '[0:30]', '&#32;', '🌊', 'ש', '>');
    const beat = fc.tuple(lead, word).map(([l, w]) => l.join('') + w);
    await fc.assert(
      fc.asyncProperty(fc.array(beat, { minLength: 1, maxLength: 5 }), async (texts) => {
        const doc = story(texts);
        const text = serializeStoryMarkdown(doc);
        expect(parseStoryMarkdown(text)).toEqual(doc);
        const pretty = await prettier.format(text, { parser: 'markdown' });
        expect(parseStoryMarkdown(pretty)).toEqual(doc);
      }),
      { numRuns: 60 },
    );
  });

  it('survives export, import, export through a library, byte for byte', async () => {
    const { dispatcher: d } = await tempLibrary();
    const first = serializeStoryMarkdown(story(LEADING));
    const a = must(d.call('stories:import', { format: 'md', content: first })).id;
    const exported = must(d.call('stories:export', { storyId: a, format: 'md' })).content;
    expect(exported).toBe(first);
  });

  it('an outline refused for a later line writes nothing', async () => {
    const lib = await tempLibrary();
    const before = dumpDatabase(lib.db);
    const bad = `${serializeStoryMarkdown(story(LEADING))}\n## F\n\n1. [0:75] x\n`;
    expect(lib.dispatcher.call('stories:import', { format: 'md', content: bad }).ok).toBe(false);
    expect(dumpDatabase(lib.db)).toBe(before);
  });
});
