import { describe, expect, it } from 'vitest';
import { STORY_FILE_LIMITS as L } from '../../electron/core/contract/story-file-limits';
import { parseStoryJson } from '../../electron/core/formats/json';
import { parseStoryMarkdown } from '../../electron/core/formats/markdown';

/**
 * Issue 13: each story-file limit takes a file exactly at it and refuses one past it with a
 * message naming the limit (the hostile files themselves: hostile-import.test.ts).
 */

const json = (events: string) =>
  `{"format":"beatline-story","version":1,"story":{"title":"T","events":[${events}]}}`;
const errorOf = (read: () => unknown): string => {
  try {
    read();
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
};

describe('story file limits (issue 13)', () => {
  it('takes 10,000 events and refuses 10,001, in JSON and in Markdown', () => {
    const events = (n: number) => Array(n).fill('{"title":"E","moments":[]}').join(',');
    expect(parseStoryJson(json(events(L.events))).events).toHaveLength(L.events);
    expect(errorOf(() => parseStoryJson(json(events(L.events + 1))))).toBe(
      'story.events: more than 10,000 events; Beatline imports at most 10,000 events per story.',
    );
    const md = (n: number) => '# T\n' + '## E\n'.repeat(n);
    expect(parseStoryMarkdown(md(L.events)).events).toHaveLength(L.events);
    expect(errorOf(() => parseStoryMarkdown(md(L.events + 1)))).toBe(
      'line 10002: more than 10,000 events (## headings); Beatline imports at most 10,000 events per story.',
    );
  });

  it('takes 20,000 beats in an event and refuses 20,001, in JSON and in Markdown', () => {
    const beats = (n: number) =>
      json(`{"title":"E","moments":[${Array(n).fill('{"beat_description":"b"}').join(',')}]}`);
    expect(parseStoryJson(beats(L.beatsPerEvent)).events[0]!.moments).toHaveLength(L.beatsPerEvent);
    expect(errorOf(() => parseStoryJson(beats(L.beatsPerEvent + 1)))).toBe(
      'story.events[0].moments: more than 20,000 beats in one event; Beatline imports at most 20,000 beats per event.',
    );
    const md = (n: number) => '# T\n## E\n' + '1. b\n'.repeat(n);
    expect(parseStoryMarkdown(md(L.beatsPerEvent)).events[0]!.moments).toHaveLength(
      L.beatsPerEvent,
    );
    expect(errorOf(() => parseStoryMarkdown(md(L.beatsPerEvent + 1)))).toMatch(
      /^line 20003: more than 20,000 beats in one event/,
    );
  });

  it('refuses the 200,001st beat of a story, naming where it is', () => {
    const event = `{"title":"E","moments":[${Array(L.beatsPerEvent).fill('{"beat_description":"b"}').join(',')}]}`;
    const text = json(Array(10).fill(event).join(',') + ',{"title":"Last","moments":[{}]}');
    expect(errorOf(() => parseStoryJson(text))).toBe(
      'story.events[10].moments[0]: more than 200,000 beats in the story; Beatline imports at most 200,000 beats per story.',
    );
  });

  it('refuses a Markdown description past 20,000 characters at its first line, before reading on', () => {
    const text = '# T\n## E\n\n' + 'x'.repeat(1000) + '\n' + ('y'.repeat(999) + '\n').repeat(30);
    expect(errorOf(() => parseStoryMarkdown(text))).toBe(
      'line 4: event description: must be at most 20000 characters',
    );
    // Blank lines around a description are not part of it.
    const padded = '# T\n## E\n' + '\n'.repeat(30_000) + 'x'.repeat(20_000) + '\n'.repeat(30_000);
    expect(parseStoryMarkdown(padded).events[0]!.description).toHaveLength(20_000);
  });

  it('refuses more JSON values than a story at the limits holds', () => {
    const junk = Array(100)
      .fill(`[${Array(L.beatsPerEvent).fill(0).join(',')}]`)
      .join(',');
    expect(errorOf(() => parseStoryJson(`{"junk":[${junk}]}`))).toMatch(
      /^line 1, column \d+: the file holds more than 2,000,000 JSON values/,
    );
  });

  it('decodes escaped field names, so "\\u0065vents" is counted as events', () => {
    const text = json('').replace('"events"', '"\\u0065vents"');
    const many = text.replace(
      '[]',
      `[${Array(L.events + 1)
        .fill('{}')
        .join(',')}]`,
    );
    expect(errorOf(() => parseStoryJson(many))).toMatch(/^story\.events: more than 10,000 events/);
  });
});
