import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importStoryFromFile } from '../../electron/core/formats/story-files';
import { dumpDatabase, tempLibrary } from '../helpers/library';
import { tempDir } from '../helpers/temp';

/**
 * A file with nothing in it (a 0-byte file, a cloud-sync placeholder, only blank lines or a
 * byte-order mark) holds no story: the import says so instead of adding an empty story named
 * after the file, and the library stays as it was.
 */
describe('importing an empty file', () => {
  const empties: Array<[string, string]> = [
    ['Draft.md', ''],
    ['Draft.fountain', ''],
    ['Draft', ''],
    ['Draft.txt', '\n\n  \t\r\n'],
    ['Draft.md', '\ufeff'],
  ];

  it.each(empties)('%s holding %j is refused from disk, changing nothing', async (name, text) => {
    const lib = await tempLibrary();
    const path = join(tempDir(), name);
    writeFileSync(path, text);
    const before = dumpDatabase(lib.db);
    await expect(importStoryFromFile(lib.db, path)).rejects.toThrow(
      `${name}: the file is empty: there is no story in it.`,
    );
    expect(dumpDatabase(lib.db)).toBe(before);
  });

  it.each(['md', 'fountain', 'json'] as const)(
    'is refused through the channel as %s',
    async (format) => {
      const lib = await tempLibrary();
      const before = dumpDatabase(lib.db);
      const result = lib.dispatcher.call('stories:import', {
        format,
        content: ' \n',
        fileName: 'x.md',
      });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('invalid_input');
        expect(result.error.message).toBe('the file is empty: there is no story in it.');
      }
      expect(dumpDatabase(lib.db)).toBe(before);
    },
  );
});

/**
 * UTF-16 without its byte-order mark (every other byte NUL) or a binary file is strict UTF-8
 * too, but no story holds a NUL: it was refused as "text between the story title and the first
 * ## event", which says nothing of what is wrong.
 */
describe('importing a file with NUL bytes', () => {
  const utf16 = Buffer.from('# Harbour\n\n## Quay\n\n1. Ropes\n', 'utf16le');

  it('is refused from disk as not UTF-8 text, changing nothing', async () => {
    const lib = await tempLibrary();
    const path = join(tempDir(), 'Harbour.md');
    writeFileSync(path, utf16);
    const before = dumpDatabase(lib.db);
    await expect(importStoryFromFile(lib.db, path)).rejects.toThrow(
      'Harbour.md: the file holds NUL bytes, so it is not UTF-8 text',
    );
    expect(dumpDatabase(lib.db)).toBe(before);
  });

  it('is refused through the channel the same way', async () => {
    const lib = await tempLibrary();
    const before = dumpDatabase(lib.db);
    const result = lib.dispatcher.call('stories:import', {
      format: 'md',
      content: utf16.toString('latin1'),
      fileName: 'Harbour.md',
    });
    expect(result.ok ? null : result.error.message).toMatch(/^the file holds NUL bytes/);
    expect(dumpDatabase(lib.db)).toBe(before);
  });
});

describe('a file name whose last dot starts no extension', () => {
  it('"Draft v1.2" is read by its content, while "notes.rtf" is refused by its name', async () => {
    const lib = await tempLibrary();
    const dir = tempDir();
    writeFileSync(join(dir, 'Draft v1.2'), '# Draft\n\n## One\n\n1. A beat\n');
    writeFileSync(join(dir, 'notes.rtf'), '# Notes\n\n## One\n\n1. A beat\n');
    const story = await importStoryFromFile(lib.db, join(dir, 'Draft v1.2'));
    expect(story.title).toBe('Draft');
    const before = dumpDatabase(lib.db);
    await expect(importStoryFromFile(lib.db, join(dir, 'notes.rtf'))).rejects.toThrow(
      'notes.rtf: Beatline imports story files',
    );
    expect(dumpDatabase(lib.db)).toBe(before);
  });
});
