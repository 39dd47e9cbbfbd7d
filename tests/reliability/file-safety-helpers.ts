import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** True when this process can mount file systems (root, outside a container that forbids it). */
export const isRoot = process.getuid?.() === 0 && canMountTmpfs();

function canMountTmpfs(): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'beatline-mount-probe-'));
  try {
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir]).status !== 0) {
      return false;
    }
    spawnSync('umount', ['-l', dir]);
    return true;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** True when `strace` can be run here. */
export const hasStrace = spawnSync('strace', ['-V']).status === 0;

/** A small tmpfs (a real full disk) at a new temp folder; `unmount` removes it. */
export function mountTmpfs(sizeMb: number): { dir: string; unmount(): void; readOnly(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'beatline-tmpfs-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir]);
  return {
    dir,
    readOnly: () => execFileSync('mount', ['-o', 'remount,ro', dir]),
    unmount() {
      // Lazily: a closed SQLite handle awaiting garbage collection may still hold a descriptor.
      spawnSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Makes one file read-only in place with a read-only bind mount over it (root only). */
export function bindReadOnly(file: string): () => void {
  execFileSync('mount', ['--bind', file, file]);
  execFileSync('mount', ['-o', 'remount,bind,ro', file]);
  return () => void spawnSync('umount', ['-l', file]);
}

/** A `.beatline.json` story file of `events` events of `beats` beats of `chars` characters. */
export function writeStoryFile(
  path: string,
  shape: { events: number; beats: number; chars: number },
): void {
  const at = '2026-01-01T00:00:00.000Z';
  const events = Array.from({ length: shape.events }, (_, e) => ({
    id: randomUUID(),
    title: `Event ${e}`,
    description: '',
    createdAt: at,
    updatedAt: at,
    moments: Array.from({ length: shape.beats }, (_, b) => ({
      id: randomUUID(),
      sequence_index: b,
      beat_description: `${e}.${b} `.padEnd(shape.chars, 'x'),
      timestamp_offset: null,
      createdAt: at,
      updatedAt: at,
    })),
  }));
  const doc = {
    format: 'beatline-story',
    version: 1,
    exportedAt: at,
    story: { id: randomUUID(), title: 'Big story', createdAt: at, updatedAt: at, events },
  };
  writeFileSync(path, JSON.stringify(doc));
}

/** Another application's SQLite file at `path`, built with `sql` (optionally in WAL mode). */
export function foreignDatabase(path: string, sql: string, wal = false): void {
  const db = new Database(path);
  if (wal) db.pragma('journal_mode = WAL');
  db.exec(sql);
  db.close();
}

/** A fresh folder under the system temp folder. */
export function freshDir(prefix = 'beatline-safety-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(dir, { recursive: true });
  return dir;
}
