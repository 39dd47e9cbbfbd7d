import { parseArgs } from 'node:util';
import { undecodableName } from '../core/db/paths';
import type { Command, CommandFlags } from './command';

export type ParsedCommandLine =
  | { kind: 'help'; command?: Command }
  | {
      kind: 'run';
      command: Command;
      db: string | undefined;
      flags: CommandFlags;
      operands: string[];
    }
  | { kind: 'usage_error'; message: string; command?: Command };

const HELP_WORDS = new Set(['help', '--help', '-h']);

/**
 * Splits `beatline <command> [options]` into the command and its flags. Never throws: bad
 * arguments (unknown command or flag, missing value, stray words) come back as `usage_error`.
 */
export function parseCommandLine(
  argv: readonly string[],
  commands: readonly Command[],
): ParsedCommandLine {
  const find = (name: string) => commands.find((c) => c.name === name);
  const [first, ...rest] = argv;
  if (first === undefined) return { kind: 'usage_error', message: 'no command given' };

  if (HELP_WORDS.has(first)) {
    if (rest.length === 0) return { kind: 'help' };
    const command = rest.length === 1 && rest[0] !== undefined ? find(rest[0]) : undefined;
    if (!command) {
      return { kind: 'usage_error', message: `no help for ${JSON.stringify(rest.join(' '))}` };
    }
    return { kind: 'help', command };
  }
  if (first.startsWith('-')) {
    return { kind: 'usage_error', message: `give the command before ${first}` };
  }
  const command = find(first);
  if (!command) return { kind: 'usage_error', message: `unknown command ${JSON.stringify(first)}` };

  let values: CommandFlags;
  let positionals: string[];
  const operandNames = command.operands ?? [];
  try {
    ({ values, positionals } = parseArgs({
      args: [...rest],
      options: {
        ...command.options,
        db: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: operandNames.length > 0,
    }) as { values: CommandFlags; positionals: string[] });
  } catch (error) {
    return { kind: 'usage_error', message: (error as Error).message, command };
  }
  if (values.help) return { kind: 'help', command };
  if (positionals.length < operandNames.length) {
    const missing = operandNames.slice(positionals.length).join(' ');
    return { kind: 'usage_error', message: `${command.name} needs ${missing}`, command };
  }
  if (positionals.length > operandNames.length) {
    const extra = JSON.stringify(positionals[operandNames.length]);
    return { kind: 'usage_error', message: `unexpected argument ${extra}`, command };
  }
  const db = values.db;
  const problem = fileNameProblem(values, operandNames, positionals);
  if (problem) return { kind: 'usage_error', message: problem, command };
  const flags = { ...values };
  delete flags.db;
  delete flags.help;
  return {
    kind: 'run',
    command,
    db: typeof db === 'string' ? db : undefined,
    flags,
    operands: positionals,
  };
}

/** The first file name (--db, --out, an operand) that is empty or cannot name a file, as a message. */
function fileNameProblem(
  values: CommandFlags,
  operandNames: readonly string[],
  positionals: readonly string[],
): string | null {
  if (values.db === '') return '--db needs a file name';
  const named: Array<[string, unknown]> = [
    ['--db', values.db],
    ['--out', values.out],
    ...operandNames.map((name, i): [string, unknown] => [name, positionals[i]]),
  ];
  for (const [what, name] of named) {
    const problem = typeof name === 'string' ? undecodableName(what, name) : null;
    if (problem) return problem;
  }
  return null;
}
