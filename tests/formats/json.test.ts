import { describe, expect, it } from 'vitest';
import { checkStoryJsonLimits } from '../../electron/core/formats/json-scan';
import { findJsonSyntaxError } from '../../electron/core/formats/json-text';
import { parseStoryJson, serializeStoryJson } from '../../electron/core/formats/json';
import { StoryFileError, type StoryDocument } from '../../electron/core/formats/model';
import { DomainError } from '../../electron/core/errors';
import type { EditableJson } from './helpers';

/** A valid minimal file, changed by `edit` before it is written out. */
function file(edit: (f: EditableJson) => void = () => {}): string {
  const f: EditableJson = {
    format: 'beatline-story',
    version: 1,
    story: {
      title: 'T',
      events: Array.from({ length: 5 }, (_, e) => ({
        title: `E${e}`,
        moments: Array.from({ length: 9 }, (_, m) => ({
          beat_description: `b${m}`,
          timestamp_offset: m,
        })),
      })),
    },
  };
  edit(f);
  return JSON.stringify(f, null, 2);
}

function errorOf(text: string): string {
  try {
    parseStoryJson(text);
  } catch (error) {
    expect(error).toBeInstanceOf(StoryFileError);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('invalid_input');
    return (error as Error).message;
  }
  throw new Error('expected the file to be refused');
}

