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

/** A backup file found by its name, before it is opened. */
export interface BackupEntry {
  id: string;
  path: string;
  kind: BackupInfo['kind'];
  createdAt: string;
}

/**
 * The backup files of a library, newest first, by name only: the files in its backups folder
 * and the pre-migration backups beside it. Files not named like Beatline backups are ignored.
 */
export function scanBackupFiles(libraryPath: string): BackupEntry[] {
  const found: BackupEntry[] = [];
  const scan = (dir: string, inFolder: boolean) => {
    for (const name of filesIn(dir)) {
      const parsed = parseBackupName(libraryPath, name, inFolder);
      if (parsed) found.push({ id: name, path: join(dir, name), ...parsed });
    }
  };
  scan(backupsDirFor(libraryPath), true);
  scan(dirname(libraryPath), false);
  return found.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
}

function describeEntry(entry: BackupEntry): BackupFile | null {
  try {
    if (!statSync(entry.path).isFile()) return null;
    return { path: entry.path, info: describeBackupFile(entry.path, entry.id, entry) };
  } catch {
    return null; // Removed while listing (retention in another process).
  }
}

/** Every backup of a library with its size and counts, newest first. */
export function listBackupFiles(libraryPath: string): BackupFile[] {
  return scanBackupFiles(libraryPath)
    .map(describeEntry)
    .filter((b): b is BackupFile => b !== null);
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
  const entry = scanBackupFiles(libraryPath).find((b) => b.id === id);
  return entry ? describeEntry(entry) : null;
}

/**
 * A fingerprint of a library's backup files (names, sizes, change times): it changes whenever a
 * backup is added, removed or rewritten, and costs one folder listing and a stat per file.
 */
export function backupListSignature(libraryPath: string): string {
  return scanBackupFiles(libraryPath)
    .map((entry) => {
      try {
        const stat = statSync(entry.path);
        return `${entry.id}:${stat.size}:${Math.trunc(stat.mtimeMs)}:${stat.ino}`;
      } catch {
        return `${entry.id}:gone`;
      }
    })
    .join('|');
}
