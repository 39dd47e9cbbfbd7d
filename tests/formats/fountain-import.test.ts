import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Dispatcher } from '../../electron/core/handlers/dispatch';
import { serializeStoryDocx } from '../../electron/core/formats/docx';
import { serializeStoryFountain } from '../../electron/core/formats/fountain';
import { fountainContent, parseStoryFountain } from '../../electron/core/formats/fountain-import';
import { DOCX_IMPORT_MESSAGE } from '../../electron/core/formats/import-format';
import { parseStoryJson, serializeStoryJson } from '../../electron/core/formats/json';
import { storyContent } from '../../electron/core/formats/model';
import { importStoryFromFile } from '../../electron/core/formats/story-files';
import { dumpDatabase, must, seedStory, tempLibrary } from '../helpers/library';
import { tempDir } from '../helpers/temp';
import { readGolden, sampleStory } from './helpers';
import { storyDocument, stored } from './story-arbitraries';

type Format = 'json' | 'md' | 'fountain';
type Lib = Awaited<ReturnType<typeof tempLibrary>>;

const exportAs = (d: Dispatcher, storyId: string, format: Format) =>
  must(d.call('stories:export', { storyId, format })).content;

const importAs = (d: Dispatcher, format: Format, content: string, fileName?: string) =>
  must(d.call('stories:import', { format, content, fileName })).id;