describe('the story file: reading', () => {
  it('accepts a hand-written minimal file (ids, times, descriptions and offsets optional)', () => {
    const doc = parseStoryJson(
      '{"format":"beatline-story","version":1,"story":{"title":"T","events":[' +
        '{"title":"","moments":[{"beat_description":"x"}]}]}}',
    );
    expect(doc).toEqual({
      title: 'T',
      events: [
        { title: '', description: '', moments: [{ description: 'x', timestampOffset: null }] },
      ],
    });
  });

  it('writes a document without ids or times without those fields', () => {
    const doc: StoryDocument = {
      title: 'T',
      events: [
        { title: 'E', description: '', moments: [{ description: 'x', timestampOffset: 1.5 }] },
      ],
    };
    const text = serializeStoryJson(doc, '2026-01-01T00:00:00.000Z');
    expect(text).not.toMatch(/"id"|createdAt/);
    expect(parseStoryJson(text)).toEqual(doc);
  });

  it('names the exact field of a negative offset', () => {
    expect(errorOf(file((f) => (f.story.events[3].moments[7].timestamp_offset = -1)))).toBe(
      'story.events[3].moments[7].timestamp_offset: must be >= 0',
    );
  });

  it.each([
    [
      'wrong format',
      file((f) => (f.format = 'scrivener')),
      'format: "scrivener" is not a Beatline story file (expected "beatline-story").',
    ],
    ['no format', file((f) => delete f.format), /^format: is missing: not a Beatline story file/],
    [
      'a newer version',
      file((f) => (f.version = 3)),
      'version: this file is version 3, from a newer Beatline; this one reads versions 1 and 2. Update Beatline to import it.',
    ],
    ['version as text', file((f) => (f.version = '1')), 'version: must be 1, not "1".'],
    [
      'no version',
      file((f) => delete f.version),
      'version: is missing (this Beatline reads version 1).',
    ],
    ['an array', '[1, 2]', 'not a Beatline story file: the file holds a list, not a JSON object.'],
    ['null', 'null', 'not a Beatline story file: the file holds null, not a JSON object.'],
    ['no story', file((f) => delete f.story), 'story: is missing'],
    ['story not an object', file((f) => (f.story = [])), 'story: must be an object'],
    ['no title', file((f) => delete f.story.title), 'story.title: is missing'],
    ['blank title', file((f) => (f.story.title = '  ')), 'story.title: must not be empty'],
    [
      'title starting with NUL',
      file((f) => (f.story.title = ' \u0000x')),
      'story.title: must not contain control characters',
    ],
    ['two-line title', file((f) => (f.story.title = 'a\nb')), 'story.title: must be a single line'],
    [
      'long event title',
      file((f) => (f.story.events[1].title = 'x'.repeat(201))),
      'story.events[1].title: must be at most 200 characters',
    ],
    ['events not a list', file((f) => (f.story.events = {})), 'story.events: must be a list'],
    [
      'beat text missing',
      file((f) => delete f.story.events[0].moments[2].beat_description),
      'story.events[0].moments[2].beat_description: is missing',
    ],
    [
      'beat text a number',
      file((f) => (f.story.events[0].moments[2].beat_description = 5)),
      'story.events[0].moments[2].beat_description: must be text',
    ],
    [
      'long beat',
      file((f) => (f.story.events[4].moments[8].beat_description = 'b'.repeat(20_001))),
      'story.events[4].moments[8].beat_description: must be at most 20000 characters',
    ],
    [
      'lone surrogate',
      file((f) => (f.story.events[0].moments[0].beat_description = '\ud800')),
      'story.events[0].moments[0].beat_description: must be valid Unicode text',
    ],
    [
      'offset too large',
      file((f) => (f.story.events[0].moments[0].timestamp_offset = 8_640_001)),
      'story.events[0].moments[0].timestamp_offset: must be <= 8640000',
    ],
    [
      'offset as text',
      file((f) => (f.story.events[0].moments[0].timestamp_offset = '0:30')),
      'story.events[0].moments[0].timestamp_offset: must be a number of seconds or null',
    ],
    [
      'unknown field',
      file((f) => (f.story.events[2].titel = 'x')),
      'story.events[2].titel: unknown field (see docs/story-file-format.md)',
    ],
    ['bad id', file((f) => (f.story.id = 'abc')), 'story.id: must be a UUID'],
    [
      'bad time',
      file((f) => (f.story.createdAt = 'yesterday')),
      'story.createdAt: must be a date and time like 2026-01-31T09:30:00.000Z',
    ],
    [
      'sequence_index out of place',
      file((f) => (f.story.events[1].moments[3].sequence_index = 4)),
      "story.events[1].moments[3].sequence_index: must be 3, the beat's place in the list (beats are kept in list order).",
    ],
  ])('refuses %s with a precise message', (_what, text, message) => {
    if (typeof message === 'string') expect(errorOf(text)).toBe(message);
    else expect(errorOf(text)).toMatch(message);
  });

  it('gives the line and column of a JSON syntax error', () => {
    expect(errorOf('{\n  "format": "beatline-story",\n  "version": 1,,\n}')).toBe(
      "not valid JSON: line 3, column 16: expected a field name in double quotes, found ','.",
    );
    expect(errorOf('{"a": [1, 2,]}')).toBe(
      "not valid JSON: line 1, column 13: unexpected ']' (a comma before it has nothing after it?).",
    );
    expect(errorOf('{"a": "unterminated')).toBe(
      'not valid JSON: line 1, column 7: a string that is never closed (a missing ").',
    );
    expect(errorOf('{"a": "tab\there"}')).toMatch(
      /^not valid JSON: line 1, column 11: control character U\+0009/,
    );
    expect(errorOf('')).toBe('not valid JSON: line 1, column 1: the file ends too early.');
    expect(errorOf('{} extra')).toMatch(
      /^not valid JSON: line 1, column 4: unexpected 'e' after the end/,
    );
    expect(errorOf("{'single': 1}")).toMatch(/column 2: expected a field name in double quotes/);
  });

  it('the syntax checker agrees with JSON.parse', () => {
    for (const text of [
      '{}',
      '[]',
      '[1,-2.5e+3,true,false,null,"\\u00e9\\n"]',
      '{"a":{"b":[{}]}}',
      ' 0 ',
    ]) {
      expect(findJsonSyntaxError(text)).toBeNull();
      expect(() => JSON.parse(text)).not.toThrow();
    }
    for (const text of [
      '{',
      '[1 2]',
      '01',
      '-',
      '"\\x"',
      '"\\u12"',
      'nul',
      '{"a" 1}',
      '1.',
      '.5',
    ]) {
      expect(findJsonSyntaxError(text)).not.toBeNull();
      expect(() => JSON.parse(text)).toThrow();
    }
  });

  it('refuses 10,000 levels of nesting without a stack overflow', () => {
    for (const text of [
      '['.repeat(10_000) + ']'.repeat(10_000),
      '{"format":"beatline-story","version":1,"story":' +
        '{"a":'.repeat(10_000) +
        '1' +
        '}'.repeat(10_001),
      '['.repeat(1_000_000),
    ]) {
      expect(errorOf(text)).toMatch(
        /^line 1, column \d+: the JSON is nested more than 16 levels deep/,
      );
    }
  });

  it('is not fooled by brackets inside strings', () => {
    const text = file(
      (f) => (f.story.events[0].moments[0].beat_description = '['.repeat(100) + '"{'),
    );
    expect(parseStoryJson(text).events[0]!.moments[0]!.description).toBe('['.repeat(100) + '"{');
  });

  it('finds deep nesting in a file that is mostly text, where it parses first', () => {
    const deep = '['.repeat(40) + ']'.repeat(40);
    const text = file(
      (f) => (f.story.events[0].moments[0].beat_description = 'x'.repeat(20_000)),
    ).replace('"story": {', `"story": {\n    "deep": ${deep},`);
    expect(errorOf(text)).toMatch(
      /^line 5, column \d+: the JSON is nested more than 16 levels deep/,
    );
  });

  it('counts nesting only outside strings, whatever the backslashes before a quote', () => {
    const deepText = '['.repeat(40) + '{'.repeat(40);
    for (const value of ['x\\', 'x\\\\', 'x\\"' + deepText, '\\"\\', deepText + '\\']) {
      const text = JSON.stringify({ a: value, b: [deepText, value, [[]]] });
      expect(() => checkStoryJsonLimits(text), value).not.toThrow();
    }
    const real = '{"a":"x\\\\",' + '"b":' + '['.repeat(20) + ']'.repeat(20) + '}';
    expect(() => checkStoryJsonLimits(real)).toThrow(
      `line 1, column ${real.indexOf('[') + 16}: the JSON is nested more than 16 levels deep`,
    );
  });

  it('reads a file that starts with a byte-order mark', () => {
    expect(parseStoryJson('\ufeff' + file()).title).toBe('T');
  });
});
