#!/usr/bin/env node
// The `beatline` command: runs electron/cli/main.ts through tsx, exits with its code.
import '../scripts/require-node.mjs';
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
