import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../electron/core/db/migrate';
import { runCli, tempDir } from './helpers';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

describe('beatline usage errors', () => {
  it.each([
    [[]],
    [['frobnicate']],
    [['list', '--nope']],
    [['list', '--db']],
    [['check', 'extra-word']],
    [['migrate', '--db', '--json']],
  ])('%j prints usage on stderr and exits 2', (args) => {
    const run = runCli(args, { home: tmp.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: beatline');
    expect(run.stdout).toBe('');
    expect(readdirSync(tmp.dir)).toEqual([]);
  });

  it('--help and help print usage on stdout and exit 0', () => {
    for (const args of [['--help'], ['help'], ['help', 'check'], ['list', '-h']]) {
      const run = runCli(args, { home: tmp.dir });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Usage: beatline');
    }
    expect(runCli(['--help'], { home: tmp.dir }).stdout).toMatch(/migrate[\s\S]*list[\s\S]*check/);
  });
});

describe('beatline on files that are not libraries', () => {
  // `mcp` said "not a library" twice (h54): once from the host, once from the command.
  const commands = ['list', 'check', 'migrate', 'mcp'];

  it.each(commands)('%s refuses a text file, leaving it byte-for-byte untouched', (command) => {
    const file = join(tmp.dir, 'notes.txt');
    const bytes = Buffer.from('Chapter one: it was a dark and stormy night.\n'.repeat(200));
    writeFileSync(file, bytes);
    const run = runCli([command, '--db', file], { home: tmp.dir });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/not a Beatline library/);
    expect(run.stdout).toBe('');
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(readdirSync(tmp.dir)).toEqual(['notes.txt']);
  });

  it.each(commands)('%s refuses a file that only starts like SQLite, untouched', (command) => {
    const file = join(tmp.dir, 'fake.db');
    const bytes = Buffer.concat([
      Buffer.from('SQLite format 3\0', 'latin1'),
      Buffer.alloc(4096, 7),
    ]);
    writeFileSync(file, bytes);
    const run = runCli([command, '--db', file], { home: tmp.dir });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(readdirSync(tmp.dir)).toEqual(['fake.db']);
  });

  it.each(['list', 'check'])('%s refuses a missing file without creating it', (command) => {
    const file = join(tmp.dir, 'missing.db');
    const run = runCli([command, '--db', file], { home: tmp.dir });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(file);
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(tmp.dir)).toEqual([]);
  });

  // (migrate turns an empty file into a new library, as SQLite itself would.)
  it.each(['list', 'check'])('%s refuses an empty file, leaving it empty', (command) => {
    const file = join(tmp.dir, 'empty.db');
    writeFileSync(file, Buffer.alloc(0));
    const run = runCli([command, '--db', file], { home: tmp.dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/empty/);
    expect(readFileSync(file)).toHaveLength(0);
    expect(readdirSync(tmp.dir)).toEqual(['empty.db']);
  });

  it('list refuses a library that needs migrating and says how to fix it', async () => {
    const file = join(tmp.dir, 'old.db');
    const db = new Database(file);
    await migrate(db, { targetVersion: 1, dbPath: file });
    db.close();
    const run = runCli(['list', '--db', file], { home: tmp.dir });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/schema version 1 .*beatline migrate/);
    expect(readdirSync(tmp.dir)).toEqual(['old.db']);
  });

  it("list refuses another application's database untouched (issue 13)", () => {
    const file = join(tmp.dir, 'notes.db');
    const db = new Database(file);
    db.exec('CREATE TABLE notes (body TEXT)');
    db.close();
    const before = readFileSync(file);
    const run = runCli(['list', '--db', file], { home: tmp.dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('is an SQLite database of another application');
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(readdirSync(tmp.dir)).toEqual(['notes.db']);
  });
});

describe('beatline writing into a pipe whose reader has gone (`beatline list | head -1`)', () => {
  // h78: the CLI died with "Unhandled 'error' event ... EPIPE" and a stack trace on stderr.
  it('stops quietly with its own exit code, no stack trace', () => {
    const home = tempDir();
    try {
      const db = join(home.dir, 'lib.db');
      expect(runCli(['migrate', '--db', db], { home: home.dir }).code).toBe(0);
      const bin = resolve(import.meta.dirname, '..', '..', 'bin', 'beatline.mjs');
      // `true` reads nothing and exits at once: every write of `list` meets a closed pipe.
      const run = spawnSync(
        'bash',
        ['-c', `"$NODE" "$BIN" list --db "$DB" | true; echo "exit \${PIPESTATUS[0]}" >&2`],
        {
          env: { ...process.env, NODE: process.execPath, BIN: bin, DB: db, BEATLINE_DB: '' },
          encoding: 'utf8',
        },
      );
      expect(run.stderr).toBe('exit 0\n');
    } finally {
      home.remove();
    }
  });
});
