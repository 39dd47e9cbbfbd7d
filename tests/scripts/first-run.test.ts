import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');
const built = existsSync(join(root, 'out', 'renderer', 'index.html'));
const electronInstalled = existsSync(join(root, 'node_modules', 'electron', 'dist'));

/** A Node older than the project needs, when the machine has one (Debian's Node 20 here). */
function oldNode(): string | null {
  for (const candidate of ['/usr/bin/node', '/usr/local/bin/node']) {
    if (!existsSync(candidate)) continue;
    const v = spawnSync(candidate, ['-p', 'process.versions.node'], { encoding: 'utf8' });
    const [major = 0, minor = 0] = v.stdout.trim().split('.').map(Number);
    if (v.status === 0 && (major < 22 || (major === 22 && minor < 14))) return candidate;
  }
  return null;
}
const OLD_NODE = oldNode();

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

describe.skipIf(!OLD_NODE)(`an old Node (${OLD_NODE ?? 'none on this machine'})`, () => {
  const NEEDS = /Beatline needs Node\.js 22\.14 or newer .*this is Node \d+\./;
  it.each([
    ['the CLI', ['bin/beatline.mjs', 'list', '--db', '/nonexistent/x.db']],
    ['the browser host', ['scripts/web.mjs', '--help']],
    ['the test runner', ['scripts/run-tests.mjs']],
    ['npm start', ['scripts/start.mjs']],
  ])('%s says which Node it needs instead of crashing', (_name, args) => {
    const run = spawnSync(OLD_NODE ?? '', args, { cwd: root, encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(NEEDS);
  });

  it('npm install refuses with the version needed and the one found (engine-strict)', () => {
    dir = mkdtempSync(join(tmpdir(), 'beatline-engines-'));
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      engines: unknown;
    };
    // The project's own engines and .npmrc, without dependencies: the check comes first.
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x', engines: pkg.engines }));
    copyFileSync(join(root, '.npmrc'), join(dir, '.npmrc'));
    // npm itself runs on the old Node: its directory comes first on PATH.
    const run = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, PATH: `${dirname(OLD_NODE ?? '')}:${process.env.PATH}` },
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('EBADENGINE');
    expect(run.stderr).toMatch(/Required: \{"node":">=22\.14"\}/);
  });
});

describe.skipIf(electronInstalled || !built)('npm start without the Electron binary', () => {
  it('says so in one line and serves the app in the browser host instead', async () => {
    dir = mkdtempSync(join(tmpdir(), 'beatline-start-'));
    const dbPath = join(dir, 'lib.db');
    const child = spawn(
      process.execPath,
      [join(root, 'scripts', 'start.mjs'), '--db', dbPath, '--port', '0'],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DISPLAY: '' } },
    );
    let stdout = '';
    const exited = new Promise<void>((done) => child.on('exit', () => done()));
    const url = await new Promise<string>((done, fail) => {
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
        const m = /Beatline is running at (\S+)/.exec(stdout);
        if (m?.[1]) done(m[1]);
      });
      child.on('exit', () => fail(new Error(`npm start exited early: ${stdout}`)));
    });
    try {
      expect(stdout.split('\n')[0]).toMatch(/^Electron is not installed here .* in your browser/);
      const page = await fetch(url.replace(/#.*/, ''));
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }, 60_000);
});
