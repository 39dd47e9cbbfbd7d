// Story time in the Markdown outline (logic layer, issue 14): each event's place in the
// chronology, its mode and its label travel as a "Story time:" line under its heading, and the
// Markdown import reads them back; outlines without story time are written as before.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TIME_MODES } from '../../electron/core/contract/types';
import type { StoryLogicDocument } from '../../electron/core/formats/json-logic';
import {
  markdownContent,
  parseStoryMarkdown,
  serializeStoryMarkdown,
} from '../../electron/core/formats/markdown';
import { storyContent, type StoryDocument } from '../../electron/core/formats/model';
import { dumpDatabase, must, seedStory, tempLibrary } from '../helpers/library';
import { stored, storyDocument, writerText } from './story-arbitraries';

describe('story time in the Markdown outline', () => {
  it('is written under each heading in words, and an import makes the same chronology', async () => {
    const { dispatcher: d } = await tempLibrary();
    const { story, events } = seedStory(d, {
      Arrival: ['The boat lands'],
      'The empty tower': ['Dust on the stairs'],
      'Night watch': ['She breaks in'],
    });
    const [arrival, tower, night] = events.map((e) => e.event.id);
    // The tower comes first in story time: a flashback, years before.
    must(d.call('events:moveInChronology', { eventId: tower!, beforeEventId: arrival! }));
    must(
      d.call('events:setStoryTime', {
        eventId: tower!,
        label: 'Years "before"',
        mode: 'flashback',
      }),
    );
    must(d.call('events:setStoryTime', { eventId: night!, label: 'Day 3, *dawn*' }));
    must(
      d.call('links:create', {
        fromMomentId: events[1]!.moments[0]!.id,
        toMomentId: events[2]!.moments[0]!.id,
        kind: 'causes',
        strength: 'hard',
      }),
    );

    const md = must(d.call('stories:export', { storyId: story.id, format: 'md' })).content;
    expect(md).toContain('## Arrival\n\nStory time: 2 of 3\n\n1. The boat lands\n');
    expect(md).toContain(
      '## The empty tower\n\nStory time: 1 of 3 · flashback · "Years "before""\n\n1. Dust',
    );
    expect(md).toContain('## Night watch\n\nStory time: 3 of 3 · "Day 3, \\*dawn\\*"\n\n1. She');

    const copy = must(d.call('stories:import', { format: 'md', content: md }));
    const chronology = (storyId: string) => {
      const titles = new Map(
        must(d.call('events:list', { storyId })).map((e) => [e.id, e.title] as const),
      );
      return must(d.call('events:chronology', { storyId })).map((t) => [
        titles.get(t.eventId),
        t.label,
        t.mode,
      ]);
    };
    expect(chronology(copy.id)).toEqual([
      ['The empty tower', 'Years "before"', 'flashback'],
      ['Arrival', '', 'linear'],
      ['Night watch', 'Day 3, *dawn*', 'linear'],
    ]);
    expect(chronology(copy.id)).toEqual(chronology(story.id));
    expect(must(d.call('links:list', { storyId: copy.id }))).toHaveLength(1);
    // And the copy exports to the same file, byte for byte.
    const again = must(d.call('stories:export', { storyId: copy.id, format: 'md' })).content;
    expect(again).toBe(md);
  });

  it('is not written for a story in plain time, and a description that reads like it stays text', () => {
    const doc: StoryDocument = {
      title: 'Plain',
      events: [
        { title: 'One', description: 'Story time: 2 of 2 · dream', moments: [] },
        { title: 'Two', description: '', moments: [] },
      ],
    };
    const md = serializeStoryMarkdown(doc);
    expect(md).toBe('# Plain\n\n## One\n\nStory time\\: 2 of 2 · dream\n\n## Two\n');
    const back = parseStoryMarkdown(md);
    expect(back.events[0]!.description).toBe('Story time: 2 of 2 · dream');
    expect(back.logic).toBeUndefined();
  });

  it('round-trips for any story, chronology, modes and labels', () => {
    const label = writerText(4).map((s) =>
      s
        .replace(/[\r\n\t]/g, ' ')
        .trim()
        .slice(0, 200),
    );
    const timed = storyDocument
      .map(stored)
      .filter((doc) => doc.events.length > 0)
      .chain((doc) =>
        fc
          .tuple(
            fc.shuffledSubarray(
              doc.events.map((_, i) => i),
              { minLength: doc.events.length },
            ),
            fc.array(fc.record({ mode: fc.constantFrom(...TIME_MODES), label }), {
              minLength: doc.events.length,
              maxLength: doc.events.length,
            }),
          )
          .map(([orders, extra]) => {
            const times: StoryLogicDocument['times'] = orders.map((order, i) => ({
              order,
              ...extra[i]!,
            }));
            return { ...doc, logic: { times, links: [] } } as StoryDocument;
          }),
      );
    fc.assert(
      fc.property(timed, (doc) => {
        const text = serializeStoryMarkdown(doc);
        const back = parseStoryMarkdown(text);
        expect(storyContent(back)).toEqual(markdownContent(doc));
        const plain = doc.logic!.times.every(
          (t, i) => t.order === i && t.label === '' && t.mode === 'linear',
        );
        expect(back.logic?.times).toEqual(plain ? undefined : doc.logic!.times);
        expect(serializeStoryMarkdown(back)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a story-time line missing on one event or a place taken twice, importing nothing', async () => {
    const lib = await tempLibrary();
    const cases: Array<[string, string]> = [
      [
        '# S\n\n## A\n\nStory time: 1 of 2\n\n## B\n\n1. Beat\n',
        'line 7: this event has no "Story time: N" line',
      ],
      [
        '# S\n\n## A\n\nStory time: 1\n\n## B\n\nStory time: 1 · dream\n',
        'line 9: story time must be a place from 1 to 2',
      ],
      ['# S\n\n## A\n\nStory time: 3 of 1\n', 'line 5: story time must be a place from 1 to 1'],
      [`# S\n\n## A\n\nStory time: 1 · "${'x'.repeat(201)}"\n`, 'line 5: story time label'],
    ];
    for (const [text, message] of cases) {
      const before = dumpDatabase(lib.db);
      const result = lib.dispatcher.call('stories:import', { format: 'md', content: text });
      expect(result.ok, message).toBe(false);
      if (!result.ok) expect(result.error.message, message).toContain(message);
      expect(dumpDatabase(lib.db), message).toBe(before);
    }
    // Written by hand, without "of N": read as places all the same.
    expect(
      parseStoryMarkdown('# S\n\n## A\n\nStory time: 2\n\n## B\n\nStory time: 1 · dream\n').logic
        ?.times,
    ).toEqual([
      { order: 1, label: '', mode: 'linear' },
      { order: 0, label: '', mode: 'dream' },
    ]);
  });
});