/** Expects a refusal with this message, and the library exactly as it was. */
function expectRefused(
  lib: Lib,
  input: { format: Format; content: string; fileName?: string },
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

describe('Fountain import: our own export', () => {
  it('the golden outline reads back to the golden story, as much as Fountain keeps', () => {
    const text = readGolden('lighthouse.fountain');
    const doc = parseStoryFountain(text);
    expect(doc).toEqual(fountainContent(sampleStory()));
    expect(doc.events.map((e) => e.title)).toEqual([
      'Arrival',
      'Untitled event',
      'Storm [[note]] /* not boneyard */',
    ]);
    expect(doc.events[0]!.description).toBe(
      'The keeper’s daughter comes home after ten years.\n\n' +
        '# Not a heading: a line that starts with a hash.\n1. Not a beat either.\n- nor a bullet',
    );
    expect(doc.events[0]!.moments[2]).toEqual({
      description: '[1:00] is written on the wall',
      timestampOffset: 90.5,
    });
    expect(serializeStoryFountain(doc)).toBe(text);
  });

  it('export, import, export gives the same file, and the content Fountain keeps', async () => {
    const { dispatcher } = await tempLibrary();
    fc.assert(
      fc.property(storyDocument, (doc) => {
        const a = importAs(dispatcher, 'json', serializeStoryJson(doc));
        const first = exportAs(dispatcher, a, 'fountain');
        const b = importAs(dispatcher, 'fountain', first);
        const second = exportAs(dispatcher, b, 'fountain');
        expect(second).toBe(first);
        const expected = fountainContent(stored(doc));
        expect(parseStoryFountain(second)).toEqual(expected);
        expect(storyContent(parseStoryJson(exportAs(dispatcher, b, 'json')))).toEqual(expected);
      }),
      { numRuns: 80 },
    );
  });

  it('a text at its limit holding [[ comes back whole: the export breaks the pair, the import joins it', async () => {
    const { dispatcher: d } = await tempLibrary();
    const beat = `${'x'.repeat(19_990)}[[Mara]]`;
    const title = `${'t'.repeat(192)}[[Mara]]`;
    const doc = {
      title,
      events: [{ title, description: beat, moments: [{ description: beat, timestampOffset: 1 }] }],
    };
    const fountain = exportAs(d, importAs(d, 'json', serializeStoryJson(doc)), 'fountain');
    expect(fountain).toContain(`= [[0:01]] ${'x'.repeat(19_990)}[ [Mara] ]\n`);
    const back = parseStoryJson(exportAs(d, importAs(d, 'fountain', fountain), 'json'));
    expect(storyContent(back)).toEqual(doc);
    // A writer's own `[ [` comes back joined (and exports as the same file); two spaces stay.
    const read = parseStoryFountain('Title: a [ [b] ] / * c * /\n\n# S\n\n= x [  [ y\n');
    expect(read.title).toBe('a [[b]] /* c */');
    expect(read.events[0]!.moments[0]!.description).toBe('x [  [ y');
  });

  it('the renderer’s picker path: format json with a .fountain name, or no name at all', async () => {
    const lib = await tempLibrary();
    const text = readGolden('lighthouse.fountain');
    const byName = must(
      lib.dispatcher.call('stories:import', {
        format: 'json',
        content: text,
        fileName: 'Lighthouse.fountain',
      }),
    );
    const bySniff = must(lib.dispatcher.call('stories:import', { format: 'json', content: text }));
    for (const story of [byName, bySniff]) {
      expect(story).toMatchObject({ title: sampleStory().title, eventCount: 3, beatCount: 18 });
    }
    // A Markdown outline sent as json is read as Markdown, not "not valid JSON".
    const md = must(
      lib.dispatcher.call('stories:import', {
        format: 'json',
        content: readGolden('lighthouse.md'),
        fileName: 'notes.txt',
      }),
    );
    expect(md).toMatchObject({ eventCount: 3, beatCount: 18 });
  });
});

describe('Fountain import: hand-written', () => {
  it('reads sections at any depth, synopses, the note under a section and skips the screenplay', () => {
    const text = [
      'Title:',
      '    _**BRICK & STEEL**_',
      '    _**FULL RETIRED**_',
      'Credit: Written by',
      'Author: Stu Maschwitz',
      '',
      '# ACT ONE',
      '',
      '## Opening',
      '[[Where it starts.',
      '  ',
      'Second paragraph.]]',
      '',
      '= [[0:30]] Brick arrives',
      '=Steel waits [[a note kept as text]]',
      '',
      "EXT. BRICK'S PATIO - DAY",
      '',
      'A gorgeous day.',
      '',
      'STEEL',
      "Beer's ready!",
      '',
      '===',
      '/* = a synopsis in the boneyard',
      '# nor is this a section */',
      '= [[1:02:03.5]] The end',
      '',
      '> THE END <',
    ].join('\r\n');
    expect(parseStoryFountain(text)).toEqual({
      title: '_**BRICK & STEEL**_ _**FULL RETIRED**_',
      events: [
        { title: 'ACT ONE', description: '', moments: [] },
        {
          title: 'Opening',
          description: 'Where it starts.\n\nSecond paragraph.',
          moments: [
            { description: 'Brick arrives', timestampOffset: 30 },
            { description: 'Steel waits [[a note kept as text]]', timestampOffset: null },
            { description: 'The end', timestampOffset: 3723.5 },
          ],
        },
      ],
    });
  });

  it('without sections, scene headings are the events (forced ones and scene numbers too)', () => {
    const text = [
      '\ufeffTitle: Heist',
      '',
      'INT. BANK - NIGHT #1#',
      '',
      '= The vault opens',
      '',
      'They wait.',
      '',
      '.SNOW GLOBE',
      '',
      'ext. roof - dawn',
      '= [[0:05]] A helicopter',
      '',
      'I/E CAR - MOVING',
    ].join('\n');
    expect(parseStoryFountain(text)).toEqual({
      title: 'Heist',
      events: [
        {
          title: 'INT. BANK - NIGHT',
          description: '',
          moments: [{ description: 'The vault opens', timestampOffset: null }],
        },
        { title: 'SNOW GLOBE', description: '', moments: [] },
        {
          title: 'ext. roof - dawn',
          description: '',
          moments: [{ description: 'A helicopter', timestampOffset: 5 }],
        },
        { title: 'I/E CAR - MOVING', description: '', moments: [] },
      ],
    });
  });

  it('takes the title from the file name when there is no title page', async () => {
    const lib = await tempLibrary();
    const story = must(
      lib.dispatcher.call('stories:import', {
        format: 'fountain',
        content: '# One\n\n= a\n\n# Two\n',
        fileName: 'My Pilot.fountain',
      }),
    );
    expect(story).toMatchObject({ title: 'My Pilot', eventCount: 2, beatCount: 1 });
  });

  it('refuses what it cannot read, naming the line, and changes nothing', async () => {
    const lib = await tempLibrary();
    seedStory(lib.dispatcher, { Existing: ['keep me'] }, 'Existing story');
    const fountain = (content: string) => ({ format: 'fountain' as const, content });
    expectRefused(
      lib,
      fountain('Title: T\n\n= orphan\n'),
      'line 3: a synopsis (=) before the first section: put a # Section heading above it.',
    );
    expectRefused(
      lib,
      fountain('Title: T\n\n# S\n\n= [[0:75]] late\n'),
      'line 5: [[0:75]] is not a time: write [[m:ss]] or [[h:mm:ss]], e.g. [[0:30]] or [[1:02:03.5]].',
    );
    expectRefused(
      lib,
      fountain(`Title: ${'x'.repeat(201)}\n`),
      'line 1: story title: must be at most 200 characters',
    );
    expectRefused(
      lib,
      fountain('# S\n= a\n'),
      'line 1: a Fountain outline starts with a title page: Title: My Story',
    );
    expectRefused(
      lib,
      fountain('Title: T\n\n# S\n\n= [[2400:00:01]] too late\n'),
      'line 5: beat time: must be <= 8640000',
    );
    expectRefused(
      lib,
      fountain(`Title: T\n\n# S\n\n= ${'b'.repeat(20_001)}\n`),
      'line 5: beat: must be at most 20000 characters',
    );
  });
});

describe('Word files are refused with a clear message, whatever their name', () => {
  it('at the channel: by the ZIP bytes or the name', async () => {
    const lib = await tempLibrary();
    seedStory(lib.dispatcher, { Existing: ['keep me'] }, 'Existing story');
    const docx = serializeStoryDocx(sampleStory()).toString('latin1');
    expectRefused(
      lib,
      { format: 'md', content: docx, fileName: 'outline.md' },
      DOCX_IMPORT_MESSAGE,
    );
    expectRefused(lib, { format: 'json', content: docx }, DOCX_IMPORT_MESSAGE);
    expectRefused(
      lib,
      { format: 'json', content: '{}', fileName: 'Story.DOCX' },
      DOCX_IMPORT_MESSAGE,
    );
    expect(DOCX_IMPORT_MESSAGE).toBe(
      'Word (.docx) files can be exported but not imported; import a .beatline.json, ' +
        'Markdown (.md) or Fountain (.fountain) file.',
    );
  });

  it('from disk: a real .docx renamed .md or .beatline.json', async () => {
    const lib = await tempLibrary();
    const dir = tempDir();
    const before = dumpDatabase(lib.db);
    for (const name of ['outline.md', 'story.beatline.json', 'story.fountain']) {
      writeFileSync(join(dir, name), serializeStoryDocx(sampleStory()));
      await expect(importStoryFromFile(lib.db, join(dir, name))).rejects.toThrow(
        `${name}: ${DOCX_IMPORT_MESSAGE}`,
      );
    }
    expect(dumpDatabase(lib.db)).toBe(before);
  });

  it('from disk: a .fountain file imports, and so does one without an extension', async () => {
    const lib = await tempLibrary();
    const dir = tempDir();
    writeFileSync(join(dir, 'Lighthouse.fountain'), readGolden('lighthouse.fountain'));
    writeFileSync(join(dir, 'outline'), readGolden('lighthouse.fountain'));
    for (const name of ['Lighthouse.fountain', 'outline']) {
      const story = await importStoryFromFile(lib.db, join(dir, name));
      expect(story).toMatchObject({ title: sampleStory().title, eventCount: 3, beatCount: 18 });
    }
  });
});
