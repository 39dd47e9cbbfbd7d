import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BackupInfo } from '../contract/outputs';
import { backupsDirFor, parseBackupName } from './names';
import { countLibrary, openForReading } from './read';

/** A backup with the file behind it (the path never leaves the Node side). */
export interface BackupFile {
  info: BackupInfo;
  path: string;
}

function filesIn(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Time, size, schema version and counts of one backup file. */
export function describeBackupFile(
  path: string,
  id: string,
  parsed: Pick<BackupInfo, 'kind' | 'createdAt'>,
): BackupInfo {
  const sizeBytes = statSync(path).size;
  const base: BackupInfo = {
    id,
    createdAt: parsed.createdAt,
    kind: parsed.kind,
    sizeBytes,
    readable: false,
    schemaVersion: null,
    storyCount: null,
    eventCount: null,
    beatCount: null,
  };
  try {
    const db = openForReading(path);
    try {
      return { ...base, readable: true, ...countLibrary(db) };
    } finally {
      db.close();
    }
  } catch {
    return base;
  }
}

/**
 * Every backup of a library, newest first: the files in its backups folder and the
 * pre-migration backups beside it. Files not named like Beatline backups are ignored.
 */
export function listBackupFiles(libraryPath: string): BackupFile[] {
  const found: BackupFile[] = [];
  const scan = (dir: string, inFolder: boolean) => {
    for (const name of filesIn(dir)) {
      const parsed = parseBackupName(libraryPath, name, inFolder);
      if (!parsed) continue;
      const path = join(dir, name);
      try {
        if (!statSync(path).isFile()) continue;
        found.push({ info: describeBackupFile(path, name, parsed), path });
      } catch {
        // Removed while listing (retention in another process): skip it.
      }
    }
  };
  scan(backupsDirFor(libraryPath), true);
  scan(dirname(libraryPath), false);
  return found.sort(
    (a, b) =>
      b.info.createdAt.localeCompare(a.info.createdAt) || b.info.id.localeCompare(a.info.id),
  );
}

/** The backups of a library as the Backups screen shows them, newest first. */
export function listBackups(libraryPath: string): BackupInfo[] {
  return listBackupFiles(libraryPath).map((b) => b.info);
}

/** The file behind a listed backup. */
export function backupFilePath(libraryPath: string, backup: Pick<BackupInfo, 'id' | 'kind'>) {
  const dir = backup.kind === 'pre-migration' ? dirname(libraryPath) : backupsDirFor(libraryPath);
  return join(dir, backup.id);
}

/** A backup by id, only if it is one of this library's listed backups (ids are never paths). */
export function findBackup(libraryPath: string, id: string): BackupFile | null {
  return listBackupFiles(libraryPath).find((b) => b.info.id === id) ?? null;
}
