import { describe, expect, it } from 'vitest';
import {
  markdownContent,
  parseStoryMarkdown,
  serializeStoryMarkdown,
} from '../../electron/core/formats/markdown';
import type { StoryDocument } from '../../electron/core/formats/model';
import { formatOffset, parseOffset } from '../../electron/core/formats/offsets';

const story = (...beats: Array<[string, number | null]>): StoryDocument => ({
  title: 'T',
  events: [
    {
      title: 'E',
      description: '',
      moments: beats.map(([description, timestampOffset]) => ({ description, timestampOffset })),
    },
  ],
});

const roundTrip = (doc: StoryDocument) => parseStoryMarkdown(serializeStoryMarkdown(doc));

const errorOf = (text: string, fallbackTitle?: string): string => {
  try {
    parseStoryMarkdown(text, { fallbackTitle });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the outline to be refused');
};

describe('offsets as writers read them', () => {
  it.each([
    [0, '0:00'],
    [30, '0:30'],
    [30.5, '0:30.5'],
    [59.999, '0:59.999'],
    [59.9996, '1:00'],
    [600, '10:00'],
    [3599, '59:59'],
    [3600, '1:00:00'],
    [3723.25, '1:02:03.25'],
    [8_640_000, '2400:00:00'],
  ])('%s s is [%s]', (seconds, text) => {
    expect(formatOffset(seconds)).toBe(text);
  });

  it('parses m:ss and h:mm:ss with fractions, and nothing else', () => {
    expect(parseOffset('0:30')).toBe(30);
    expect(parseOffset('75:00')).toBe(4500);
    expect(parseOffset('1:02:03.5')).toBe(3723.5);
    expect(parseOffset('0:07.125')).toBe(7.125);
    for (const bad of ['0:5', '1:60', '1:00:60', ':30', '0:30.', '1.5', 'a:bc', '1:2:3']) {
      expect(parseOffset(bad)).toBeNull();
    }
  });

  it('keeps every whole millisecond exactly and rounds finer fractions', () => {
    for (const ms of [0, 1, 7, 125, 999, 1001, 86_399_999, 8_640_000_000]) {
      const seconds = ms / 1000;
      expect(parseOffset(formatOffset(seconds))).toBe(seconds);
    }
    expect(parseOffset(formatOffset(1.23456))).toBe(1.235);
    expect(markdownContent(story(['x', 0.0001])).events[0]!.moments[0]!.timestampOffset).toBe(0);
  });
});

describe('Markdown escapes', () => {
  it.each([
    '[1:00] looks like a time',
    '[0:30]',
    '\\[0:30] already escaped',
    '# a hash',
    '## two hashes',
    '\\# escaped hash',
    '\\\\# two backslashes',
    '2. looks like a number',
    '10) also a number',
    '2\\. escaped number',
    '3.14 is not a list marker',
    '- dash',
    '* star',
    '+ plus',
    '-no space after the dash',
    '\\',
    '\\ backslash and space',
    '   leading spaces',
    '\tleading tab',
    '',
    ' ',
  ])('a beat %j round-trips', (text) => {
    const doc = story([text, null], [text, 12]);
    expect(roundTrip(doc)).toEqual(doc);
  });

  it('multi-line beats keep their lines, inner blank lines and indentation', () => {
    const text = 'first\nsecond\n\n\nafter two blank lines\n    indented\n# hash inside\n1. number';
    const doc = story([text, 5], ['\nstarts with a line break', null], ['a\n \nb', null]);
    expect(roundTrip(doc)).toEqual(doc);
    expect(serializeStoryMarkdown(doc)).toContain('1. [0:05] first\n   second\n\n\n   after');
  });

  it('Unicode line and paragraph separators are text, not line breaks', () => {
    const doc: StoryDocument = {
      title: 'A\u2028B',
      events: [
        {
          title: 'C\u2029D',
          description: 'E\u2028F',
          moments: [{ description: 'G\u2028H\u0085I', timestampOffset: 1 }],
        },
      ],
    };
    expect(roundTrip(doc)).toEqual(doc);
  });

  it('descriptions keep their paragraphs and lines that look like structure', () => {
    const doc: StoryDocument = {
      title: 'T',
      events: [
        {
          title: 'E',
          description: 'One.\n\n## not an event\n1. not a beat\n- not a bullet\n  indented',
          moments: [{ description: 'b', timestampOffset: null }],
        },
        { title: '', description: '', moments: [] },
      ],
    };
    expect(roundTrip(doc)).toEqual(doc);
  });

  it('says what a round trip does not keep: blank margins, trailing line breaks, \\r', () => {
    const doc: StoryDocument = {
      title: 'T',
      events: [
        {
          title: 'E',
          description: '\n\n  \nBody\r\nline\n\n',
          moments: [{ description: 'beat\r\nnext\n\n', timestampOffset: null }],
        },
      ],
    };
    const expected = markdownContent(doc);
    expect(expected.events[0]!.description).toBe('Body\nline');
    expect(expected.events[0]!.moments[0]!.description).toBe('beat\nnext');
    expect(roundTrip(doc)).toEqual(expected);
  });
});

describe('reading hand-written Markdown', () => {
  it('takes bullets, `1)` markers, any numbering, lazy continuation lines, CRLF and a BOM', () => {
    const text =
      '\ufeff# Draft\r\n\r\n## Opening\r\nShe wakes.\r\n\r\n' +
      '- first beat\r\n  continued\r\n* [2:00] second\r\n7) third\r\nlazy line\r\n\r\n' +
      '##   Second scene   \r\n1. only';
    expect(parseStoryMarkdown(text)).toEqual({
      title: 'Draft',
      events: [
        {
          title: 'Opening',
          description: 'She wakes.',
          moments: [
            { description: 'first beat\ncontinued', timestampOffset: null },
            { description: 'second', timestampOffset: 120 },
            { description: 'third\nlazy line', timestampOffset: null },
          ],
        },
        {
          title: 'Second scene',
          description: '',
          moments: [{ description: 'only', timestampOffset: null }],
        },
      ],
    });
  });

  it('a story with no events is just its title', () => {
    expect(parseStoryMarkdown('# Just a title\n')).toEqual({ title: 'Just a title', events: [] });
  });

  it('takes the title from the file name when there is no # heading', () => {
    expect(errorOf('## Scene\n1. beat\n')).toMatch(/^line 1: the outline must start/);
    expect(parseStoryMarkdown('## Scene\n1. beat\n', { fallbackTitle: 'notes' }).title).toBe(
      'notes',
    );
  });

  it('names the first problem by line', () => {
    expect(errorOf('')).toBe(
      'line 1: the outline must start with the story title as a # heading (# My Story).',
    );
    expect(errorOf('Some text\n# Title')).toMatch(/^line 1: the outline must start/);
    expect(errorOf('# A\n\n# B')).toMatch(/^line 3: a second # heading/);
    expect(errorOf('# A\nintro text\n## E')).toMatch(/^line 2: text between the story title/);
    expect(errorOf('# A\n1. beat')).toMatch(/^line 2: a beat before the first event/);
    expect(errorOf('# A\n## E\n### Sub')).toMatch(/^line 3: ### headings are not part/);
    expect(errorOf('# A\n## E\n1. [0:5] beat')).toBe(
      'line 3: [0:5] is not a time: write [m:ss] or [h:mm:ss], e.g. [0:30] or [1:02:03.5].',
    );
    expect(errorOf('# A\n## E\n1. [2400:00:01] late')).toBe(
      'line 3: beat time: must be <= 8640000',
    );
    expect(errorOf('# A\n## E\n1. beat\n\nstray text')).toMatch(
      /^line 5: text after the beats of an event/,
    );
    expect(errorOf(`# ${'x'.repeat(201)}`)).toBe(
      'line 1: story title: must be at most 200 characters',
    );
    expect(errorOf('#    \n')).toBe('line 1: story title: must not be empty');
    expect(errorOf('# \u0000 title')).toBe(
      'line 1: story title: must not contain control characters',
    );
    expect(errorOf(`# A\n## E\n\n\n${'d'.repeat(20_001)}`)).toBe(
      'line 5: event description: must be at most 20000 characters',
    );
    expect(errorOf(`# A\n## E\n1. ok\n2. ${'b'.repeat(20_001)}`)).toBe(
      'line 4: beat: must be at most 20000 characters',
    );
    expect(errorOf('# A\n## E\n1. \ud800 lone surrogate')).toBe(
      'line 3: beat: must be valid Unicode text',
    );
  });

  it('reports an over-long description before a later bad beat', () => {
    expect(errorOf(`# A\n## E\n${'d'.repeat(20_001)}\n1. [0:5] x`)).toMatch(/^line 3: event/);
  });
});
