import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseStoryJson } from '../../electron/core/formats/json';
import { importStoryDocument } from '../../electron/core/formats/story-files';
import { openLibrary } from '../../electron/core/library';
import { main } from '../../electron/cli/main';
import { tempDir } from '../cli/helpers';
import { readGolden, runCliBytes } from './helpers';

/**
 * `beatline import` of a file it cannot read, in every format and encoding: exit 1, one line
 * naming the file and the problem, and every file in the library's folder byte for byte as it
 * was (a refused import opens the library but writes nothing, not even a log).
 */

let tmp: ReturnType<typeof tempDir>;
let db: string;

beforeAll(async () => {
  tmp = tempDir();
  db = join(tmp.dir, 'library', 'beatline.db');
  const lib = await openLibrary(db);
  try {
    importStoryDocument(lib.db, parseStoryJson(readGolden('lighthouse.beatline.json')));
  } finally {
    lib.close();
  }
});
afterAll(() => tmp.remove());

/** Every file in the library's folder and its bytes. */
function folderBytes(): Map<string, Buffer> {
  const dir = join(tmp.dir, 'library');
  return new Map(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name))]));
}

const json = (offset: string) =>
  `\ufeff{"format":"beatline-story","version":1,"story":{"title":"T","events":[{"title":"E",` +
  `"moments":[{"beat_description":"x","timestamp_offset":${offset}}]}]}}`;

/** Files Beatline cannot read, and the message each gets (after `beatline import: NAME: `). */
const BAD: Array<[string, string | Buffer, string]> = [
  ['signed.md', '# T\r\r## E\r\r1. [-0:30] x\r', 'line 5: [-0:30] is not a time'],
  ['aligned.md', '# T\n\n## E\n\n1.  [0:75] x\n', 'line 5: [0:75] is not a time'],
  ['tabbed.md', '# T\n\n## E\n\n1)\t\t[0:75] x\n', 'line 5: [0:75] is not a time'],
  [
    'crlf.fountain',
    'Title: T\r\n\r\n# E\r\n\r\n= [[0:75]] x\r\n',
    'line 5: [[0:75]] is not a time',
  ],
  ['deep.md', '\ufeff# T\n\n## E\n\n### deeper\n', 'line 5: ### headings are not part'],
  ['utf16.md', Buffer.from('\ufeff# T\n', 'utf16le'), 'line 1: not UTF-8 text'],
  ['latin1.fountain', Buffer.from('Title: Caf\xe9\n', 'latin1'), 'line 1: not UTF-8 text'],
  ['negative.beatline.json', json('-0.001'), 'timestamp_offset: must be >= 0'],
  ['late.beatline.json', json('8640001'), 'timestamp_offset: must be <= 8640000'],
  ['orphan.fountain', '= a synopsis\n', 'line 1: a synopsis (=) before the first section'],
  ['blank.md', '\ufeff \r\n\t\r\n', 'the file is empty'],
  ['long.md', `# T\n\n## E\n\n1. ${'🌊'.repeat(10_001)}\n`, 'line 5: beat: must be at most'],
  ['long.fountain', `Title: T\n\n# E\n\n= ${'x'.repeat(20_001)}\n`, 'line 5: beat: must be at'],
  ['time.md', '# T\n\n## E\n\nStory time: 2 of 1\n', 'line 5: story time must be a place'],
  ['nul.md', '# T\n\n## E\u0000\n', 'the file holds NUL bytes'],
  ['word.md', Buffer.from('PK\u0003\u0004 not really', 'latin1'), 'Word (.docx) files'],
];

describe('beatline import of a file it cannot read', () => {
  it('answers exit 1 and the problem, and leaves every file of the library byte for byte', async () => {
    for (const [name, content] of BAD) writeFileSync(join(tmp.dir, name), content);
    const before = folderBytes();
    expect([...before.keys()]).toEqual(['beatline.db']);
    for (const [name, , message] of BAD) {
      let stdout = '';
      let stderr = '';
      const code = await main(
        ['import', '--db', db, join(tmp.dir, name)],
        { out: (t) => void (stdout += t), err: (t) => void (stderr += t) },
        { BEATLINE_DB: '', HOME: tmp.dir },
      );
      expect({ name, code, stdout }).toEqual({ name, code: 1, stdout: '' });
      expect(stderr).toContain(`beatline import: ${name}: `);
      expect(stderr).toContain(message);
      expect(folderBytes()).toEqual(before);
    }
  });

  it('the real bin: the same for a signed time in a Markdown outline', async () => {
    writeFileSync(join(tmp.dir, 'signed.md'), BAD[0]![1]);
    const before = folderBytes();
    const run = await runCliBytes(['import', '--db', db, 'signed.md'], {
      home: tmp.dir,
      cwd: tmp.dir,
    });
    expect(run.code).toBe(1);
    expect(run.stdout.length).toBe(0);
    expect(run.stderr).toBe(
      'beatline import: signed.md: line 5: [-0:30] is not a time: write [m:ss] or [h:mm:ss], ' +
        'e.g. [0:30] or [1:02:03.5].\n',
    );
    expect(folderBytes()).toEqual(before);
  });
});
