// scripts/install-electron.mjs (the postinstall) against fake electron packages: it must never
// fail the install, say so in exactly one line when it cannot download, and kill a hung download.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/built';

const script = join(repoRoot, 'scripts', 'install-electron.mjs');
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const NEEDED = 'the desktop app needs it; tests and the CLI work without it';

/** A fake electron package whose install.js runs `installBody` (CommonJS). */
function fakePackage(installBody: string | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'beatline-fake-electron-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'electron', version: '45.0.0' }));
  if (installBody !== null) {
    writeFileSync(
      join(dir, 'install.js'),
      `const fs = require('fs'); const path = require('path');\n` +
        `fs.writeFileSync(path.join(__dirname, 'ran'), String(process.pid));\n${installBody}\n`,
    );
  }
  return dir;
}

const INSTALL_OK = `
fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true });
fs.writeFileSync(path.join(__dirname, 'dist', 'electron'), 'binary');
fs.writeFileSync(path.join(__dirname, 'dist', 'version'), 'v45.0.0');
fs.writeFileSync(path.join(__dirname, 'path.txt'), 'electron');`;

function run(
  env: Record<string, string>,
): Promise<{ code: number | null; out: string; ms: number }> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  delete childEnv.CI;
  delete childEnv.BEATLINE_SKIP_ELECTRON_DOWNLOAD;
  Object.assign(childEnv, env);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { env: childEnv, cwd: repoRoot });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, ms: Date.now() - started }));
  });
}

function lines(out: string): string[] {
  return out.split('\n').filter((l) => l.trim() !== '');
}

describe('scripts/install-electron.mjs', () => {
  it('skips at once with BEATLINE_SKIP_ELECTRON_DOWNLOAD=1', async () => {
    const dir = fakePackage(INSTALL_OK);
    const r = await run({
      BEATLINE_SKIP_ELECTRON_DOWNLOAD: '1',
      BEATLINE_ELECTRON_PACKAGE_DIR: dir,
    });
    expect(r.code).toBe(0);
    expect(lines(r.out)).toEqual([
      expect.stringMatching(/^Electron download skipped \(BEATLINE_SKIP/),
    ]);
    expect(existsSync(join(dir, 'ran'))).toBe(false);
  });

  it('skips at once when CI is set', async () => {
    const dir = fakePackage(INSTALL_OK);
    const r = await run({ CI: 'true', BEATLINE_ELECTRON_PACKAGE_DIR: dir });
    expect(r.code).toBe(0);
    expect(lines(r.out)).toEqual([
      expect.stringMatching(/^Electron download skipped \(CI is set\)/),
    ]);
    expect(existsSync(join(dir, 'ran'))).toBe(false);
  });

  it('does nothing, quietly, when the binary is already installed', async () => {
    const dir = fakePackage('throw new Error("must not run");');
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'electron'), 'binary');
    writeFileSync(join(dir, 'dist', 'version'), 'v45.0.0');
    writeFileSync(join(dir, 'path.txt'), 'electron');
    const r = await run({ BEATLINE_ELECTRON_PACKAGE_DIR: dir });
    expect(r).toMatchObject({ code: 0, out: '' });
    expect(existsSync(join(dir, 'ran'))).toBe(false);
  });

  it('runs the installer when the binary is missing, and is quiet when it succeeds', async () => {
    const dir = fakePackage(INSTALL_OK);
    const r = await run({ BEATLINE_ELECTRON_PACKAGE_DIR: dir });
    expect(r).toMatchObject({ code: 0, out: '' });
    expect(existsSync(join(dir, 'ran'))).toBe(true);
  });

  it('prints exactly one clear line and exits 0 when the download fails', async () => {
    const dir = fakePackage(
      'console.error("RequestError: getaddrinfo ENOTFOUND github.com\\n    at stack lines"); process.exit(1);',
    );
    const r = await run({ BEATLINE_ELECTRON_PACKAGE_DIR: dir });
    expect(r.code).toBe(0);
    expect(lines(r.out)).toEqual([
      expect.stringMatching(
        /^Electron could not be downloaded \(install-electron exited with code 1: RequestError: getaddrinfo ENOTFOUND github\.com\)/,
      ),
    ]);
    expect(r.out).toContain(NEEDED);
  });

  it('kills a hung download after the timeout and still exits 0', async () => {
    const dir = fakePackage('setInterval(() => {}, 1000);');
    const r = await run({
      BEATLINE_ELECTRON_PACKAGE_DIR: dir,
      BEATLINE_ELECTRON_DOWNLOAD_TIMEOUT_MS: '1500',
    });
    expect(r.code).toBe(0);
    expect(r.ms).toBeLessThan(15_000);
    expect(lines(r.out)).toEqual([
      expect.stringMatching(/^Electron could not be downloaded \(timed out after 2 s\)/),
    ]);
    const pid = Number(readFileSync(join(dir, 'ran'), 'utf8'));
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    expect(alive()).toBe(false);
  });

  it('exits 0 when electron is not installed at all', async () => {
    const r = await run({ BEATLINE_ELECTRON_PACKAGE_DIR: join(tmpdir(), 'no-such-electron-dir') });
    expect(r.code).toBe(0);
    expect(lines(r.out)).toHaveLength(1);
    expect(r.out).toMatch(/^Electron is not installed/);
  });

  it('exits 0 when the package has no install.js', async () => {
    const dir = fakePackage(null);
    const r = await run({ BEATLINE_ELECTRON_PACKAGE_DIR: dir });
    expect(r.code).toBe(0);
    expect(lines(r.out)).toHaveLength(1);
    expect(r.out).toMatch(/^Electron could not be downloaded/);
  });
});
