import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { storyTitles } from './helpers';

const root = resolve(import.meta.dirname, '..', '..');
const built = existsSync(join(root, 'out', 'renderer', 'index.html'));
let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// `npm run web` builds the renderer when out/renderer is missing; these tests do not start a
// build of their own (other suites share out/), so they need it built already.
describe.skipIf(!built)('npm run web (scripts/web.mjs)', () => {
  it('prints the URL line, serves the real renderer and the API, and stops on SIGTERM', async () => {
    dir = mkdtempSync(join(tmpdir(), 'beatline-webscript-'));
    const dbPath = join(dir, 'lib.db');
    const child = spawn(process.execPath, [join(root, 'scripts', 'web.mjs'), '--db', dbPath], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const line = await new Promise<string>((done, fail) => {
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
        if (stdout.includes('\n')) done(stdout.split('\n')[0] ?? '');
      });
      child.on('exit', () => fail(new Error(`web host exited early: ${stderr}`)));
    });
    const match =
      /^Beatline is running at http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]{43})$/.exec(line);
    expect(match, line).not.toBeNull();
    const [, port, token] = match ?? [];
    const base = `http://127.0.0.1:${port}`;

    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const script = /src="\.?\/?(assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const js = await fetch(`${base}/${script}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');

    const created = await fetch(`${base}/api/stories:create`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Beatline-Token': token ?? '' },
      body: JSON.stringify({ title: 'From the browser host' }),
    });
    expect(await created.json()).toMatchObject({ ok: true });

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(storyTitles(dbPath)).toEqual(['From the browser host']);
    expect(readdirSync(dir).sort()).toEqual(['lib.db']);
  });

  it('exits 2 with usage for a bad argument', async () => {
    const child = spawn(process.execPath, [join(root, 'scripts', 'web.mjs'), '--nope'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((done) => child.on('exit', done));
    expect(code).toBe(2);
    expect(stderr).toContain('Usage: npm run web');
  });
});
