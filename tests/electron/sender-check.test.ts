import { describe, expect, it } from 'vitest';
import { checkSender } from '../../electron/main/sender-check';
import type { FrameLike } from '../../electron/main/sender-check';

const appUrl = 'file:///opt/Beatline/out/renderer/index.html';

function appWindow(url = appUrl) {
  const mainFrame: { url: string; parent: FrameLike | null } = { url, parent: null };
  const webContents = { mainFrame };
  return { webContents };
}

describe('checkSender', () => {
  it("accepts the app window's main frame on the app's page", () => {
    const win = appWindow();
    const event = { senderFrame: win.webContents.mainFrame, sender: win.webContents };
    expect(checkSender(event, win, appUrl)).toEqual({ ok: true });
    expect(
      checkSender({ ...event, senderFrame: { ...win.webContents.mainFrame } }, win, appUrl),
    ).toEqual({ ok: true });
  });

  it('refuses a missing frame', () => {
    const win = appWindow();
    expect(checkSender({ senderFrame: null, sender: win.webContents }, win, appUrl)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/gone/),
    });
  });

  it('refuses calls while no window is open', () => {
    const win = appWindow();
    const event = { senderFrame: win.webContents.mainFrame, sender: win.webContents };
    expect(checkSender(event, null, appUrl).ok).toBe(false);
  });

  it('refuses a subframe, even on the app page', () => {
    const win = appWindow();
    const subframe = { url: appUrl, parent: win.webContents.mainFrame };
    expect(
      checkSender({ senderFrame: subframe, sender: win.webContents }, win, appUrl),
    ).toMatchObject({ ok: false, reason: expect.stringMatching(/subframe/) });
  });

  it('refuses the main frame of another web contents', () => {
    const win = appWindow();
    const other = appWindow();
    const event = { senderFrame: other.webContents.mainFrame, sender: other.webContents };
    expect(checkSender(event, win, appUrl).ok).toBe(false);
    expect(checkSender({ senderFrame: other.webContents.mainFrame }, win, appUrl).ok).toBe(false);
  });

  it('refuses the main frame when it shows another page', () => {
    for (const url of [
      'https://evil.example/',
      'file:///tmp/evil.html',
      'http://localhost:5173/',
      'about:blank',
      '',
    ]) {
      const win = appWindow(url);
      const event = { senderFrame: win.webContents.mainFrame, sender: win.webContents };
      expect(checkSender(event, win, appUrl), url).toMatchObject({ ok: false });
    }
  });

  it('accepts the dev server origin in development', () => {
    const dev = 'http://localhost:5173/';
    const win = appWindow('http://localhost:5173/#/story');
    const event = { senderFrame: win.webContents.mainFrame, sender: win.webContents };
    expect(checkSender(event, win, dev)).toEqual({ ok: true });
  });
});

describe('checkSender with the app:// origin', () => {
  const appUrl = 'app://beatline/index.html';

  it('accepts the main frame anywhere on app://beatline', () => {
    for (const url of [appUrl, 'app://beatline/index.html#/story/1', 'app://beatline/']) {
      const win = appWindow(url);
      const event = { senderFrame: win.webContents.mainFrame, sender: win.webContents };
      expect(checkSender(event, win, appUrl), url).toEqual({ ok: true });
    }
  });

  it('refuses other app:// hosts, the old file: page, and look-alikes', () => {
    for (const url of [
      'app://evil/index.html',
      'app://beatline.evil/index.html',
      'file:///opt/Beatline/out/renderer/index.html',
      'https://beatline/index.html',
      'http://localhost:5173/',
    ]) {
      const win = appWindow(url);
      const event = { senderFrame: win.webContents.mainFrame, sender: win.webContents };
      expect(checkSender(event, win, appUrl), url).toMatchObject({ ok: false });
    }
  });

  it('refuses a null frame and a subframe on the app origin', () => {
    const win = appWindow(appUrl);
    expect(checkSender({ senderFrame: null, sender: win.webContents }, win, appUrl).ok).toBe(false);
    const subframe = { url: appUrl, parent: win.webContents.mainFrame };
    expect(checkSender({ senderFrame: subframe, sender: win.webContents }, win, appUrl).ok).toBe(
      false,
    );
  });
});
