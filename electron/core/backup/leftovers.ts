import { readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { backupsDirFor, parseLeftoverName } from './names';

/** A leftover whose writer cannot be told apart (older name form, or a reused pid) after this. */
const STALE_MS = 60 * 60 * 1000;

/** True when a process with this id is running (and may still be writing its file). */
function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes what interrupted copies of this library left behind: `.partial` backups and restored
 * copies (with their SQLite companions) in the library's folder and its backups folder, whose
 * writing process is gone (or which are over an hour old). Only names Beatline writes
 * (`parseLeftoverName`) are touched; every other file is left alone. Returns the names removed.
 */
export function cleanLeftovers(libraryPath: string): string[] {
  const removed: string[] = [];
  for (const dir of [dirname(libraryPath), backupsDirFor(libraryPath)]) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      const leftover = parseLeftoverName(libraryPath, name);
      // The older `.<random>.partial` names were only ever written in the backups folder.
      if (!leftover || (leftover.pid === null && dir === dirname(libraryPath))) continue;
      const path = join(dir, name);
      try {
        const stale = Date.now() - statSync(path).mtimeMs > STALE_MS;
        if (stale || (leftover.pid !== null && !isRunning(leftover.pid))) {
          rmSync(path, { force: true });
          removed.push(name);
        }
      } catch {
        // Already gone.
      }
    }
  }
  return removed;
}
