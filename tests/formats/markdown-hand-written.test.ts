import { describe, expect, it } from 'vitest';
import {
  markdownContent,
  parseStoryMarkdown,
  serializeStoryMarkdown,
} from '../../electron/core/formats/markdown';
import type { StoryDocument } from '../../electron/core/formats/model';

/**
 * Markdown outlines written by hand or by other tools (pandoc, editors that align list items),
 * in shapes Beatline's own export never writes: what a writer meant must come in, or a refusal.
 */

const beats = (doc: StoryDocument, e = 0) =>
  doc.events[e]!.moments.map((m) => [m.description, m.timestampOffset]);

describe('a hand-written Markdown outline', () => {
  it('reads a time after a list marker with up to four spaces (aligned lists, pandoc)', () => {
    const text =
      '# The Glass Orchard\n\n## Arrival\n\n' +
      '1.  [0:00] The bus stops at the crossroads\n' +
      '2.  [0:45] She walks the last mile\n' +
      '10. [2:10] The gate is chained\n\n' +
      '## Trees\n\n' +
      '-   [1:00] She finds the glass apples\n' +
      '*\t[1:30] They ring like bells\n' +
      '+    [2:00.5] Uncle Ivo appears\n';
    const doc = parseStoryMarkdown(text);
    expect(beats(doc, 0)).toEqual([
      ['The bus stops at the crossroads', 0],
      ['She walks the last mile', 45],
      ['The gate is chained', 130],
    ]);
    expect(beats(doc, 1)).toEqual([
      ['She finds the glass apples', 60],
      ['They ring like bells', 90],
      ['Uncle Ivo appears', 120.5],
    ]);
  });

  it('a bracket that is not a time is refused after any padding, as right after the marker', () => {
    const head = '# T\n\n## E\n\n';
    for (const [item, bracket] of [
      ['1. [0:75] x', '[0:75]'],
      ['1.  [0:75] x', '[0:75]'],
      ['1.   [0:75]', '[0:75]'],
      ['1)  [0:75] x', '[0:75]'],
      ['12.    [1:75:00] x', '[1:75:00]'],
      ['1.\t[0:75] x', '[0:75]'],
      ['1.\t\t[0:75] x', '[0:75]'],
      ['1. \t [0:75] x', '[0:75]'],
      ['-   [0:75] x', '[0:75]'],
      ['*  [-0:30] x', '[-0:30]'],
      ['+\t[0:7.5.5] x', '[0:7.5.5]'],
    ]) {
      expect(() => parseStoryMarkdown(`${head}${item}\n`), item).toThrow(
        `line 5: ${bracket} is not a time: write [m:ss] or [h:mm:ss], e.g. [0:30] or [1:02:03.5].`,
      );
    }
  });

  it('past the padding (five spaces: CommonMark code) or nested under a beat, a time is text, valid or not', () => {
    const head = '# T\n\n## E\n\n';
    for (const time of ['[0:30]', '[0:75]']) {
      expect(beats(parseStoryMarkdown(`${head}1.     ${time} x\n`)), time).toEqual([
        [`    ${time} x`, null],
      ]);
      expect(beats(parseStoryMarkdown(`${head}1. a\n   1. ${time} x\n`)), time).toEqual([
        [`a\n1. ${time} x`, null],
      ]);
      expect(beats(parseStoryMarkdown(`${head}1. a\n   - ${time} x\n`)), time).toEqual([
        [`a\n- ${time} x`, null],
      ]);
    }
  });

  it('a beat whose text starts with spaces and a time-like bracket still round-trips', () => {
    const texts = [' [0:30] on the wall', '  [1:00]', '   [1:02:03] x', '\t[0:30] tab', ' [0:75]'];
    const doc: StoryDocument = {
      title: 'T',
      events: [
        {
          title: 'E',
          description: '',
          moments: texts.flatMap((description) => [
            { description, timestampOffset: null },
            { description, timestampOffset: 7 },
          ]),
        },
      ],
    };
    expect(parseStoryMarkdown(serializeStoryMarkdown(doc))).toEqual(doc);
  });

  it('a `* * *` or `- - -` scene break is a separator, never a beat', () => {
    const text =
      '# Orchard\n\n## One\n\nShe comes home.\n\n* * *\n\nSnow.\n\n' +
      '1. The bus stops\n2. The gate is chained\n\n* * *\n\n' +
      '## Two\n\n- Night\n- - -\n- Morning\n';
    const doc = parseStoryMarkdown(text);
    expect(doc.events[0]!.description).toBe('She comes home.\n\n* * *\n\nSnow.');
    expect(beats(doc, 0)).toEqual([
      ['The bus stops', null],
      ['The gate is chained', null],
    ]);
    expect(beats(doc, 1)).toEqual([
      ['Night', null],
      ['Morning', null],
    ]);
  });

  it('our own export of text that looks like a scene break reads back exactly', () => {
    const lines = ['* * *', '- - -', '---', '***', '_ _ _', '  * * *'];
    const doc: StoryDocument = {
      title: 'T',
      events: [
        {
          title: 'E',
          description: lines.join('\n'),
          moments: lines.map((description) => ({ description, timestampOffset: null })),
        },
      ],
    };
    doc.events[0]!.moments.push({ description: lines.join('\n'), timestampOffset: 3 });
    expect(parseStoryMarkdown(serializeStoryMarkdown(doc))).toEqual(markdownContent(doc));
  });
});
