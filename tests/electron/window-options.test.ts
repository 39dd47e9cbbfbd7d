import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../electron/main/window-options';

describe('mainWindowOptions', () => {
  const options = mainWindowOptions('/opt/Beatline/out/preload/index.cjs');
  const prefs = options.webPreferences ?? {};

  it('isolates, sandboxes and keeps Node out of the page', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('experimentalFeatures');
  });

  it('turns the spellchecker off: it would fetch dictionaries from the network', () => {
    expect(prefs.spellcheck).toBe(false);
  });

  it('uses the given preload and stays hidden until first paint', () => {
    expect(prefs.preload).toBe('/opt/Beatline/out/preload/index.cjs');
    expect(options.show).toBe(false);
    expect(options.title).toBe('Beatline');
  });
});
