#!/usr/bin/env node
// Postinstall: fetches the Electron binary, which electron@42+ no longer downloads on install.
// It never fails the install: the database, the CLI, the browser host and the tests run without
// Electron, and machines without GitHub access (CI, sandboxes) cannot download it anyway.
//
// Skipped at once when BEATLINE_SKIP_ELECTRON_DOWNLOAD=1 or CI is set.
// BEATLINE_ELECTRON_DOWNLOAD_TIMEOUT_MS (default 60000) caps the download.
// BEATLINE_ELECTRON_PACKAGE_DIR points at another electron package (used by the tests).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const RETRY = 'retry with `npx install-electron`';
const NEEDED = 'the desktop app needs it; tests and the CLI work without it';

function isSet(value) {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/** The installed electron package's folder, or null when it is not installed. */
function electronPackageDir() {
  if (process.env.BEATLINE_ELECTRON_PACKAGE_DIR) {
    const dir = process.env.BEATLINE_ELECTRON_PACKAGE_DIR;
    return existsSync(join(dir, 'package.json')) ? dir : null;
  }
  try {
    // Resolving package.json does not run electron's index.js (which would start a download).
    const require = createRequire(join(import.meta.dirname, '..', 'package.json'));
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** True when dist/ holds the binary path.txt names, for this package's version. */
function binaryInstalled(dir) {
  try {
    const executable = readFileSync(join(dir, 'path.txt'), 'utf8').trim();
    const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const distVersion = readFileSync(join(dir, 'dist', 'version'), 'utf8')
      .trim()
      .replace(/^v/, '');
    return (
      executable !== '' && distVersion === version && existsSync(join(dir, 'dist', executable))
    );
  } catch {
    return false;
  }
}

/** Runs electron's install.js, killing it (and its process group) after `timeoutMs`. */
function runInstaller(script, timeoutMs) {
  return new Promise((resolve) => {
    let stderr = '';
    let settled = false;
    const finish = (outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...outcome, stderr });
    };
    const child = spawn(process.execPath, [script], {
      cwd: dirname(script),
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      if (stderr.length < 10_000) stderr += chunk;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (process.platform !== 'win32' && child.pid) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
      // Normally 'exit' follows at once (and reaps the child); do not wait on it for long.
      setTimeout(() => finish({ code: null, timedOut: true }), 5_000).unref();
    }, timeoutMs);
    child.on('error', (error) => finish({ code: null, timedOut: false, error }));
    child.on('exit', (code) => finish({ code, timedOut }));
  });
}

/** A short reason from the installer's output: its first line that names an error. */
function reasonFrom(result, timeoutMs) {
  if (result.timedOut) return `timed out after ${Math.round(timeoutMs / 1000)} s`;
  if (result.error) return result.error.message;
  const line = result.stderr
    .split('\n')
    .map((l) => l.trim())
    .find((l) => /error|ENOTFOUND|ECONN|EAI_AGAIN|ETIMEDOUT/i.test(l));
  const detail = line ? `: ${line.length > 120 ? `${line.slice(0, 117)}...` : line}` : '';
  return `install-electron exited with code ${result.code}${detail}`;
}

async function main() {
  if (isSet(process.env.BEATLINE_SKIP_ELECTRON_DOWNLOAD) || isSet(process.env.CI)) {
    const why = isSet(process.env.BEATLINE_SKIP_ELECTRON_DOWNLOAD)
      ? 'BEATLINE_SKIP_ELECTRON_DOWNLOAD=1'
      : 'CI is set';
    console.log(`Electron download skipped (${why}): ${NEEDED}; ${RETRY}.`);
    return;
  }
  const dir = electronPackageDir();
  if (!dir) {
    console.log(`Electron is not installed (no electron package): ${NEEDED}.`);
    return;
  }
  if (binaryInstalled(dir)) return;
  const script = join(dir, 'install.js');
  if (!existsSync(script)) {
    console.log(`Electron could not be downloaded (no install.js in ${dir}): ${NEEDED}.`);
    return;
  }
  const timeoutMs = Number(process.env.BEATLINE_ELECTRON_DOWNLOAD_TIMEOUT_MS) || 60_000;
  const result = await runInstaller(script, timeoutMs);
  if (result.code === 0 && binaryInstalled(dir)) return;
  const reason =
    result.code === 0
      ? 'the installer finished but no binary is in place'
      : reasonFrom(result, timeoutMs);
  console.log(`Electron could not be downloaded (${reason}): ${NEEDED}; ${RETRY}.`);
}

try {
  await main();
} catch (error) {
  console.log(
    `Electron could not be downloaded (${error instanceof Error ? error.message : String(error)}): ${NEEDED}; ${RETRY}.`,
  );
}
process.exit(0);
