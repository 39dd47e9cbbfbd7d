// `beatline export --db story.db --story X --out story.db` replaced the library with the story's
// JSON (an atomic rename over it): every other story was gone, and the next command said the
// file was "not a Beatline library". An export never replaces an SQLite database (the library,
// another library, a backup) nor the write-ahead log, shared memory or journal beside one.

import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../electron/core/files/atomic-write';
import { runCli, tempDir } from '../cli/helpers';
import { tempDir as tempTestDir } from '../helpers/temp';

/** Every file in the folder with its sha256 (-shm: its name; readers write their marks there). */
function snapshot(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() || entry.isSymbolicLink())
    .map((entry) => {
      if (entry.name.endsWith('-shm')) return entry.name;
      const sha = createHash('sha256')
        .update(readFileSync(join(dir, entry.name)))
        .digest('hex');
      return `${entry.name} ${sha}`;
    })
    .sort();
}

describe('beatline export --out onto a library', () => {
  let tmp: ReturnType<typeof tempDir>;
  let app: Database.Database;
  const path = (name: string) => join(tmp.dir, name);
  // Made once: no test may write to it.
  beforeAll(() => {
    tmp = tempDir();
    const cli = (...args: string[]) => runCli(args, { home: tmp.dir });
    writeFileSync(path('a.md'), '# Story A\n\n## Scene\n\n- A beat\n');
    writeFileSync(path('b.md'), '# Story B\n\n## Scene\n\n- Another beat\n');
    expect(cli('migrate', '--db', path('story.db')).code).toBe(0);
    expect(cli('migrate', '--db', path('other.db')).code).toBe(0);
    expect(cli('import', '--db', path('story.db'), path('a.md')).code).toBe(0);
    expect(cli('import', '--db', path('story.db'), path('b.md')).code).toBe(0);
    expect(cli('import', '--db', path('other.db'), path('a.md')).code).toBe(0);
    expect(cli('backup', '--db', path('story.db')).code).toBe(0);
    symlinkSync(path('story.db'), path('link.db'));
    // The library open elsewhere (a running app), so its -wal and -shm stay beside it.
    app = new Database(path('story.db'), { fileMustExist: true });
    app.prepare("UPDATE stories SET title = title || '' WHERE 0").run();
    expect(readdirSync(tmp.dir)).toEqual(expect.arrayContaining(['story.db-wal', 'story.db-shm']));
  });
  afterAll(() => {
    app.close();
    tmp.remove();
  });

  it.each(['story.db', 'link.db', 'other.db', 'story.db-wal', 'story.db-shm', 'story.db-journal'])(
    '--out %s is refused in one line, every file left as it was',
    (out) => {
      const before = snapshot(tmp.dir);
      const run = runCli(
        ['export', '--db', path('story.db'), '--story', 'Story A', '--out', path(out)],
        { home: tmp.dir },
      );
      expect(run.stderr).toMatch(/SQLite database.*an export never replaces/);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.code).toBe(1);
      expect(snapshot(tmp.dir)).toEqual(before);
      const list = runCli(['list', '--db', path('story.db')], { home: tmp.dir });
      expect(list.stdout).toMatch(/Story A[\s\S]*Story B|Story B[\s\S]*Story A/);
    },
  );

  it('a backup in the backups folder is refused too', async () => {
    const backups = join(tmp.dir, 'story-backups');
    const [backup] = readdirSync(backups);
    const before = readFileSync(join(backups, backup!));
    await expect(writeFileAtomic(join(backups, backup!), '{}')).rejects.toThrow(/SQLite database/);
    expect(readFileSync(join(backups, backup!)).equals(before)).toBe(true);
  });
});

describe('writeFileAtomic next to a database', () => {
  it('still replaces a file that only has a -wal-like name, or text starting "SQLite"', async () => {
    const dir = tempTestDir();
    for (const name of ['notes.md-wal', 'SQLite.md']) {
      writeFileSync(join(dir, name), name === 'SQLite.md' ? 'SQLite format 2 notes' : 'x');
      await writeFileAtomic(join(dir, name), 'new');
      expect(readFileSync(join(dir, name), 'utf8')).toBe('new');
    }
  });
});
