import type { ParseArgsOptionsConfig } from 'node:util';
import type { Io } from './io';

/** The parsed flags of one command (beyond --db and --help). */
export type CommandFlags = Record<string, string | boolean | undefined>;

export interface CommandContext {
  /** The library file, already resolved (--db, else BEATLINE_DB, else the app's default). */
  dbPath: string;
  flags: CommandFlags;
  /** The command's operands in the order `Command.operands` names them. */
  operands: string[];
  io: Io;
}

/** One `beatline <name>` command. Each lives in its own file under commands/. */
export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Flags this command takes besides --db and --help (node:util parseArgs config). */
  options: ParseArgsOptionsConfig;
  /** Required words after the options, by name (e.g. `['BACKUP']`); none when omitted. */
  operands?: string[];
  /** Help lines for those flags, e.g. `  --json   print JSON`. */
  optionHelp: string[];
  /** Runs the command; resolves with the exit code. Throws for failures (exit 1). */
  run(ctx: CommandContext): Promise<number> | number;
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
