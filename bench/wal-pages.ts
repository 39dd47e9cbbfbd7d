import { readFileSync } from 'node:fs';
import type { DatabaseHandle } from '../electron/core/db/open';

/** WAL frames written since the log was last emptied, counted by the B-tree each page is in. */
export interface WalPages {
  /** Frames in the log: pages written, a page written by two commits counted twice. */
  frames: number;
  commits: number;
  /** Frames by table or index name; '(page 1)' for the file header, '(free)' for free pages. */
  byTree: Map<string, number>;
}

/**
 * Reads the `-wal` file of `db` (at `walPath`) and names the B-tree each frame's page belongs to
 * now (SQLite's dbstat). Call after emptying the log (`PRAGMA wal_checkpoint(TRUNCATE)`) and a
 * run of writes with no checkpoint between them: then every frame is a page those writes wrote.
 */
export function walPages(db: DatabaseHandle, walPath: string): WalPages {
  const wal = readFileSync(walPath);
  const owners = new Map<number, string>();
  for (const r of db.prepare('SELECT name, pageno FROM dbstat').all() as Array<{
    name: string;
    pageno: number;
  }>) {
    owners.set(r.pageno, r.name);
  }
  owners.set(1, '(page 1)');
  const byTree = new Map<string, number>();
  let frames = 0;
  let commits = 0;
  if (wal.length >= 32) {
    const pageSize = wal.readUInt32BE(8);
    for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
      const tree = owners.get(wal.readUInt32BE(at)) ?? '(free)';
      byTree.set(tree, (byTree.get(tree) ?? 0) + 1);
      frames++;
      if (wal.readUInt32BE(at + 4) !== 0) commits++;
    }
  }
  return { frames, commits, byTree };
}
