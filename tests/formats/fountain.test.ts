import { describe, expect, it } from 'vitest';
import { serializeStoryFountain } from '../../electron/core/formats/fountain';
import type { StoryDocument } from '../../electron/core/formats/model';
import { sampleStory } from './helpers';

/** The file's elements: the blocks between blank lines. */
const blocks = (text: string) => text.trimEnd().split('\n\n');

describe('the Fountain outline', () => {
  it('is a title page, then a # section per event, a note for its description, = per beat', () => {
    const out = blocks(serializeStoryFountain(sampleStory()));
    expect(out[0]).toBe('Title: The Lighthouse — Léa’s return');
    const kinds = out
      .slice(1)
      .map((b) => (b.startsWith('# ') ? '#' : b.startsWith('[[') ? 'note' : b[0]));
    expect(kinds).toEqual([
      '#',
      'note',
      ...Array(7).fill('='),
      '#',
      'note',
      ...Array(11).fill('='),
      '#',
    ]);
    // Every element is one of those: nothing becomes action, dialogue or a scene heading.
    for (const block of out.slice(1)) expect(block).toMatch(/^(# |\[\[|=( |$))/);
  });

  it('puts a beat’s time in a note and keeps its text on one line', () => {
    const doc: StoryDocument = {
      title: 'T',
      events: [
        {
          title: 'E',
          description: '',
          moments: [
            { description: 'Line one\nline two\n\n  line four', timestampOffset: 3723.5 },
            { description: '', timestampOffset: null },
            { description: 'no time', timestampOffset: null },
          ],
        },
      ],
    };
    expect(blocks(serializeStoryFountain(doc)).slice(2)).toEqual([
      '= [[1:02:03.5]] Line one line two line four',
      '=',
      '= no time',
    ]);
  });

  it('cannot open or close a note or boneyard from the writer’s text', () => {
    const doc: StoryDocument = {
      title: 'A [[b]] /* c */',
      events: [
        {
          title: '',
          description: 'x ]] y\n\nz /* w',
          moments: [{ description: '[[not a note]] and */', timestampOffset: null }],
        },
      ],
    };
    const text = serializeStoryFountain(doc);
    const body = text.replace(/^\[\[|\]\]$/gm, '');
    expect(text.match(/\[\[/g)).toHaveLength(1);
    expect(text.match(/\]\]/g)).toHaveLength(1);
    expect(body).not.toMatch(/\/\*|\*\//);
    expect(blocks(text)[1]).toBe('# Untitled event');
    // A blank line inside a note is written as two spaces, as the spec asks.
    expect(blocks(text)[2]).toBe('[[x ] ] y\n  \nz / * w]]');
  });
});
