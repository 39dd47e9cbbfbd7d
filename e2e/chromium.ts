import { existsSync } from 'node:fs';

/** Debian's Chromium where it exists (CI and these machines); Playwright's own elsewhere. */
export const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) =>
  existsSync(p),
);

/** Flags for Chromium as root on a machine with no network beyond the registries. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
