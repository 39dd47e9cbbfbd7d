import type { Command } from './command';

const COMMON_OPTIONS = [
  '  --db FILE    the library file (default: BEATLINE_DB, else the desktop app library)',
  '  -h, --help   show help',
];

/** The overall usage: every command with its summary. */
export function generalUsage(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length), 4);
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: beatline <command> [options]',
    '',
    'Commands:',
    ...lines,
    `  ${'help'.padEnd(width)}  show help for a command: beatline help <command>`,
    '',
    'Options for every command:',
    ...COMMON_OPTIONS,
    '',
    'Exit codes: 0 ok, 1 failed, 2 bad arguments.',
    '',
  ].join('\n');
}

/** The usage of one command. */
export function commandUsage(command: Command): string {
  return [
    `Usage: beatline ${[command.name, '[options]', ...(command.operands ?? [])].join(' ')}`,
    '',
    command.summary,
    '',
    'Options:',
    ...command.optionHelp,
    ...COMMON_OPTIONS,
    '',
  ].join('\n');
}
