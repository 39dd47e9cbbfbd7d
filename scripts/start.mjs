#!/usr/bin/env node
// `npm start`: the desktop app where the Electron binary is installed; elsewhere one line
// saying so, then the same app in the browser (the browser host on the default library),
// opened in the system browser where there is a display.
import './require-node.mjs';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);

/** The Electron executable named by node_modules/electron/path.txt, if it is on disk. */
function electronBinary() {
  const dir = join(root, 'node_modules', 'electron');
  try {
    const binary = join(dir, 'dist', readFileSync(join(dir, 'path.txt'), 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function hasDisplay() {
  if (process.platform === 'darwin' || process.platform === 'win32') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

function openInBrowser(url) {
  const [command, commandArgs] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  const child = spawn(command, commandArgs, { stdio: 'ignore', detached: true });
  child.on('error', () => {}); // no opener: the address printed above is enough
  child.unref();
}

function run(command, commandArgs, onLine) {
  const child = spawn(command, commandArgs, {
    cwd: root,
    stdio: ['inherit', onLine ? 'pipe' : 'inherit', 'inherit'],
    shell: process.platform === 'win32',
  });
  if (onLine) {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      for (const line of chunk.split('\n')) onLine(line);
    });
  }
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (electronBinary()) {
  run(join(root, 'node_modules', '.bin', 'electron-vite'), ['preview', ...args]);
} else {
  process.stdout.write(
    'Electron is not installed here (`npx install-electron` fetches it where GitHub is ' +
      'reachable), so Beatline opens in your browser instead.\n',
  );
  let opened = false;
  run(process.execPath, [join(root, 'scripts', 'web.mjs'), ...args], (line) => {
    const url = /^Beatline is running at (\S+)/.exec(line)?.[1];
    if (url && !opened && hasDisplay()) {
      opened = true;
      openInBrowser(url);
    }
  });
}
