/**
 * The command-line switches that open the app to a debugger: Chromium's DevTools server
 * (`--remote-debugging-port`, `--remote-debugging-pipe`) and Node's inspector (`--inspect`,
 * `--inspect-brk`, `--inspect-port`, ...). A packaged app refuses to start with any of them
 * (the `EnableNodeCliInspectArguments` fuse turns Node's off in the binary too; Chromium's have
 * no fuse). Plain Node, tested without Electron.
 */
const DEBUG_SWITCH = /^(remote-debugging-|inspect)/;

/**
 * The debugging switches in `argv`, as given (Chromium also reads `-switch`, and `/switch` on
 * Windows; any case counts). Arguments after `--` are not switches.
 */
export function debuggingSwitches(
  argv: readonly string[],
  platform: NodeJS.Platform = process.platform,
): string[] {
  const found: string[] = [];
  for (const arg of argv) {
    if (arg === '--') break;
    const match = /^(?:--?|\/)([^=]+)/.exec(arg);
    if (!match || (arg.startsWith('/') && platform !== 'win32')) continue;
    if (DEBUG_SWITCH.test(match[1]!.toLowerCase())) found.push(arg);
  }
  return found;
}

/** The same switches as Chromium parsed them (`app.commandLine.hasSwitch`), by name. */
export const DEBUG_SWITCH_NAMES = [
  'remote-debugging-port',
  'remote-debugging-pipe',
  'remote-debugging-address',
  'inspect',
  'inspect-brk',
  'inspect-port',
  'inspect-brk-node',
] as const;
