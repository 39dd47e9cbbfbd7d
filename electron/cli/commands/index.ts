import type { Command } from '../command';
import { backupCommand } from './backup';
import { backupsCommand } from './backups';
import { restoreCommand } from './restore';
import { checkCommand } from './check';
import { duplicateCommand } from './duplicate';
import { exportCommand } from './export';
import { importCommand } from './import';
import { listCommand } from './list';
// The local API (issue 17).
import { mcpCommand } from './mcp';
import { migrateCommand } from './migrate';
import { storyCheckCommand } from './story-check';

/** Every `beatline` command, in the order help lists them. Add new commands here. */
export const COMMANDS: readonly Command[] = [
  migrateCommand,
  listCommand,
  checkCommand,
  backupCommand,
  backupsCommand,
  restoreCommand,
  exportCommand,
  importCommand,
  duplicateCommand,
  storyCheckCommand, // logic layer (issue 14)

  // The local API (issue 17).
  mcpCommand,
];
