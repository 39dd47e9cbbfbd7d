import { spawn } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../electron/core/files/atomic-write';
import { FileTooLargeError, readFileCapped } from '../../electron/core/files/read-capped';
import { tempDir } from '../helpers/temp';

const MB = 1024 * 1024;

describe('writeFileAtomic', () => {
  it('creates a file, then replaces it whole, leaving no temp file', async () => {
    const dir = tempDir();
    const path = join(dir, 'story.md');
    await writeFileAtomic(path, 'first');
    await writeFileAtomic(path, Buffer.from('second'));
    await writeFileAtomic(path, ['th', Buffer.from('ird')]);
    expect(readFileSync(path, 'utf8')).toBe('third');
    expect(readdirSync(dir)).toEqual(['story.md']);
  });

  it('a failure mid-write leaves the old file as it was and removes the temp file', async () => {
    const dir = tempDir();
    const path = join(dir, 'story.md');
    writeFileSync(path, 'the old story');
    function* failing() {
      yield 'half of the new';
      throw new Error('out of disk space');
    }
    await expect(writeFileAtomic(path, failing())).rejects.toThrow('out of disk space');
    expect(readFileSync(path, 'utf8')).toBe('the old story');
    expect(readdirSync(dir)).toEqual(['story.md']);
  });

  it('a failed rename (a folder in the way) removes the temp file', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'taken'));
    writeFileSync(join(dir, 'taken', 'inside'), 'x');
    await expect(writeFileAtomic(join(dir, 'taken'), 'data')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['taken']);
    expect(readdirSync(join(dir, 'taken'))).toEqual(['inside']);
  });

  it('fails cleanly when the folder does not exist', async () => {
    const dir = tempDir();
    await expect(writeFileAtomic(join(dir, 'missing', 'story.md'), 'x')).rejects.toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it.skipIf(process.platform === 'win32')(
    'keeps the permissions of the file it replaces',
    async () => {
      const path = join(tempDir(), 'story.md');
      writeFileSync(path, 'old');
      chmodSync(path, 0o600);
      await writeFileAtomic(path, 'new');
      expect(statSync(path).mode & 0o777).toBe(0o600);
    },
  );

  it.skipIf(process.platform === 'win32')(
    'writes through a symlink to the file it points to',
    async () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'real.md'), 'old');
      symlinkSync('real.md', join(dir, 'link.md'));
      await writeFileAtomic(join(dir, 'link.md'), 'new');
      expect(readFileSync(join(dir, 'real.md'), 'utf8')).toBe('new');
      expect(statSync(join(dir, 'link.md')).isFile()).toBe(true);
      expect(readdirSync(dir).sort()).toEqual(['link.md', 'real.md']);
    },
  );

  it('a process killed (SIGKILL) mid-write leaves the old file whole', async () => {
    const dir = tempDir();
    const path = join(dir, 'story.beatline.json');
    writeFileSync(path, 'the old story');
    const script = resolve(import.meta.dirname, 'slow-writer.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', script, path], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolveWriting, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        if (d.toString().includes('writing')) resolveWriting();
      });
      child.on('exit', () => reject(new Error('the writer exited before it was killed')));
    });
    // The temp file holds part of the new data right now.
    const temp = readdirSync(dir).find((n) => n.endsWith('.tmp'));
    expect(temp).toBeDefined();
    expect(statSync(join(dir, temp!)).size).toBeGreaterThan(0);
    const exited = new Promise((r) => child.on('exit', (_code, signal) => r(signal)));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(readFileSync(path, 'utf8')).toBe('the old story');
  });
});

describe('readFileCapped', () => {
  it('reads a file up to the cap', async () => {
    const path = join(tempDir(), 'f');
    writeFileSync(path, 'x'.repeat(100));
    expect((await readFileCapped(path, 100)).length).toBe(100);
    await expect(readFileCapped(path, 99)).rejects.toBeInstanceOf(FileTooLargeError);
  });

  it('refuses a 200 MB sparse file from its size before reading it', async () => {
    const path = join(tempDir(), 'huge');
    writeFileSync(path, '');
    truncateSync(path, 200 * MB);
    const started = performance.now();
    const error = await readFileCapped(path, 50 * MB).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileTooLargeError);
    expect((error as FileTooLargeError).size).toBe(200 * MB);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it.skipIf(process.platform === 'win32')(
    'stops at the cap on a file with no size (a device)',
    async () => {
      const error = await readFileCapped('/dev/zero', 3 * MB).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FileTooLargeError);
      expect((error as FileTooLargeError).size).toBe(3 * MB + 1);
    },
  );

  it('refuses a folder', async () => {
    await expect(readFileCapped(tempDir(), 10)).rejects.toThrow(/folder/);
  });
});
