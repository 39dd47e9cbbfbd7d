import { mkdirSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

/** A folder that cannot be made; the message names it and says why. */
export class FolderError extends Error {
  constructor(
    readonly dir: string,
    message: string,
  ) {
    super(message);
    this.name = 'FolderError';
  }
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
};

/** True when `path` exists as anything; false when nothing is there (or a parent is a file). */
function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return false;
    throw error;
  }
}

/**
 * Makes `dir` and its missing parents one level at a time. Node's `mkdirSync(dir, { recursive:
 * true })` loops for ever when `mkdir` answers ENOENT under a parent that exists (a folder under
 * /proc for a process that is gone); this fails at once instead, with a `FolderError` that says
 * which folder and why (`what` names what the folder is for: "the library").
 */
export function makeFolder(dir: string, what: string, mode?: number): void {
  const target = resolve(dir);
  const fail = (reason: string) =>
    new FolderError(target, `The folder ${target} for ${what} cannot be created: ${reason}.`);
  const missing: string[] = [];
  let at = target;
  try {
    while (!exists(at)) {
      missing.unshift(at);
      const parent = dirname(at);
      if (parent === at) break;
      at = parent;
    }
    if (!statSync(at).isDirectory()) {
      throw fail(`${basename(at)} is not a folder`);
    }
  } catch (error) {
    if (error instanceof FolderError) throw error;
    throw fail(REASONS[(error as NodeJS.ErrnoException).code ?? ''] ?? String(error));
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder, mode === undefined ? undefined : { mode });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (code === 'EEXIST' && statSync(folder).isDirectory()) continue;
      if (code === 'ENOTDIR' || code === 'EEXIST')
        throw fail(`${basename(folder)} is not a folder`);
      if (code === 'ENOENT') throw fail(`${dirname(folder)} does not accept new folders`);
      throw fail(REASONS[code] ?? String(error));
    }
  }
}
