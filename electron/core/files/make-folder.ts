import { mkdirSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

/** Why a folder cannot be made: its name stands for a file, or the system refused (`code`). */
export type FolderProblem = 'not_a_folder' | 'read_only' | 'refused';

/** A folder that cannot be made; the message names it and says why. */
export class FolderError extends Error {
  constructor(
    readonly dir: string,
    readonly problem: FolderProblem,
    /** Why, in words: "notes.txt is not a folder", "the disk is read-only". */
    readonly reason: string,
    what: string,
  ) {
    super(`The folder ${dir} for ${what} cannot be created: ${reason}.`);
    this.name = 'FolderError';
  }
}

const READ_ONLY: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
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
  const fail = (problem: FolderProblem, reason: string) =>
    new FolderError(target, problem, reason, what);
  const failFor = (error: unknown, folder: string) => {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'ENOTDIR' || code === 'EEXIST') {
      return fail('not_a_folder', `${basename(folder)} is not a folder`);
    }
    if (code in READ_ONLY) return fail('read_only', READ_ONLY[code] ?? code);
    if (code === 'ENOENT') return fail('refused', `${dirname(folder)} does not accept new folders`);
    if (code === 'ENOSPC') return fail('refused', 'the disk is full');
    return fail('refused', error instanceof Error ? error.message : String(error));
  };
  const missing: string[] = [];
  let at = target;
  try {
    while (!exists(at)) {
      missing.unshift(at);
      const parent = dirname(at);
      if (parent === at) break;
      at = parent;
    }
  } catch (error) {
    throw failFor(error, at);
  }
  if (!statSync(at).isDirectory()) throw fail('not_a_folder', `${basename(at)} is not a folder`);
  for (const folder of missing) {
    try {
      mkdirSync(folder, mode === undefined ? undefined : { mode });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && statSync(folder).isDirectory()) continue;
      throw failFor(error, folder);
    }
  }
}
