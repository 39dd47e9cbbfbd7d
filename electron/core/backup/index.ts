export { BACKUP_INTERVAL_MS, openLibraryHost } from './library-host';
export type { LibraryHost, LibraryHostOptions, Timers } from './library-host';
export { BackupError, createBackup } from './create';
export { backupFilePath, findBackup, listBackupFiles, listBackups } from './list';
export type { BackupFile } from './list';
export { backupsDirFor, parseBackupName } from './names';
export { assertRestorable, restoreLibrary } from './restore';
export { RETENTION, ROTATED_KINDS, planRetention, pruneBackups } from './retention';
