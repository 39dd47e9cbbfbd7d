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
