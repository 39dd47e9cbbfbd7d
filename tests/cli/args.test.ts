import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../electron/cli/args';
import { COMMANDS } from '../../electron/cli/commands';

const parse = (...argv: string[]) => parseCommandLine(argv, COMMANDS);

describe('beatline argument parsing', () => {
  it('finds the command, --db in both spellings and its flags', () => {
    expect(parse('list', '--db', 'a.db', '--json')).toMatchObject({
      kind: 'run',
      command: { name: 'list' },
      db: 'a.db',
      flags: { json: true },
    });
    expect(parse('check', '--db=b.db')).toMatchObject({ kind: 'run', db: 'b.db', flags: {} });
    expect(parse('migrate')).toMatchObject({ kind: 'run', db: undefined });
  });

  it('answers help in every spelling', () => {
    expect(parse('--help')).toEqual({ kind: 'help' });
    expect(parse('-h')).toEqual({ kind: 'help' });
    expect(parse('help')).toEqual({ kind: 'help' });
    expect(parse('help', 'list')).toMatchObject({ kind: 'help', command: { name: 'list' } });
    expect(parse('list', '--help')).toMatchObject({ kind: 'help', command: { name: 'list' } });
  });

  it.each([
    [[]],
    [['frobnicate']],
    [['--db', 'x.db', 'list']],
    [['list', '--nope']],
    [['list', '--db']],
    [['list', '--db', '--json']],
    [['list', '--db=']],
    [['list', 'extra']],
    [['list', '--json=yes']],
    [['help', 'frobnicate']],
  ])('refuses %j as a usage error', (argv) => {
    expect(parseCommandLine(argv, COMMANDS).kind).toBe('usage_error');
  });

  it('has one command per name, each with a summary', () => {
    const names = COMMANDS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['migrate', 'list', 'check']));
    for (const c of COMMANDS) expect(c.summary.length).toBeGreaterThan(0);
  });
});
