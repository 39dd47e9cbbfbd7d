// makeFolder (issue 13): Node's recursive mkdir loops for ever on ENOENT under an existing parent
// (/proc/<gone pid>); this one fails at once and says which folder and why.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FolderError, makeFolder } from '../../electron/core/files/make-folder';
import { tempDir } from '../helpers/temp';

describe('makeFolder', () => {
  it('makes missing folders level by level, with the mode asked for, and accepts one that exists', () => {
    const dir = join(tempDir(), 'a', 'b', 'c');
    makeFolder(dir, 'the test', 0o700);
    expect(statSync(dir).isDirectory()).toBe(true);
    if (process.platform !== 'win32') expect(statSync(dir).mode & 0o777).toBe(0o700);
    makeFolder(dir, 'the test');
    expect(statSync(dir).isDirectory()).toBe(true);
  });

  it('refuses a path through a file, naming it, and leaves the file as it was', () => {
    const base = tempDir();
    const file = join(base, 'notes.txt');
    writeFileSync(file, 'mine\n');
    for (const dir of [file, join(file, 'sub', 'deeper')]) {
      expect(() => makeFolder(dir, 'the library')).toThrow(FolderError);
      expect(() => makeFolder(dir, 'the library')).toThrow(
        `The folder ${dir} for the library cannot be created: notes.txt is not a folder.`,
      );
    }
    expect(readFileSync(file, 'utf8')).toBe('mine\n');
    expect(existsSync(join(base, 'sub'))).toBe(false);
  });

  it.skipIf(!existsSync('/proc/sys/kernel/pid_max'))(
    'fails at once under /proc for a process that cannot exist',
    () => {
      const max = Number(readFileSync('/proc/sys/kernel/pid_max', 'utf8').trim());
      const dir = `/proc/${max + 1}/x`;
      let caught: unknown;
      try {
        makeFolder(dir, 'the library');
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(FolderError);
      expect((caught as FolderError).message).toBe(
        `The folder ${dir} for the library cannot be created: /proc does not accept new folders.`,
      );
    },
  );
});
