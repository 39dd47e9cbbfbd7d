import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serializeStoryJson } from '../../electron/core/formats/json';
import {
  markdownContent,
  parseStoryMarkdown,
  serializeStoryMarkdown,
} from '../../electron/core/formats/markdown';
import type { StoryDocument } from '../../electron/core/formats/model';
import { must, tempLibrary } from '../helpers/library';
import { storyDocument, stored, writerText } from './story-arbitraries';

/**
 * Markdown's special characters in writer text: what a writer types comes back exactly
 * (`*Aurora*` stays `*Aurora*`), and a hand-written outline's emphasis reads as plain text.
 */

const oneBeat = (description: string, title = 'T'): StoryDocument => ({
  title,
  events: [{ title: 'E', description: '', moments: [{ description, timestampOffset: null }] }],
});

const beatOf = (doc: StoryDocument) => doc.events[0]!.moments[0]!.description;

describe('Markdown emphasis and escapes', () => {
  it('a beat typed with *, _, ` and \\ is exported escaped and comes back unchanged', () => {
    const typed = '*Aurora* meets __Bo__ at `noon` \\*really\\* a\\b C:\\path 5 * 3 snake_case';
    const text = serializeStoryMarkdown(oneBeat(typed, '*Title* _x_'));
    expect(text).toBe(
      '# \\*Title\\* \\_x\\_\n\n## E\n\n' +
        '1. \\*Aurora\\* meets \\_\\_Bo\\_\\_ at \\`noon\\` \\\\\\*really\\\\\\* a\\b C:\\path ' +
        '5 \\* 3 snake\\_case\n',
    );
    const back = parseStoryMarkdown(text);
    expect(back.title).toBe('*Title* _x_');
    expect(beatOf(back)).toBe(typed);
  });

  it('any text round-trips through a library: export, import, export is the same file', async () => {
    const { dispatcher } = await tempLibrary();
    fc.assert(
      fc.property(storyDocument, (doc) => {
        const a = must(
          dispatcher.call('stories:import', { format: 'json', content: serializeStoryJson(doc) }),
        ).id;
        const first = must(dispatcher.call('stories:export', { storyId: a, format: 'md' }));
        const b = must(
          dispatcher.call('stories:import', { format: 'md', content: first.content }),
        ).id;
        const second = must(dispatcher.call('stories:export', { storyId: b, format: 'md' }));
        expect(second.content).toBe(first.content);
        expect(parseStoryMarkdown(second.content)).toEqual(markdownContent(stored(doc)));
      }),
      { numRuns: 60 },
    );
  });

  it('any text with Markdown specials survives serialize and parse (no library, many runs)', () => {
    fc.assert(
      fc.property(writerText(20), (description) => {
        const doc = oneBeat(description);
        expect(parseStoryMarkdown(serializeStoryMarkdown(doc))).toEqual(markdownContent(doc));
      }),
      { numRuns: 2000 },
    );
  });

  it('a hand-written outline: emphasis markers dropped, escapes undone, the rest as typed', () => {
    const cases: Array<[string, string]> = [
      ['*Aurora* wakes', 'Aurora wakes'],
      ['**Bold** and __strong__', 'Bold and strong'],
      ['_under_ and ***both***', 'under and both'],
      ['snake_case_name stays', 'snake_case_name stays'],
      ['5 * 3 * 2 stays', '5 * 3 * 2 stays'],
      ['*unclosed stays', '*unclosed stays'],
      ['**half* open', '*half open'],
      ['\\*literal\\* and \\_this\\_', '*literal* and _this_'],
      ['a\\b and C:\\path', 'a\\b and C:\\path'],
      ['`code` and [a link](x)', '`code` and [a link](x)'],
    ];
    for (const [written, expected] of cases) {
      const doc = parseStoryMarkdown(`# *Story*\n\n## _Scene_\n\n${written}\n\n1. ${written}\n`);
      expect(doc.title).toBe('Story');
      expect(doc.events[0]!.title).toBe('Scene');
      expect(doc.events[0]!.description).toBe(expected);
      expect(beatOf(doc)).toBe(expected);
    }
  });
});
