import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Dispatcher } from '../../electron/core/handlers/dispatch';
import { importStoryFromFile, readStoryFile } from '../../electron/core/formats/story-files';
import { serializeStoryJson } from '../../electron/core/formats/json';
import { dumpDatabase, must, seedStory, tempLibrary } from '../helpers/library';
import { tempDir } from '../helpers/temp';
import { readGolden, sampleStory, type EditableJson } from './helpers';

const MB = 1024 * 1024;

/** Expects a refusal with this message, and the library exactly as it was. */
function expectRefused(
  lib: { db: Parameters<typeof dumpDatabase>[0]; dispatcher: Dispatcher },
  input: { format: 'json' | 'md'; content: string },
  message: string | RegExp,
) {
  const before = dumpDatabase(lib.db);
  const result = lib.dispatcher.call('stories:import', input);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe('invalid_input');
  if (typeof message === 'string') expect(result.error.message).toBe(message);
  else expect(result.error.message).toMatch(message);
  expect(dumpDatabase(lib.db)).toBe(before);
}

describe('stories:import', () => {
  it('creates a new story with fresh ids every time: importing twice gives two stories', async () => {
    const lib = await tempLibrary();
    const content = readGolden('lighthouse.beatline.json');
    const a = must(lib.dispatcher.call('stories:import', { format: 'json', content }));
    const b = must(lib.dispatcher.call('stories:import', { format: 'json', content }));
    expect(a).toMatchObject({ title: sampleStory().title, eventCount: 3, beatCount: 18 });
    expect(b.id).not.toBe(a.id);
    expect(a.id).not.toBe(sampleStory().id);
    const ids = (
      lib.db.prepare('SELECT moment_uuid FROM event_moments').all() as Array<{
        moment_uuid: string;
      }>
    ).map((r) => r.moment_uuid);
    expect(new Set(ids).size).toBe(36);
    const timeline = must(lib.dispatcher.call('stories:load', { storyId: a.id }));
    expect(timeline.events.map((e) => e.title)).toEqual([
      'Arrival',
      '',
      'Storm [[note]] /* not boneyard */',
    ]);
    expect(timeline.events[0]!.moments.map((m) => m.timestampOffset)).toEqual([
      0,
      30,
      90.5,
      null,
      3723.25,
      null,
      null,
    ]);
    expect(must(lib.dispatcher.call('stories:list', {}))).toHaveLength(2);
  });

  it('refuses malformed files, naming the first problem, and changes nothing', async () => {
    const lib = await tempLibrary();
    seedStory(lib.dispatcher, { Existing: ['keep me'] }, 'Existing story');
    const good = JSON.parse(readGolden('lighthouse.beatline.json')) as EditableJson;
    const edited = (edit: (f: EditableJson) => void) => {
      const f = structuredClone(good);
      edit(f);
      return JSON.stringify(f);
    };
    expectRefused(
      lib,
      { format: 'json', content: '{"format": "beatline-story", "version": 1' },
      'not valid JSON: line 1, column 42: the file ends too early.',
    );
    expectRefused(
      lib,
      { format: 'json', content: edited((f) => (f.format = 'x')) },
      'format: "x" is not a Beatline story file (expected "beatline-story").',
    );
    expectRefused(
      lib,
      { format: 'json', content: edited((f) => (f.version = 3)) },
      /^version: this file is version 3, from a newer Beatline/,
    );
    expectRefused(
      lib,
      {
        format: 'json',
        content: edited((f) => (f.story.events[1].moments[7].timestamp_offset = -0.5)),
      },
      'story.events[1].moments[7].timestamp_offset: must be >= 0',
    );
    expectRefused(
      lib,
      { format: 'json', content: '['.repeat(10_000) + ']'.repeat(10_000) },
      /nested more than 16 levels/,
    );
    expectRefused(
      lib,
      { format: 'md', content: '# Title\n## Event\n1. ok\n2. [1:99] bad' },
      /^line 4: \[1:99\] is not a time/,
    );
    // 20 million three-byte characters: under the channel's character cap, over 50 MB of UTF-8.
    expectRefused(
      lib,
      { format: 'md', content: '€'.repeat(20_000_000) },
      'the file is 57 MB; Beatline imports story files up to 50 MB.',
    );
  });

  it('refuses content over the cap at the channel boundary', async () => {
    const lib = await tempLibrary();
    const before = dumpDatabase(lib.db);
    const result = lib.dispatcher.call('stories:import', {
      format: 'md',
      content: 'x'.repeat(50 * MB + 1),
    });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'content: is larger than the 50 MB a story file may be',
      },
    });
    expect(
      lib.dispatcher.call('stories:import', { format: 'docx' as 'md', content: '' }),
    ).toMatchObject({
      ok: false,
      error: { message: 'format: must be json, md or fountain' },
    });
    expect(dumpDatabase(lib.db)).toBe(before);
  });

  it('writes the story in one transaction: a failure on the last beat leaves nothing behind', async () => {
    const lib = await tempLibrary();
    const before = dumpDatabase(lib.db);
    lib.db.exec(`CREATE TEMP TRIGGER fail_on_boom BEFORE INSERT ON event_moments
      WHEN NEW.beat_description = 'boom' BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`);
    const doc = sampleStory();
    doc.events[1]!.moments.push({ description: 'boom', timestampOffset: null });
    const result = lib.dispatcher.call('stories:import', {
      format: 'json',
      content: serializeStoryJson(doc),
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    lib.db.exec('DROP TRIGGER fail_on_boom');
    expect(dumpDatabase(lib.db)).toBe(before);
  });
});

