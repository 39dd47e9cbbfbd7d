import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
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
