import { chmodSync, lstatSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { makeFolder } from '../core/files/make-folder';
import { createToken } from './security';

// The local API's per-install token (issue 17), kept in a file only its owner can read.

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const checksModes = process.platform !== 'win32';

/** What `loadToken` found: the token, and whether it had to make a new one and why. */
export interface LoadedToken {
  token: string;
  /** null: the file was kept; otherwise why a new token was written. */
  replaced: null | 'missing' | 'malformed' | 'too_open';
}

/** Writes `token` to `path` with mode 0600 through a temp file and a rename (never half a token). */
export function writeTokenFile(path: string, token: string): void {
  makeFolder(dirname(path), 'the access token', 0o700);
  const temp = `${path}.${process.pid}.tmp`;
  rmSync(temp, { force: true });
  writeFileSync(temp, `${token}\n`, { mode: 0o600, flag: 'wx' });
  if (checksModes) chmodSync(temp, 0o600); // a umask cannot widen it, but be explicit
  renameSync(temp, path);
}

/**
 * Reads the token in `path`, or writes a new one (mode 0600) when the file is missing, does not
 * hold a token, or is readable by anyone but its owner: a token others could read may have
 * leaked, so it is replaced, not just re-permissioned. Refuses a path that is not a regular file
 * (a symlink, a folder).
 */
export function loadToken(path: string): LoadedToken {
  let stat;
  try {
    stat = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return fresh(path, 'missing');
  }
  if (!stat.isFile()) {
    throw new Error(
      `The local API token file ${path} is not a regular file; remove it and try again.`,
    );
  }
  if (checksModes && (stat.mode & 0o077) !== 0) return fresh(path, 'too_open');
  const token = readFileSync(path, 'utf8').trim();
  if (!TOKEN_SHAPE.test(token)) return fresh(path, 'malformed');
  return { token, replaced: null };
}

function fresh(path: string, replaced: LoadedToken['replaced']): LoadedToken {
  const token = createToken();
  writeTokenFile(path, token);
  return { token, replaced };
}
