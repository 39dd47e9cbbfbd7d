import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
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
/** The address `npm start` prints once the browser host is up, and what it printed until then. */
function runningAt(child: ChildProcess): Promise<{ url: string; stdout: string }> {
  let stdout = '';
  return new Promise((done, fail) => {
    child.stdout!.on('data', (c: Buffer) => {
      stdout += c.toString();
      const m = /Beatline is running at (\S+)/.exec(stdout);
      if (m?.[1]) done({ url: m[1], stdout });
    });
    child.on('exit', () => fail(new Error(`npm start exited early: ${stdout}`)));
  });
}

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
  it('says so in one line and serves the app in the browser host instead, on the default library', async () => {
    dir = mkdtempSync(join(tmpdir(), 'beatline-start-'));
    // No --db: the default library, in a home folder of the test's own (Linux's place for it).
    const env: NodeJS.ProcessEnv = { ...process.env, DISPLAY: '', HOME: dir };
    env.XDG_CONFIG_HOME = join(dir, '.config');
    delete env.BEATLINE_DB;
    const child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs'), '--port', '0'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env,
    });
    const exited = new Promise<void>((done) => child.on('exit', () => done()));
    const { url, stdout } = await runningAt(child);
    try {
      expect(stdout.split('\n')[0]).toMatch(/^Electron is not installed here .* in your browser/);
      const page = await fetch(url.replace(/#.*/, ''));
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      if (process.platform === 'linux') {
        expect(existsSync(join(dir, '.config', 'Beatline', 'beatline.db'))).toBe(true);
      }
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }, 60_000);
});

describe.skipIf(electronInstalled || !built || process.platform !== 'linux')(
  'npm start without the Electron binary, with a display',
  () => {
    it('opens the printed address in the system browser (xdg-open)', async () => {
      dir = mkdtempSync(join(tmpdir(), 'beatline-start-'));
      // A stand-in for xdg-open that writes down what it was asked to open.
      const bin = join(dir, 'bin');
      const opened = join(dir, 'opened.txt');
      mkdirSync(bin);
      writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s' "$1" > '${opened}'\n`, {
        mode: 0o755,
      });
      const child = spawn(
        process.execPath,
        [join(root, 'scripts', 'start.mjs'), '--db', join(dir, 'lib.db'), '--port', '0'],
        {
          cwd: root,
          stdio: ['ignore', 'pipe', 'pipe'],
          env: { ...process.env, DISPLAY: ':99', PATH: `${bin}:${process.env.PATH ?? ''}` },
        },
      );
      const exited = new Promise<void>((done) => child.on('exit', () => done()));
      const { url } = await runningAt(child);
      try {
        await expect
          .poll(() => (existsSync(opened) ? readFileSync(opened, 'utf8') : ''), { timeout: 20_000 })
          .toBe(url);
      } finally {
        child.kill('SIGTERM');
        await exited;
      }
    }, 60_000);
  },
);

describe('npm install has nothing to ask a newcomer', () => {
  it('every package with an install script in the lockfile is decided in allowScripts', () => {
    // npm 11 warns about install scripts "not yet covered by allowScripts": a warning no writer
    // can act on. A new dependency with one must be decided in package.json, with a reason.
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      allowScripts?: Record<string, boolean>;
    };
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { hasInstallScript?: boolean }>;
    };
    const withScripts = Object.entries(lock.packages)
      .filter(([path, p]) => path !== '' && p.hasInstallScript)
      .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect(withScripts.length).toBeGreaterThan(0);
    const undecided = withScripts.filter((name) => typeof pkg.allowScripts?.[name] !== 'boolean');
    expect(undecided, 'add them to "allowScripts" in package.json').toEqual([]);
  });
});
