// A file name that is not UTF-8 (a Latin-1 name from an old archive: `lib\xff.db`) reaches Node
// with U+FFFD in place of the bytes it cannot decode. `beatline migrate --db lib\xff.db` then
// made a new, empty library named `lib\uFFFD.db` beside the writer's own (and said "Migrated …
// from schema version 0"), and `export --out` wrote a file of another name. Such a name is
// refused as a bad argument now, and nothing is written.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWebArgs } from '../../electron/web/cli';
import { runCli, tempDir } from './helpers';

const bin = resolve(import.meta.dirname, '..', '..', 'bin', 'beatline.mjs');

/** Runs the CLI through sh, so an argument can hold a byte that is not UTF-8 (`\377`). */
function runRaw(dir: string, args: string, env: Record<string, string> = {}, prefix = '') {
  const run = spawnSync('/bin/sh', ['-c', `${prefix} "$NODE" "$BIN" ${args}`], {
    cwd: dir,
    env: {
      ...process.env,
      HOME: dir,
      XDG_CONFIG_HOME: join(dir, '.config'),
      BEATLINE_DB: '',
      NODE: process.execPath,
      BIN: bin,
      ...env,
    },
    encoding: 'utf8',
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The folder's entries as raw bytes (hex), with each file's sha256. */
function snapshot(dir: string): string[] {
  return readdirSync(dir, { encoding: 'buffer' })
    .map((name) => {
      const path = Buffer.concat([Buffer.from(`${dir}/`), name]);
      const sha = createHash('sha256').update(readFileSync(path)).digest('hex');
      return `${name.toString('hex')} ${sha}`;
    })
    .sort();
}

/** `utf8` renamed to the same name with `\xff` in place of `?`. */
function renameToLatin1(dir: string, utf8: string): void {
  const raw = Buffer.from(utf8.replace('?', '\u00ff'), 'latin1');
  renameSync(join(dir, utf8), Buffer.concat([Buffer.from(`${dir}/`), raw]));
}

describe('beatline with a file name that is not UTF-8', () => {
  let tmp: ReturnType<typeof tempDir>;
  // Made once: no test may write to it.
  beforeAll(() => {
    tmp = tempDir();
    expect(runCli(['migrate', '--db', join(tmp.dir, 'lib?.db')], { home: tmp.dir }).code).toBe(0);
    renameToLatin1(tmp.dir, 'lib?.db');
    writeFileSync(join(tmp.dir, 'story?.md'), '# A story\n\n## Scene\n\n- A beat\n');
    renameToLatin1(tmp.dir, 'story?.md');
    expect(runCli(['migrate', '--db', join(tmp.dir, 'ok.db')], { home: tmp.dir }).code).toBe(0);
    writeFileSync(join(tmp.dir, 'ok.md'), '# Ok\n\n## Scene\n\n- A beat\n');
    const ok = ['--db', join(tmp.dir, 'ok.db'), join(tmp.dir, 'ok.md')];
    expect(runCli(['import', ...ok], { home: tmp.dir }).code).toBe(0);
  });
  afterAll(() => tmp.remove());

  it.each([
    ['migrate --db', `migrate --db "$(printf 'lib\\377.db')"`],
    ['list --db', `list --db "$(printf 'lib\\377.db')"`],
    ['import PATH', `import --db ok.db "$(printf 'story\\377.md')"`],
    ['export --out', `export --db ok.db --story Ok --out "$(printf 'out\\377.md')"`],
    ['restore BACKUP', `restore --db ok.db "$(printf 'lib\\377.db')"`],
    ['--db=', `migrate "--db=$(printf 'lib\\377.db')"`],
  ])('%s: refused as a bad argument that names the problem, nothing written', (_, args) => {
    const before = snapshot(tmp.dir);
    const run = runRaw(tmp.dir, args);
    expect(run.stderr).toMatch(/not valid UTF-8/);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(snapshot(tmp.dir)).toEqual(before);
  });

  it('BEATLINE_DB: refused the same way, nothing written', () => {
    const before = snapshot(tmp.dir);
    const run = runRaw(
      tmp.dir,
      'migrate',
      { BEATLINE_DB: '' },
      `BEATLINE_DB="$(printf 'lib\\377.db')"`,
    );
    expect(run.stderr).toMatch(/BEATLINE_DB .*not valid UTF-8/);
    expect(run.code).toBe(2);
    expect(snapshot(tmp.dir)).toEqual(before);
  });
});

describe('npm run web with a library name that is not UTF-8', () => {
  // Node hands such a name over with U+FFFD in it (as above): the host opened a new library.
  it.each([
    [['--db', 'lib\uFFFD.db'], {}],
    [[], { BEATLINE_DB: 'lib\uFFFD.db' }],
  ])('%j %j: refused before anything is opened', (argv, env) => {
    expect(() => parseWebArgs(argv, env)).toThrow(/not valid UTF-8/);
    expect(parseWebArgs(['--db', 'lib.db'], {})).toMatchObject({ dbPath: resolve('lib.db') });
  });
});
