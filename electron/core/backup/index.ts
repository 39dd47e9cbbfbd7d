export { BackupError, createBackup } from './create';
export { backupFilePath, findBackup, listBackupFiles, listBackups } from './list';
export type { BackupFile } from './list';
export { backupsDirFor, parseBackupName } from './names';
export { assertRestorable, restoreLibrary } from './restore';
export { RETENTION, ROTATED_KINDS, planRetention, pruneBackups } from './retention';
