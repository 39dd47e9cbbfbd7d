#!/usr/bin/env node
// The `beatline` command: runs electron/cli/main.ts through tsx, exits with its code.
import '../scripts/require-node.mjs';
import { register } from 'tsx/esm/api';

register();
// A reader that has gone (`beatline list | head -1`): the rest of the output is dropped and the
// command ends with its own exit code, as other command-line tools do; it died with an
// unhandled EPIPE and a stack trace (h78). Writes after that one fail the same way.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
});
const { main } = await import('../electron/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
