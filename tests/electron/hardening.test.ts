import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { debuggingSwitches } from '../../electron/main/debug-switches';
import { denyAllPermissions, hardenWebContents } from '../../electron/main/hardening';

// Electron's types stay out of tests (importing 'electron' is banned here); take them from the
// functions under test.
type WebContents = Parameters<typeof hardenWebContents>[0];
type Session = Parameters<typeof denyAllPermissions>[0];

const appUrl = 'file:///opt/Beatline/out/renderer/index.html';

function fakeContents() {
  const contents = new EventEmitter() as EventEmitter & {
    openHandler?: (details: { url: string }) => unknown;
    setWindowOpenHandler(handler: (details: { url: string }) => unknown): void;
  };
  contents.setWindowOpenHandler = (handler) => {
    contents.openHandler = handler;
  };
  return contents;
}

function navigate(contents: EventEmitter, name: string, url: string): boolean {
  let prevented = false;
  contents.emit(name, { url, preventDefault: () => (prevented = true) }, url);
  return prevented;
}

describe('hardenWebContents', () => {
  it('denies every window.open', () => {
    const contents = fakeContents();
    const log = vi.fn();
    hardenWebContents(contents as unknown as WebContents, () => appUrl, log);
    expect(contents.openHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: appUrl })).toEqual({ action: 'deny' });
  });

  it('blocks navigation and redirects away from the app page only', () => {
    const contents = fakeContents();
    const log = vi.fn();
    hardenWebContents(contents as unknown as WebContents, () => appUrl, log);
    for (const name of ['will-navigate', 'will-redirect']) {
      expect(navigate(contents, name, 'https://evil.example/'), name).toBe(true);
      expect(navigate(contents, name, 'file:///etc/passwd'), name).toBe(true);
      expect(navigate(contents, name, `${appUrl}#/story`), name).toBe(false);
    }
    expect(log).toHaveBeenCalled();
    expect(log.mock.calls.flat().join('\n')).not.toMatch(/passwd/);
  });

  it('prevents <webview> attachment', () => {
    const contents = fakeContents();
    hardenWebContents(contents as unknown as WebContents, () => appUrl, vi.fn());
    expect(navigate(contents, 'will-attach-webview', 'about:blank')).toBe(true);
  });
});

describe('denyAllPermissions', () => {
  it('refuses permission requests and checks', () => {
    let request: ((wc: unknown, p: string, cb: (granted: boolean) => void) => void) | null = null;
    let check: ((wc: unknown, p: string) => boolean) | null = null;
    const session = {
      setPermissionRequestHandler: (h: typeof request) => (request = h),
      setPermissionCheckHandler: (h: typeof check) => (check = h),
    };
    denyAllPermissions(session as unknown as Session);
    const answers: boolean[] = [];
    for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation']) {
      request!({}, permission, (granted) => answers.push(granted));
      expect(check!({}, permission), permission).toBe(false);
    }
    expect(answers).toEqual([false, false, false, false]);
  });
});

describe('hardenWebContents and external links', () => {
  it('hands https: and mailto: links to openExternal and denies the window', () => {
    const contents = fakeContents();
    const opened: string[] = [];
    hardenWebContents(
      contents as unknown as WebContents,
      () => appUrl,
      vi.fn(),
      (url) => {
        opened.push(url);
      },
    );
    for (const url of [
      'https://example.com/guide',
      'mailto:writer@example.com',
      'http://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'https://user:pw@example.com/',
    ]) {
      expect(contents.openHandler?.({ url }), url).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://example.com/guide', 'mailto:writer@example.com']);
  });

  it('opens an https link the page navigates to outside, and keeps the page', () => {
    const contents = fakeContents();
    const opened: string[] = [];
    hardenWebContents(
      contents as unknown as WebContents,
      () => appUrl,
      vi.fn(),
      (url) => {
        opened.push(url);
      },
    );
    expect(navigate(contents, 'will-navigate', 'https://example.com/')).toBe(true);
    expect(navigate(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate(contents, 'will-redirect', 'https://example.com/other')).toBe(true);
    expect(opened).toEqual(['https://example.com/']);
  });

  it('keeps the app:// origin as home', () => {
    const contents = fakeContents();
    hardenWebContents(
      contents as unknown as WebContents,
      () => 'app://beatline/index.html',
      vi.fn(),
    );
    expect(navigate(contents, 'will-navigate', 'app://beatline/index.html#/story/1')).toBe(false);
    expect(navigate(contents, 'will-navigate', 'app://other/index.html')).toBe(true);
    expect(
      navigate(contents, 'will-navigate', 'file:///opt/Beatline/out/renderer/index.html'),
    ).toBe(true);
  });
});

describe('debuggingSwitches (refused by a packaged app)', () => {
  const exe = '/opt/Beatline/beatline';

  it.each([
    ['--remote-debugging-port=9222'],
    ['--remote-debugging-port', '9222'],
    ['--remote-debugging-pipe'],
    ['--remote-debugging-address=0.0.0.0'],
    ['-remote-debugging-port=9222'],
    ['--REMOTE-DEBUGGING-PORT=9222'],
    ['--inspect'],
    ['--inspect=9229'],
    ['--inspect-brk'],
    ['--inspect-brk=0.0.0.0:9229'],
    ['--inspect-port=9229'],
    ['--inspect-brk-node'],
  ])('finds %j', (...args) => {
    expect(debuggingSwitches([exe, ...args], 'linux')).toEqual([args[0]]);
  });

  it('finds /switch on Windows only', () => {
    expect(debuggingSwitches([exe, '/remote-debugging-port=9222'], 'win32')).toEqual([
      '/remote-debugging-port=9222',
    ]);
    expect(debuggingSwitches([exe, '/inspect/notes.db'], 'linux')).toEqual([]);
  });

  it('leaves ordinary arguments and anything after -- alone', () => {
    expect(
      debuggingSwitches([exe, '--db', '/home/me/inspect.db', '--db=--inspect.db'], 'linux'),
    ).toEqual([]);
    expect(debuggingSwitches([exe, '--', '--inspect'], 'linux')).toEqual([]);
    expect(debuggingSwitches([exe], 'linux')).toEqual([]);
  });
});
