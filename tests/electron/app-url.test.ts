import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isAppUrl, originKey, rendererSource, rendererUrl } from '../../electron/main/app-url';

const mainDir = join('/opt', 'Beatline', 'out', 'main');
const rendererDir = join('/opt', 'Beatline', 'out', 'renderer');
const indexHtml = join(rendererDir, 'index.html');

describe('rendererSource', () => {
  it('loads the built renderer next to the main bundle through app://', () => {
    expect(rendererSource({ devUrl: undefined, isPackaged: false, mainDir })).toEqual({
      kind: 'app',
      url: 'app://beatline/index.html',
      root: rendererDir,
    });
  });

  it('uses the dev server URL only when unpackaged and http(s)', () => {
    const devUrl = 'http://localhost:5173/';
    expect(rendererSource({ devUrl, isPackaged: false, mainDir })).toEqual({
      kind: 'url',
      url: devUrl,
    });
    expect(rendererSource({ devUrl, isPackaged: true, mainDir }).kind).toBe('app');
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'not a url', '']) {
      expect(rendererSource({ devUrl: bad, isPackaged: false, mainDir }).kind, bad).toBe('app');
    }
  });

  it('gives the URL the window ends up at', () => {
    expect(rendererUrl({ kind: 'app', url: 'app://beatline/index.html', root: rendererDir })).toBe(
      'app://beatline/index.html',
    );
    expect(rendererUrl({ kind: 'url', url: 'http://localhost:5173/' })).toBe(
      'http://localhost:5173/',
    );
  });
});

describe('originKey and isAppUrl', () => {
  const fileApp = pathToFileURL(indexHtml).href;

  it('treats the built index.html (with any hash or query) as the app', () => {
    expect(isAppUrl(fileApp, fileApp)).toBe(true);
    expect(isAppUrl(`${fileApp}#/story/1`, fileApp)).toBe(true);
    expect(isAppUrl(`${fileApp}?x=1`, fileApp)).toBe(true);
  });

  it('does not treat other local files as the app (file: origins are opaque)', () => {
    expect(isAppUrl(pathToFileURL('/etc/passwd').href, fileApp)).toBe(false);
    expect(
      isAppUrl(pathToFileURL(join('/opt', 'Beatline', 'out', 'renderer', 'x.html')).href, fileApp),
    ).toBe(false);
    expect(isAppUrl('file://evil-host/opt/Beatline/out/renderer/index.html', fileApp)).toBe(false);
  });

  it('compares scheme, host and port for http(s) and custom schemes', () => {
    const dev = 'http://localhost:5173/';
    expect(isAppUrl('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAppUrl('https://localhost:5173/', dev)).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5173/', dev)).toBe(false);
    expect(isAppUrl('app://beatline/index.html', 'app://beatline/')).toBe(true);
    expect(isAppUrl('app://other/index.html', 'app://beatline/')).toBe(false);
  });

  it('refuses unparsable and host-less URLs', () => {
    for (const url of ['', 'not a url', 'about:blank', 'data:text/html,hi', 'javascript:1']) {
      expect(originKey(url), url).toBeNull();
      expect(isAppUrl(url, url), url).toBe(false);
    }
  });
});
