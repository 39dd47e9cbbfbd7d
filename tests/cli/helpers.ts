import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const bin = resolve(import.meta.dirname, '..', '..', 'bin', 'beatline.mjs');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real `bin/beatline.mjs` with this Node (24). BEATLINE_DB is cleared and the
 * per-user folders point into `home`, so no test can touch a real library.
 */
export function runCli(args: string[], options: { home: string; env?: NodeJS.ProcessEnv }): CliRun {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: options.home,
    XDG_CONFIG_HOME: join(options.home, '.config'),
    APPDATA: join(options.home, 'AppData'),
    BEATLINE_DB: '',
    ...options.env,
  };
  const result = spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A temp folder, removed by the returned function. */
export function tempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'beatline-cli-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
