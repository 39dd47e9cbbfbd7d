import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '..', '..');

export interface CliBackup {
  id: string;
  kind: string;
  path: string;
  storyCount: number;
  beatCount: number;
}

/** `beatline backup --db FILE --json`: an online, checked backup in the library's backups folder. */
export function cliBackup(dbPath: string): CliBackup {
  const run = spawnSync(
    process.execPath,
    [resolve(repoRoot, 'bin', 'beatline.mjs'), 'backup', '--db', dbPath, '--json'],
    { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 },
  );
  if (run.status !== 0) {
    throw new Error(`beatline backup failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
  return JSON.parse(run.stdout) as CliBackup;
}

export type Damage = 'flipped' | 'truncated' | 'empty';

/**
 * Damages a library file the way disks and crashes do: 24 bytes flipped at the start of its
 * second page (a b-tree page header), cut short in the middle of a page, or emptied.
 */
export function damageLibrary(path: string, damage: Damage): Buffer {
  const bytes = Buffer.from(readFileSync(path));
  const raw = bytes.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  let damaged: Buffer;
  if (damage === 'empty') damaged = Buffer.alloc(0);
  else if (damage === 'truncated') {
    const pages = bytes.length / pageSize;
    damaged = bytes.subarray(0, Math.floor(pages / 2) * pageSize + 1000);
  } else {
    damaged = bytes;
    for (let i = pageSize; i < pageSize + 24; i += 1) damaged[i] = damaged[i]! ^ 0xff;
  }
  writeFileSync(path, damaged);
  return damaged;
}
