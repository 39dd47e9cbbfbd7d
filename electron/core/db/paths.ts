import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const APP_DIR_NAME = 'Beatline';
export const DATABASE_FILE_NAME = 'beatline.db';

/**
 * The per-user data folder Electron's `app.getPath('userData')` gives for an app named
 * Beatline, computed without Electron so the CLI and the browser host find the same file.
 */
export function defaultUserDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DIR_NAME);
  if (platform === 'win32') {
    return join(env.APPDATA || join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  }
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_DIR_NAME);
}

/**
 * The problem with a file name that came from the command line or the environment, or null.
 * Node reads those as UTF-8 and puts U+FFFD in place of bytes that are not (a Latin-1 name such
 * as `lib\xff.db`), so such a name names another file: `migrate` made a new, empty library
 * beside the writer's own, and `export --out` wrote a file of another name.
 */
export function undecodableName(what: string, name: string): string | null {
  if (!name.includes('\uFFFD')) return null;
  return (
    `${what} ${JSON.stringify(name)}: the name is not valid UTF-8 text (\uFFFD stands for ` +
    'what could not be read), so Beatline cannot open or write that file: rename it or its folder.'
  );
}

/** Reads `--db FILE` or `--db=FILE` from an argument list, if present. */
export function dbArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--db') return argv[i + 1];
    if (arg?.startsWith('--db=')) return arg.slice('--db='.length);
  }
  return undefined;
}

/** The library file to open: `--db FILE`, else `BEATLINE_DB`, else the per-user default. */
export function resolveDatabasePath(
  options: { argv?: readonly string[]; env?: NodeJS.ProcessEnv; userDataDir?: string } = {},
): string {
  const env = options.env ?? process.env;
  const fromArgs = options.argv ? dbArgument(options.argv) : undefined;
  const chosen = fromArgs || env.BEATLINE_DB;
  if (chosen) return resolve(chosen);
  return join(options.userDataDir ?? defaultUserDataDir(env), DATABASE_FILE_NAME);
}
