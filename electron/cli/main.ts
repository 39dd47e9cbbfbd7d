import { resolve } from 'node:path';
import { resolveDatabasePath, undecodableName } from '../core/db/paths';
import { parseCommandLine } from './args';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './command';
import { COMMANDS } from './commands';
import { storageFailure } from '../core/handlers/dispatch';
import { errorLine } from './errors';
import { processIo, printable } from './io';
import type { Io } from './io';
import { commandUsage, generalUsage } from './usage';

/**
 * Runs `beatline <command> [options]` and resolves with the exit code: 0 ok, 1 failed (one line
 * on stderr), 2 bad arguments (usage on stderr).
 */
export async function main(
  argv: readonly string[],
  io: Io = processIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const parsed = parseCommandLine(argv, COMMANDS);
  if (parsed.kind === 'help') {
    io.out(parsed.command ? commandUsage(parsed.command) : generalUsage(COMMANDS));
    return EXIT_OK;
  }
  if (parsed.kind === 'usage_error') {
    const usage = parsed.command ? commandUsage(parsed.command) : generalUsage(COMMANDS);
    io.err(`beatline: ${printable(parsed.message)}\n\n${usage}`);
    return EXIT_USAGE;
  }
  // (--db is checked with the other arguments.)
  const envProblem = parsed.db ? null : undecodableName('BEATLINE_DB', env.BEATLINE_DB ?? '');
  if (envProblem) {
    io.err(`beatline: ${printable(envProblem)}\n\n${commandUsage(parsed.command)}`);
    return EXIT_USAGE;
  }
  const dbPath = parsed.db ? resolve(parsed.db) : resolveDatabasePath({ env });
  try {
    return await parsed.command.run({
      dbPath,
      flags: parsed.flags,
      operands: parsed.operands,
      io,
    });
  } catch (error) {
    // A full disk or a read-only file gets its own sentence, not SQLite's code.
    const line = storageFailure(error) ?? errorLine(error);
    io.err(`beatline ${parsed.command.name}: ${printable(line)}\n`);
    return EXIT_FAILURE;
  }
}
