import fc from 'fast-check';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import {
  markdownContent,
  parseStoryMarkdown,
  serializeStoryMarkdown,
} from '../../electron/core/formats/markdown';
import type { StoryDocument } from '../../electron/core/formats/model';
import { storyDocument, stored, writerText } from './story-arbitraries';

/**
 * The Markdown outline opened in other tools: a CommonMark viewer or an editor that rewrites the
 * file on save (Prettier, as VS Code's format-on-save does) must see the writer's text as text,
 * never as a heading, a rule, a code fence or a quote that swallows or changes it.
 */

const story = (text: string, title = 'E'): StoryDocument => ({
  title: 'T',
  events: [
    {
      title,
      description: text,
      moments: [
        { description: text, timestampOffset: null },
        { description: `x\n${text}`, timestampOffset: 5 },
      ],
    },
    { title: 'Next', description: '', moments: [{ description: 'after', timestampOffset: 1 }] },
  ],
});

/** Text as a Markdown tool may leave it: whitespace runs (blank lines too) and ends are free. */
const loose = (doc: StoryDocument) =>
  JSON.parse(JSON.stringify(doc), (_key, value: unknown) =>
    typeof value === 'string' ? value.replace(/[\s\ufeff]+/g, ' ').trim() : value,
  ) as StoryDocument;

/** Exported, formatted by Prettier (a CommonMark parser and printer), imported. */
async function throughPrettier(doc: StoryDocument): Promise<StoryDocument> {
  const text = serializeStoryMarkdown(doc);
  const pretty = await prettier.format(text, { parser: 'markdown' });
  try {
    return parseStoryMarkdown(pretty);
  } catch (error) {
    const message = `${(error as Error).message}\n${JSON.stringify(text)}\n${JSON.stringify(pretty)}`;
    throw new Error(message, { cause: error });
  }
}

/**
 * Known and rare: a line indented with a tab (and spaces) to an indented code block, which
 * Prettier rewrites as a ``` fence (4 spaces it keeps as they are).
 */
const noTabIndent = (text: string) => text.replace(/^[ \t]*\t[ \t]*/gm, '');

const lines = [
  '---',
  '--',
  '===',
  '=',
  '- - -',
  '~~~',
  '~~~ js',
  '> quoted',
  '>',
  '  # indented heading',
  '   ## three spaces',
  '  - indented bullet',
  ' 1. indented number',
  '   > indented quote',
  '[ref]: https://example.com',
  '  [ref]: /x',
  '[a label over\ntwo lines]: /x',
  // A GFM table's delimiter row: the line above would become a table's header.
  ':--',
  '-:',
  '-|-',
  '--- | ---',
  '|:-|-:|',
  ' :-: | - ',
];

describe('the Markdown outline in other tools', () => {
  it.each(lines)('a line %j is escaped and reads back exactly', (line) => {
    const doc = story(`Words\n${line}\nmore`);
    const text = serializeStoryMarkdown(doc);
    expect(parseStoryMarkdown(text)).toEqual(markdownContent(doc));
    expect(text).not.toContain(`\n${line}\n`);
    expect(text).not.toContain(`\n   ${line}\n`);
  });

  it.each(lines)(
    'a line %j keeps the story the same after Prettier formats the file',
    async (line) => {
      const doc = story(`Words\n${line}\nmore`);
      expect(loose(await throughPrettier(doc))).toEqual(loose(markdownContent(doc)));
    },
  );

  it.each(['Chapter #', '#', '##', 'No. 5 #', 'C# ##'])(
    'a heading %j keeps its closing # in CommonMark',
    async (title) => {
      const doc = story('d', title);
      doc.title = title;
      const text = serializeStoryMarkdown(doc);
      expect(parseStoryMarkdown(text)).toEqual(doc);
      expect(await throughPrettier(doc)).toEqual(doc);
    },
  );

  it('any story keeps its text, apart from whitespace, after Prettier formats the file', async () => {
    const structure = fc.constantFrom(
      ...lines,
      '* * *',
      '***',
      '___',
      '```',
      ' #',
      '#',
      '| a | b |',
    );
    const piece = fc.oneof(
      writerText(6),
      structure.map((l) => `\n${l}\n`),
    );
    const text = fc.array(piece, { maxLength: 5 }).map((p) => p.join(''));
    const doc = storyDocument.chain((d) =>
      fc
        .array(fc.tuple(text, text), { minLength: d.events.length, maxLength: d.events.length })
        .map((extra) =>
          stored({
            ...d,
            events: d.events.map((e, i) => ({
              ...e,
              description: noTabIndent(e.description + extra[i]![0]),
              // Known and rare: a beat that starts with a line break. A list item that starts
              // with two blank lines ends there (CommonMark). Spaces and tabs a beat starts with
              // are written `&#32;` / `&#9;` and kept (markdown-leading-space.test.ts).
              moments: [...e.moments, { description: extra[i]![1], timestampOffset: null }].map(
                (m) => ({
                  ...m,
                  description: noTabIndent(m.description).replace(/^(?:\r\n|\r|\n)\s*/, ''),
                }),
              ),
            })),
          }),
        ),
    );
    await fc.assert(
      fc.asyncProperty(doc, async (d) => {
        expect(loose(await throughPrettier(d))).toEqual(loose(markdownContent(d)));
      }),
      { numRuns: 150 },
    );
  });
});
