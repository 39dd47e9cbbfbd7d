import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../electron/core/contract/schemas';
import {
  DATE_TIME_PATTERN,
  STORY_FILE_FORMAT,
  STORY_FILE_VERSION,
  UUID_PATTERN,
  parseStoryJson,
  serializeStoryJson,
} from '../../electron/core/formats/json';
import { must, seedStory, tempLibrary } from '../helpers/library';
import { readGolden, type EditableJson } from './helpers';

const schemaPath = resolve(
  import.meta.dirname,
  '..',
  '..',
  'docs',
  'schema',
  'beatline-story.v1.schema.json',
);
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as EditableJson;

function validator() {
  const ajv = new Ajv2020({ strict: true, allErrors: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

describe('the published JSON Schema (docs/schema/beatline-story.v1.schema.json)', () => {
  const validate = validator();

  it('is a draft 2020-12 schema that ajv compiles in strict mode', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('says what the code says: format, version, patterns and caps', () => {
    const defs = schema.$defs;
    expect(schema.properties.format.const).toBe(STORY_FILE_FORMAT);
    expect(schema.properties.version.const).toBe(STORY_FILE_VERSION);
    expect(defs.uuid.pattern).toBe(UUID_PATTERN.source);
    expect(defs.dateTime.pattern).toBe(DATE_TIME_PATTERN.source);
    expect(defs.story.properties.title.maxLength).toBe(LIMITS.title);
    expect(defs.event.properties.title.maxLength).toBe(LIMITS.title);
    expect(defs.event.properties.description.maxLength).toBe(LIMITS.eventDescription);
    expect(defs.moment.properties.beat_description.maxLength).toBe(LIMITS.beatDescription);
    expect(defs.moment.properties.timestamp_offset.maximum).toBe(LIMITS.maxOffsetSeconds);
  });

  it('accepts the golden story file', () => {
    expect(
      validate(JSON.parse(readGolden('lighthouse.beatline.json'))),
      JSON.stringify(validate.errors),
    ).toBe(true);
  });

  it('accepts what the app exports, through the channel', async () => {
    const lib = await tempLibrary();
    const { story, events } = seedStory(lib.dispatcher, { One: ['a', 'b\nc'], Two: [] }, 'Seeded');
    must(
      lib.dispatcher.call('moments:update', {
        momentId: events[0]!.moments[0]!.id,
        timestampOffset: 12.75,
      }),
    );
    const file = must(lib.dispatcher.call('stories:export', { storyId: story.id, format: 'json' }));
    expect(file.fileName).toBe('Seeded.beatline.json');
    expect(file.mimeType).toBe('application/json');
    expect(validate(JSON.parse(file.content)), JSON.stringify(validate.errors)).toBe(true);
  });

  const valid = () =>
    JSON.parse(
      serializeStoryJson(
        {
          title: 'T',
          events: [
            { title: 'E', description: 'd', moments: [{ description: 'x', timestampOffset: 3 }] },
          ],
        },
        '2026-01-01T00:00:00.000Z',
      ),
    ) as EditableJson;

  it.each<[string, (f: EditableJson) => void]>([
    ['a wrong format', (f) => (f.format = 'other')],
    ['a newer version', (f) => (f.version = 3)],
    ['a negative offset', (f) => (f.story.events[0].moments[0].timestamp_offset = -1)],
    ['an offset over 100 days', (f) => (f.story.events[0].moments[0].timestamp_offset = 8_640_001)],
    ['an unknown field', (f) => (f.story.extra = true)],
    ['a missing beat text', (f) => delete f.story.events[0].moments[0].beat_description],
    ['a blank story title', (f) => (f.story.title = ' \t ')],
    ['a two-line event title', (f) => (f.story.events[0].title = 'a\nb')],
    ['a long beat', (f) => (f.story.events[0].moments[0].beat_description = 'x'.repeat(20_001))],
    ['a malformed id', (f) => (f.story.id = 'not-a-uuid')],
    ['a malformed time', (f) => (f.exportedAt = '2026-13-01T00:00:00Z')],
    ['a negative sequence_index', (f) => (f.story.events[0].moments[0].sequence_index = -1)],
  ])('the schema and the importer both refuse %s', (_what, edit) => {
    const f = valid();
    expect(validate(f)).toBe(true);
    edit(f);
    expect(validate(f)).toBe(false);
    expect(() => parseStoryJson(JSON.stringify(f))).toThrow();
  });
});
