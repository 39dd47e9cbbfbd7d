#!/usr/bin/env node
// `npm run web -- [--db FILE] [--port N]`: builds the renderer if needed, then serves it and
// the channel API on 127.0.0.1 (electron/web/cli.ts) until Ctrl+C.
import './require-node.mjs';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { register } from 'tsx/esm/api';

const root = resolve(import.meta.dirname, '..');
const wantsHelp = process.argv.slice(2).some((a) => a === '--help' || a === '-h');

if (!wantsHelp && !existsSync(join(root, 'out', 'renderer', 'index.html'))) {
  process.stderr.write('Building the renderer (out/renderer is missing)...\n');
  // Build output goes to stderr so stdout carries only the "running at" line.
  const build = spawnSync('npx', ['electron-vite', 'build'], {
    cwd: root,
    stdio: ['ignore', process.stderr, process.stderr],
    shell: process.platform === 'win32',
  });
  if (build.status !== 0 || !existsSync(join(root, 'out', 'renderer', 'index.html'))) {
    process.stderr.write('The renderer build failed; see the output above.\n');
    process.exit(1);
  }
}

register();
const { runWebCli } = await import('../electron/web/cli.ts');
process.exitCode = await runWebCli(process.argv.slice(2));
