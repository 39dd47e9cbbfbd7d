import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from './helpers';

/**
 * Issue 13: a library path whose folder cannot be made. Node's `mkdirSync(dir, { recursive:
 * true })` loops for ever when `mkdir` answers ENOENT under a parent that exists (a folder under
 * /proc for a process that is gone), so `beatline migrate --db /proc/<gone>/lib.db` hung. Each
 * command must fail at once (well inside the kill timeout) with one clear line and exit 1.
 */

const bin = resolve(import.meta.dirname, '..', '..', 'bin', 'beatline.mjs');
/** Far above the time a command takes on a loaded VM; a hang is killed here and fails the test. */
const KILL_AFTER_MS = 60_000;

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

function run(args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    env: {
      ...process.env,
      HOME: tmp.dir,
      XDG_CONFIG_HOME: join(tmp.dir, '.config'),
      BEATLINE_DB: '',
    },
    encoding: 'utf8',
    input: '', // `mcp` reads stdin: closed at once
    timeout: KILL_AFTER_MS,
  });
  return {
    code: result.status,
    signal: result.signal,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

/** A /proc folder of a process that cannot exist (above the kernel's largest pid). */
function goneProcessFolder(): string | null {
  try {
    const max = Number(readFileSync('/proc/sys/kernel/pid_max', 'utf8').trim());
    const dir = `/proc/${max + 1}`;
    return Number.isFinite(max) && !existsSync(dir) ? dir : null;
  } catch {
    return null;
  }
}

const CREATING = [['migrate'], ['mcp']];

describe('a library folder that cannot be made fails at once (issue 13)', () => {
  const proc = goneProcessFolder();

  it.skipIf(!proc).each(CREATING)(
    '%s --db /proc/<gone pid>/lib.db exits 1 with a clear line, without hanging',
    (command) => {
      const path = `${proc}/lib.db`;
      const result = run([command, '--db', path]);
      expect(result.signal, 'killed: the command hung').toBeNull();
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain(
        `The folder ${proc} for the library cannot be created: /proc does not accept new folders.`,
      );
      expect(result.stdout).toBe('');
    },
    KILL_AFTER_MS * 2,
  );

  it.skipIf(!proc)(
    'list --db /proc/<gone pid>/lib.db says there is no library, at once',
    () => {
      const result = run(['list', '--db', `${proc}/lib.db`]);
      expect(result.signal).toBeNull();
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('No Beatline library at');
    },
    KILL_AFTER_MS * 2,
  );

  it.each(CREATING)(
    '%s under a plain file where a folder should be exits 1, leaving the file as it was',
    (command) => {
      const file = join(tmp.dir, 'notes.txt');
      writeFileSync(file, 'not a folder\n');
      const result = run([command, '--db', join(file, 'sub', 'lib.db')]);
      expect(result.signal).toBeNull();
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain(
        `The folder ${join(file, 'sub')} for the library cannot be created`,
      );
      expect(result.stderr).toContain('notes.txt is not a folder');
      expect(readFileSync(file, 'utf8')).toBe('not a folder\n');
      expect(readdirSync(tmp.dir)).toEqual(['notes.txt']);
    },
    KILL_AFTER_MS * 2,
  );

  if (!proc) it.skip('/proc cases: skipped, no /proc on this system', () => {});
});
