import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../electron/core/files/atomic-write';
import { importStoryDocument } from '../../electron/core/formats/story-files';
import { openLibrary } from '../../electron/core/library';
import { tempDir } from '../cli/helpers';
import { runCliBytes, sampleStory } from './helpers';

/**
 * Issue 13: `beatline export --out` never replaces what is not a regular file. A pipe or a
 * character device is written into (as a shell's `>` would), a folder is refused, and a full
 * device (`/dev/full`) gives a clear "no space" error with exit 1, the device left as it was.
 */

const isRoot = process.getuid?.() === 0;
let tmp: ReturnType<typeof tempDir>;
let db: string;
const TITLE = sampleStory().title;

beforeAll(async () => {
  tmp = tempDir();
  db = join(tmp.dir, 'library.db');
  const lib = await openLibrary(db);
  try {
    importStoryDocument(lib.db, sampleStory());
  } finally {
    lib.close();
  }
});
afterAll(() => tmp.remove());

const exportTo = (out: string, format = 'json') =>
  runCliBytes(['export', '--db', db, '--story', TITLE, '--format', format, '--out', out], {
    home: tmp.dir,
    cwd: tmp.dir,
  });

/** The kind and device number of a node, to show it is the same node afterwards. */
function node(path: string) {
  const info = statSync(path);
  return { fifo: info.isFIFO(), char: info.isCharacterDevice(), rdev: info.rdev, ino: info.ino };
}

describe('export to what is not a regular file (issue 13)', () => {
  it('writes into a FIFO that a reader holds open, and the FIFO stays a FIFO', async () => {
    const fifo = join(tmp.dir, 'story.pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const before = node(fifo);
    const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'inherit'] });
    const chunks: Buffer[] = [];
    reader.stdout.on('data', (d: Buffer) => chunks.push(d));
    const read = new Promise<string>((done) =>
      reader.on('close', () => done(Buffer.concat(chunks).toString('utf8'))),
    );
    const run = await exportTo(fifo);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const text = await read;
    expect(JSON.parse(text)).toMatchObject({ format: 'beatline-story', story: { title: TITLE } });
    expect(node(fifo)).toEqual(before);
    expect(before.fifo).toBe(true);
    expect(readdirSync(tmp.dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  }, 60_000);

  it('refuses a folder with a clear message and leaves it as it was', async () => {
    const folder = join(tmp.dir, 'a folder.beatline.json');
    mkdirSync(folder);
    const run = await exportTo(folder);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('is a folder: exports are written to files');
    expect(statSync(folder).isDirectory()).toBe(true);
    await expect(writeFileAtomic(folder, 'x')).rejects.toThrow(/is a folder/);
  }, 60_000);

  it.skipIf(!isRoot)(
    'writes into /dev/null as root; it stays the character device',
    async () => {
      const before = node('/dev/null');
      const run = await exportTo('/dev/null', 'docx');
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(node('/dev/null')).toEqual(before);
      expect(before.char).toBe(true);
      expect(readdirSync('/dev').filter((n) => n.endsWith('.tmp'))).toEqual([]);
    },
    60_000,
  );

  it.skipIf(!isRoot)(
    'gives "no space" and exit 1 for /dev/full, leaving the device',
    async () => {
      const before = node('/dev/full');
      const run = await exportTo('/dev/full');
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/no space left on the device holding \/dev\/full/);
      expect(node('/dev/full')).toEqual(before);
      expect(before.char).toBe(true);
    },
    60_000,
  );
});
