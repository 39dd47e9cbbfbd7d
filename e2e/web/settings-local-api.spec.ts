// The desktop app's Settings > Local API (issue 17), driven in a real page: the browser host here
// answers `localApi:*` with the desktop app's own setting (electron/main/local-api-setting.ts),
// as the Electron shell does, so the switch, the address, Copy token and New token are the real
// ones, and a real port opens and closes. (The Electron binary itself cannot run here.)
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startWebHost } from '../../electron/web/server';
import { expect, test } from './fixtures';

/** A port nothing listens on now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/** What the page's clipboard holds (the e2e code has no DOM types). */
const clipboard = (page: Page) =>
  page.evaluate(() =>
    (
      globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
    ).navigator.clipboard.readText(),
  );

const portOpen = (port: number) =>
  new Promise<boolean>((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });

async function createStory(port: number, token: string, title: string) {
  const res = await fetch(`http://127.0.0.1:${port}/api/v2/stories:create`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Beatline-Token': token },
    body: JSON.stringify({ title }),
  });
  return { status: res.status, body: (await res.json()) as { ok: boolean } };
}

test('Settings turns the Local API on and off, copies its token and makes a new one', async ({
  page,
  context,
  rendererDir,
}) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), 'beatline-settings-api-'));
  const port = await freePort();
  const settingsFile = join(dir, 'settings.json');
  const tokenFile = join(dir, 'local-api-token');
  writeFileSync(settingsFile, JSON.stringify({ version: 1, localApi: { enabled: false, port } }));
  const host = await startWebHost({
    dbPath: join(dir, 'library.db'),
    rendererDir,
    localApiSetting: { settingsFile, tokenFile },
  });
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    const toggle = dialog.getByRole('checkbox', { name: 'Turn on the Local API' });
    await expect(toggle).not.toBeChecked();
    expect(await portOpen(port)).toBe(false);

    // On: the address and the token are shown; the token file is the owner's alone.
    // The switch follows the shell's answer (a controlled checkbox): click, then wait for it.
    await toggle.click();
    await expect(toggle).toBeChecked();
    await expect(dialog).toContainText(`http://127.0.0.1:${port}/api/v2/`);
    const tokenField = dialog.getByLabel('Token');
    const token = await tokenField.inputValue();
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(readFileSync(tokenFile, 'utf8').trim()).toBe(token);
    if (process.platform !== 'win32') expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    // Copy gives the address as shown.
    await dialog.getByRole('button', { name: 'Copy', exact: true }).click();
    expect(await clipboard(page)).toBe(`http://127.0.0.1:${port}/api/v2/`);
    await dialog.getByRole('button', { name: 'Copy token' }).click();
    await expect(dialog.getByRole('button', { name: 'Copied' })).toBeVisible();
    expect(await clipboard(page)).toBe(token);

    // A tool's write appears in the window, and the writer undoes it there.
    expect(await createStory(port, token, 'From a script')).toMatchObject({
      status: 200,
      body: { ok: true },
    });
    await page.keyboard.press('Escape');
    await expect(page.getByRole('button', { name: /^Open From a script:/ })).toBeVisible();
    await page.getByRole('button', { name: /^Undo create story/ }).click();
    await expect(page.getByRole('button', { name: /^Open From a script:/ })).toHaveCount(0);

    // New token: the old one is refused at once, the new one works.
    await page.getByRole('button', { name: 'Settings' }).click();
    await dialog.getByRole('button', { name: 'New token' }).click();
    await expect(tokenField).not.toHaveValue(token);
    const fresh = await tokenField.inputValue();
    expect((await createStory(port, token, 'Old token')).status).toBe(401);
    expect((await createStory(port, fresh, 'New token')).status).toBe(200);

    // Off: the port is closed when the switch shows it.
    await toggle.click();
    await expect(toggle).not.toBeChecked();
    expect(await portOpen(port)).toBe(false);
    expect(JSON.parse(readFileSync(settingsFile, 'utf8'))).toMatchObject({
      localApi: { enabled: false, port },
    });
  } finally {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
