// The app:// protocol without Electron: the pure path resolver refuses every way out of the
// built renderer, and the handler serves files with the production CSP and refuses the rest.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_INDEX_URL,
  APP_ORIGIN,
  createAppProtocolHandler,
  resolveAppPath,
} from '../../electron/main/app-protocol';
import { PRODUCTION_CSP } from '../../electron/main/csp';
import { tempDir } from '../helpers/temp';

const root = resolve('/opt/Beatline/out/renderer');

describe('resolveAppPath', () => {
  it('maps app://beatline paths to files under the renderer folder', () => {
    expect(resolveAppPath(root, APP_INDEX_URL)).toEqual({
      ok: true,
      path: join(root, 'index.html'),
    });
    expect(resolveAppPath(root, `${APP_ORIGIN}/`)).toEqual({
      ok: true,
      path: join(root, 'index.html'),
    });
    expect(resolveAppPath(root, `${APP_ORIGIN}`)).toEqual({
      ok: true,
      path: join(root, 'index.html'),
    });
    expect(resolveAppPath(root, `${APP_ORIGIN}/assets/index-abc.js?v=1#x`)).toEqual({
      ok: true,
      path: join(root, 'assets', 'index-abc.js'),
    });
    expect(resolveAppPath(root, `${APP_ORIGIN}/assets/a%20b.css`)).toEqual({
      ok: true,
      path: join(root, 'assets', 'a b.css'),
    });
  });

  // The URL parser itself removes dot segments (also written %2e%2e) before the resolver sees
  // the path: whatever remains must still be inside the renderer folder.
  it.each([
    ['../', `${APP_ORIGIN}/../../../../etc/passwd`],
    ['../ inside', `${APP_ORIGIN}/assets/../../main/index.js`],
    ['%2e%2e', `${APP_ORIGIN}/%2e%2e/%2e%2e/etc/passwd`],
    ['.%2E', `${APP_ORIGIN}/.%2E/main/index.js`],
    ['./', `${APP_ORIGIN}/./index.html`],
  ])('keeps %s inside the renderer folder', (_name, url) => {
    const verdict = resolveAppPath(root, url);
    if (verdict.ok) expect(verdict.path.startsWith(root + '/')).toBe(true);
  });

  it.each([
    ['%2f', `${APP_ORIGIN}/..%2f..%2fmain%2findex.js`],
    ['%2F upper', `${APP_ORIGIN}/assets%2F..%2F..%2Fmain`],
    ['%5c', `${APP_ORIGIN}/..%5c..%5cmain%5cindex.js`],
    ['backslash', `${APP_ORIGIN}/..\\..\\main\\index.js`],
    ['absolute //', `${APP_ORIGIN}//etc/passwd`],
    ['absolute %2f', `${APP_ORIGIN}/%2fetc%2fpasswd`],
    ['drive letter', `${APP_ORIGIN}/C:/Windows/win.ini`],
    ['NUL', `${APP_ORIGIN}/index.html%00.js`],
    ['hidden file', `${APP_ORIGIN}/.env`],
    ['bad escape', `${APP_ORIGIN}/%E0%A4%A`],
    ['other host', 'app://evil/index.html'],
    ['host with port', 'app://beatline:8080/index.html'],
    ['other scheme', 'file:///opt/Beatline/out/renderer/index.html'],
    ['https', 'https://beatline/index.html'],
    ['not a URL', 'not a url'],
  ])('refuses %s', (_name, url) => {
    expect(resolveAppPath(root, url)).toMatchObject({ ok: false });
  });

  it('refuses every climbing, encoded-separator or absolute form outright', () => {
    for (const url of [
      `${APP_ORIGIN}/..%2fx`,
      `${APP_ORIGIN}/x%5c..%5cy`,
      `${APP_ORIGIN}//etc/passwd`,
      `${APP_ORIGIN}/a\\b`,
    ]) {
      expect(resolveAppPath(root, url).ok, url).toBe(false);
    }
  });
});

describe('createAppProtocolHandler', () => {
  function renderer() {
    const dir = tempDir();
    const out = join(dir, 'renderer');
    mkdirSync(join(out, 'assets'), { recursive: true });
    writeFileSync(join(out, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(out, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'outside');
    symlinkSync(join(dir, 'secret.txt'), join(out, 'assets', 'link.txt'));
    return { dir, out };
  }

  it('serves files with their type and the production CSP', async () => {
    const { out } = renderer();
    const handle = createAppProtocolHandler(out);
    const page = await handle({ url: APP_INDEX_URL, method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(PRODUCTION_CSP);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<div id="root">');
    const script = await handle({ url: `${APP_ORIGIN}/assets/app.js`, method: 'GET' });
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const head = await handle({ url: APP_INDEX_URL, method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('answers 404 for traversal, symlinks out, folders and missing files; 405 for writes', async () => {
    const { out } = renderer();
    const refused: string[] = [];
    const handle = createAppProtocolHandler(out, (m) => refused.push(m));
    for (const url of [
      `${APP_ORIGIN}/%2e%2e/secret.txt`,
      `${APP_ORIGIN}/..%2fsecret.txt`,
      `${APP_ORIGIN}/assets/link.txt`,
      `${APP_ORIGIN}/assets`,
      `${APP_ORIGIN}/nope.js`,
      'app://evil/index.html',
    ]) {
      const response = await handle({ url, method: 'GET' });
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('outside');
    }
    expect(refused).toHaveLength(2); // the encoded slash and the other host
    expect((await handle({ url: APP_INDEX_URL, method: 'POST' })).status).toBe(405);
  });
});
