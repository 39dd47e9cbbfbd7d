import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseImportFormat } from '../../electron/core/formats/import-format';
import { markdownContent, serializeStoryMarkdown } from '../../electron/core/formats/markdown';
import { storyContent, type StoryDocument } from '../../electron/core/formats/model';
import { parseStory } from '../../electron/core/formats/registry';
import { must, tempLibrary } from '../helpers/library';
import { storyDocument, stored } from './story-arbitraries';

/**
 * A Markdown outline Beatline wrote, under a name that says nothing (`.txt`, which the CLI's
 * `export --out story.txt` writes as Markdown) or sent as `json` (the web picker's default),
 * is read as Markdown whatever its text: a description of `=` lines or scene headings must
 * not turn it into a Fountain outline, which is a different story.
 */

const screenplayLines = fc.constantFrom(
  '=a',
  '= synopsis',
  '=',
  'INT. HOUSE - DAY',
  'EXT. ROAD',
  'est. 1850',
  'I/E CAR',
  'int/ext',
);
const screenplay = fc
  .array(fc.tuple(screenplayLines, fc.constantFrom('\n', '\n\n')), { minLength: 1, maxLength: 6 })
  .map((parts) => parts.map(([l, end]) => l + end).join(''));

const story: fc.Arbitrary<StoryDocument> = storyDocument.chain((doc) =>
  fc
    .array(screenplay, { minLength: doc.events.length, maxLength: doc.events.length })
    .map((extra) => ({
      ...doc,
      events: doc.events.map((e, i) => ({ ...e, description: extra[i]! + e.description })),
    })),
);

describe('a Beatline Markdown outline under a name that says nothing', () => {
  it('a description of = lines and scene headings keeps it Markdown (example)', async () => {
    const doc: StoryDocument = {
      title: 'Heist',
      events: [
        {
          title: 'Plan',
          description: '=a\n=b\n=c\n\nINT. VAULT\n\nEXT. ROOF\n\nINT. CAR',
          moments: [{ description: 'one', timestampOffset: null }],
        },
      ],
    };
    const text = serializeStoryMarkdown(doc);
    expect(chooseImportFormat(text, undefined, 'story.txt')).toBe('md');
    const { dispatcher: d } = await tempLibrary();
    const id = must(d.call('stories:import', { format: 'json', content: text })).id;
    const back = must(d.call('stories:export', { storyId: id, format: 'md' })).content;
    expect(back).toBe(text);
  });

  it('is read as Markdown for any story', () => {
    fc.assert(
      fc.property(story.map(stored), (doc) => {
        const text = serializeStoryMarkdown(doc);
        expect(chooseImportFormat(text, 'json', 'story.txt')).toBe('md');
        expect(chooseImportFormat(text, 'json')).toBe('md');
        expect(storyContent(parseStory('json', text))).toEqual(markdownContent(doc));
      }),
      { numRuns: 200 },
    );
  });
});
