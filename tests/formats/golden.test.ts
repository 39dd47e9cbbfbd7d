import { describe, expect, it } from 'vitest';
import { serializeStoryFountain } from '../../electron/core/formats/fountain';
import { parseStoryJson, serializeStoryJson } from '../../electron/core/formats/json';
import { parseStoryMarkdown, serializeStoryMarkdown } from '../../electron/core/formats/markdown';
import { storyContent } from '../../electron/core/formats/model';
import { must, tempLibrary } from '../helpers/library';
import { GOLDEN_EXPORTED_AT, expectGolden, readGolden, sampleStory } from './helpers';

describe('golden files (tests/fixtures/story-files)', () => {
  it('the story file is byte for byte the golden one, and reads back to the same story', () => {
    const text = serializeStoryJson(sampleStory(), GOLDEN_EXPORTED_AT);
    expectGolden('lighthouse.beatline.json', text);
    expect(parseStoryJson(text)).toEqual(sampleStory());
  });

  it('the Markdown outline is byte for byte the golden one, and reads back to the same content', () => {
    const text = serializeStoryMarkdown(sampleStory());
    expectGolden('lighthouse.md', text);
    expect(parseStoryMarkdown(text)).toEqual(storyContent(sampleStory()));
  });

  it('the Fountain outline is byte for byte the golden one', () => {
    expectGolden('lighthouse.fountain', serializeStoryFountain(sampleStory()));
  });

  it('the golden story file imported into a library exports the golden outlines', async () => {
    const lib = await tempLibrary();
    const story = must(
      lib.dispatcher.call('stories:import', {
        format: 'json',
        content: readGolden('lighthouse.beatline.json'),
      }),
    );
    for (const [format, golden] of [
      ['md', 'lighthouse.md'],
      ['fountain', 'lighthouse.fountain'],
    ] as const) {
      const file = must(lib.dispatcher.call('stories:export', { storyId: story.id, format }));
      expect(file.encoding).toBe('utf8');
      expect(file.content).toBe(readGolden(golden));
    }
  });
});