describe('stories:export', () => {
  it('answers not_found for a missing story and invalid_input for an unknown format', async () => {
    const lib = await tempLibrary();
    expect(
      lib.dispatcher.call('stories:export', {
        storyId: '00000000-0000-4000-8000-000000000009',
        format: 'md',
      }),
    ).toEqual({
      ok: false,
      error: {
        code: 'not_found',
        message: 'No story with id 00000000-0000-4000-8000-000000000009.',
      },
    });
    const { story } = seedStory(lib.dispatcher, {}, 'S');
    expect(
      lib.dispatcher.call('stories:export', { storyId: story.id, format: 'pdf' as 'md' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'format: must be json, md, docx or fountain' },
    });
  });

  it('names the file safely from the title', async () => {
    const lib = await tempLibrary();
    const names: Record<string, string> = {
      'Act 1: "The Storm" / Part 2?': 'Act 1 The Storm Part 2.md',
      '...hidden': 'hidden.md',
      CON: 'CON story.md',
      'evil\u202Edm.exe': 'evil dm.exe.md',
      [`${'é'.repeat(150)}`]: `${'é'.repeat(90)}.md`,
    };
    for (const [title, fileName] of Object.entries(names)) {
      const { story } = seedStory(lib.dispatcher, {}, title);
      expect(
        must(lib.dispatcher.call('stories:export', { storyId: story.id, format: 'md' })).fileName,
      ).toBe(fileName);
    }
  });
});

describe('story files from disk', () => {
  it('refuses a 200 MB file from its size alone, quickly, and changes nothing', async () => {
    const lib = await tempLibrary();
    const path = join(tempDir(), 'huge.beatline.json');
    writeFileSync(path, '');
    truncateSync(path, 200 * MB); // sparse: no 200 MB of disk or time
    const before = dumpDatabase(lib.db);
    const started = performance.now();
    await expect(importStoryFromFile(lib.db, path)).rejects.toThrow(
      'huge.beatline.json is 200 MB; Beatline imports story files up to 50 MB.',
    );
    expect(performance.now() - started).toBeLessThan(3000);
    expect(dumpDatabase(lib.db)).toBe(before);
  });

  it('refuses bytes that are not UTF-8, naming the line', async () => {
    const path = join(tempDir(), 'latin1.md');
    writeFileSync(
      path,
      Buffer.concat([Buffer.from('# Title\n## Caf'), Buffer.from([0xe9]), Buffer.from('\n')]),
    );
    await expect(readStoryFile(path)).rejects.toThrow('latin1.md: line 2: not UTF-8 text');
  });

  it('guesses the format from the name and prefixes errors with the file name', async () => {
    const lib = await tempLibrary();
    const dir = tempDir();
    writeFileSync(join(dir, 'draft.txt'), '## Scene\n1. beat\n');
    const story = await importStoryFromFile(lib.db, join(dir, 'draft.txt'));
    expect(story).toMatchObject({ title: 'draft', eventCount: 1, beatCount: 1 });
    writeFileSync(join(dir, 'bad.md'), '# T\n## E\n1. [0:61] x\n');
    await expect(importStoryFromFile(lib.db, join(dir, 'bad.md'))).rejects.toThrow(
      /^bad\.md: line 3: \[0:61\] is not a time/,
    );
    writeFileSync(join(dir, 'story.docx'), 'PK');
    await expect(importStoryFromFile(lib.db, join(dir, 'story.docx'))).rejects.toThrow(
      'story.docx: Word (.docx) files can be exported but not imported; import a ' +
        '.beatline.json, Markdown (.md) or Fountain (.fountain) file.',
    );
    writeFileSync(join(dir, 'notes.rtf'), '{\\rtf1}');
    await expect(importStoryFromFile(lib.db, join(dir, 'notes.rtf'))).rejects.toThrow(
      /^notes\.rtf: Beatline imports story files/,
    );
  });
});
