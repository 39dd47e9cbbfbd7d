// Every view in step (issue 12), the transport: two pages on one browser host. A change made in
// page A, or by the CLI, reaches page B as a change notice within a second, without a reload;
// page A is not told about its own change.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext, Page, Request } from '@playwright/test';
import Database from 'better-sqlite3';
import type { BeatlineBridge } from '../../electron/core/contract/api';
import { readDatabase } from './database';
import { expect, test } from './fixtures';
import { createStory } from './timeline';

const repoRoot = resolve(import.meta.dirname, '..', '..');

/** The page's globals these tests use (the functions below run in the page). */
interface PageGlobals {
  beatline: BeatlineBridge;
  /** When each change notice arrived (Date.now() in the page). */
  noticesAt?: number[];
}

/**
 * Renames a copy of the library over its path: the same content, another file (a swap). The
 * log is copied back into the file first, so that the copy holds every committed change (the
 * host copies it only after a second without writes).
 */
function swapInACopy(dbPath: string): void {
  const db = new Database(dbPath, { fileMustExist: true });
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  const other = `${dbPath}.other`;
  cpSync(dbPath, other);
  renameSync(other, dbPath);
}

/** A second page on the same browser host, its library shown. */
async function openSecondPage(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Your stories' })).toBeVisible();
  return page;
}

/** Subscribes the page to change notices and waits until the host streams to every page. */

async function listen(page: Page, host: { changeListeners(): number }): Promise<void> {
  await page.evaluate(() => {
    const w = globalThis as unknown as PageGlobals;
    const arrivals: number[] = [];
    w.noticesAt = arrivals;
    w.beatline.subscribe(() => arrivals.push(Date.now()));
  });
  // The app listens too: one stream per page, shared by every listener in it.
  const pages = page.context().pages().length;
  await expect.poll(() => host.changeListeners()).toBe(pages);
}

const noticesAt = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as PageGlobals).noticesAt ?? []);

test('a change in page A reaches page B within a second, not page A', async ({
  app: pageA,
  host,
  context,
}) => {
  const pageB = await openSecondPage(context, host.url);
  await listen(pageA, host);
  await listen(pageB, host);

  const committedAt = await pageA.evaluate(async () => {
    const w = globalThis as unknown as PageGlobals;
    const created = await w.beatline.stories.create({ title: 'Written in page A' });
    if (!created.ok) throw new Error(created.error.message);
    return Date.now();
  });
  await expect.poll(() => noticesAt(pageB), { timeout: 5_000 }).toHaveLength(1);
  const [arrived] = await noticesAt(pageB);
  const latency = arrived! - committedAt;
  test.info().annotations.push({ type: 'page-to-page notice', description: `${latency} ms` });
  expect(latency).toBeLessThan(1_000);

  // Page B sees the change on its next read, with no reload.
  const titles = await pageB.evaluate(async () => {
    const w = globalThis as unknown as PageGlobals;
    const listed = await w.beatline.stories.list({});
    return listed.ok ? listed.value.map((s) => s.title) : [];
  });
  expect(titles).toEqual(['Written in page A']);

  // A write in page B goes to page A; page A was never told about its own write.
  await pageB.evaluate(() =>
    (globalThis as unknown as PageGlobals).beatline.stories.create({ title: 'Written in page B' }),
  );
  await expect.poll(() => noticesAt(pageA), { timeout: 5_000 }).toHaveLength(1);
  await pageA.waitForTimeout(500);
  expect(await noticesAt(pageA)).toHaveLength(1);
  expect(await noticesAt(pageB)).toHaveLength(1);
  await pageB.close();
});

test('a CLI write reaches every page within a second', async ({ app: pageA, host, context }) => {
  const pageB = await openSecondPage(context, host.url);
  await listen(pageA, host);
  await listen(pageB, host);

  const run = spawnSync(
    process.execPath,
    [
      resolve(repoRoot, 'bin', 'beatline.mjs'),
      'import',
      '--db',
      host.dbPath,
      resolve(repoRoot, 'tests', 'fixtures', 'story-files', 'lighthouse.beatline.json'),
    ],
    { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 },
  );
  expect(run.status, run.stderr).toBe(0);
  const exitedAt = Date.now();
  for (const page of [pageA, pageB]) {
    await expect.poll(() => noticesAt(page), { timeout: 5_000 }).not.toHaveLength(0);
    const [arrived] = await noticesAt(page);
    test.info().annotations.push({ type: 'CLI notice', description: `${arrived! - exitedAt} ms` });
    expect(arrived! - exitedAt).toBeLessThan(1_000);
  }
  await pageB.close();
});

/** Makes the page look hidden or shown, as switching tabs would. */
async function setVisibility(page: Page, state: 'hidden' | 'visible'): Promise<void> {
  // A string: this file is type-checked without the DOM library.
  await page.evaluate(
    `Object.defineProperty(document, 'visibilityState', { value: '${state}', configurable: true });
     document.dispatchEvent(new Event('visibilitychange'));`,
  );
}

test('a hidden tab gives its stream up and, shown again, is told to re-read', async ({
  app: pageA,
  host,
  context,
}) => {
  const pageB = await openSecondPage(context, host.url);
  await listen(pageA, host);
  await listen(pageB, host);
  await setVisibility(pageB, 'hidden');
  await expect.poll(() => host.changeListeners()).toBe(1);

  await pageA.evaluate(() =>
    (globalThis as unknown as PageGlobals).beatline.stories.create({ title: 'While B was hidden' }),
  );
  await pageB.waitForTimeout(500);
  expect(await noticesAt(pageB)).toHaveLength(0);

  await setVisibility(pageB, 'visible');
  await expect.poll(() => host.changeListeners()).toBe(2);
  await expect.poll(() => noticesAt(pageB), { timeout: 5_000 }).toHaveLength(1);
  await pageB.close();
});

test('a library file replaced under the host is said on the page, without a write', async ({
  app: page,
  host,
}) => {
  await createStory(page, 'Harbour Log');
  await expect.poll(() => host.changeListeners()).toBe(1);
  // Another file renamed over the library (a sync tool, a restore by hand).
  swapInACopy(host.dbPath);
  const replaced = readFileSync(host.dbPath);
  await expect(
    page.getByRole('heading', { name: 'Your library could not be opened' }),
  ).toBeVisible();
  await expect(
    page.getByText('was moved, replaced or deleted while Beatline had it open'),
  ).toBeVisible();
  expect(readFileSync(host.dbPath).equals(replaced)).toBe(true);

  // Issue 13 (h35): "Reopen the library" opens the file now at the path; the page reloads.
  await page.getByRole('button', { name: 'Reopen the library' }).click();
  await expect(page.getByRole('heading', { name: 'Your stories' })).toBeVisible();
  await createStory(page, 'After Reopen');
  await expect.poll(() => readDatabase(host.dbPath).map((s) => s.title)).toContain('After Reopen');
});

test('a library file deleted under the host: Reopen says so, then starts a new library', async ({
  app: page,
  host,
}) => {
  await createStory(page, 'Gone Soon');
  await expect.poll(() => host.changeListeners()).toBe(1);
  rmSync(host.dbPath);
  await expect(
    page.getByRole('heading', { name: 'Your library could not be opened' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Reopen the library' }).click();
  await expect(
    page.getByRole('heading', { name: 'There is no library file there now' }),
  ).toBeVisible();
  expect(existsSync(host.dbPath)).toBe(false);
  // h41: the words match the screen: no backups are listed, so none is offered.
  await expect(page.locator('.recovery-safe')).toContainText('it was already gone');
  await expect(page.locator('.recovery')).toContainText('No backups of this library were found');
  await expect(page.locator('.recovery')).not.toContainText('restore a backup below');
  await expect(page.locator('.recovery')).not.toContainText('has not changed, moved or deleted');

  await page.getByRole('button', { name: 'Start a new library' }).click();
  await expect(page.getByRole('heading', { name: 'No stories yet' })).toBeVisible();
  await createStory(page, 'Fresh Start');
  await expect.poll(() => readDatabase(host.dbPath).map((s) => s.title)).toEqual(['Fresh Start']);
});

// CI (2026-12-05) saw this page stay on its story view, "Saved": a call of the page (its story
// check) reached the host between the rename and the change feed's poll and noticed the swap
// first, and the poll then sent no notice. Fixed in the host (h41, swapped-file-notice.test.ts).
test('another application’s file put at the path: Reopen refuses it and leaves it as it is', async ({
  app: page,
  host,
}) => {
  await createStory(page, 'Mine');
  await expect.poll(() => host.changeListeners()).toBe(1);
  const other = `${host.dbPath}.other`;
  const foreign = new Database(other);
  foreign.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)');
  foreign.close();
  renameSync(other, host.dbPath);
  const bytes = readFileSync(host.dbPath);
  await expect(
    page.getByRole('heading', { name: 'Your library could not be opened' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Reopen the library' }).click();
  await expect(page.locator('.recovery-message')).toContainText(
    'an SQLite database of another application',
  );
  await expect(page.getByRole('button', { name: 'Reopen the library' })).toBeEnabled();
  expect(readFileSync(host.dbPath).equals(bytes)).toBe(true);
});

// h41: whoever notices a swap first, every page must find out.
test('a swap first noticed by another page’s write still reaches this page', async ({
  app: pageA,
  host,
  context,
}) => {
  await createStory(pageA, 'Seen From A');
  const pageB = await openSecondPage(context, host.url);
  await expect.poll(() => host.changeListeners()).toBe(2);
  swapInACopy(host.dbPath);
  // Before the change feed's next poll: this write is refused and notices the swap itself.
  const refused = await pageB.evaluate(() =>
    (globalThis as unknown as PageGlobals).beatline.stories.create({ title: 'Lost?' }),
  );
  expect(refused.ok).toBe(false);
  await expect(
    pageA.getByRole('heading', { name: 'Your library could not be opened' }),
  ).toBeVisible();
  await expect(
    pageB.getByRole('heading', { name: 'Your library could not be opened' }),
  ).toBeVisible();
  await pageB.close();
});

/** Counts the page's API requests (the change stream aside) from now on. */
function watchRequests(page: Page): { untilQuiet(): Promise<void> } {
  // The requests seen starting: one that began before this call (the page's first reads)
  // ends unseen as far as the count goes.
  const inFlight = new Set<Request>();
  let lastDone = Date.now();
  const api = (url: string) => url.includes('/api/') && !url.includes('/api/changes');
  page.on('request', (r) => {
    if (api(r.url())) inFlight.add(r);
  });
  const done = (r: Request) => {
    inFlight.delete(r);
    lastDone = Date.now();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return {
    /** Resolves once no request has been in flight for a second. */
    untilQuiet: () =>
      expect.poll(() => inFlight.size === 0 && Date.now() - lastDone > 1_000).toBe(true),
  };
}

test.describe('a page that hears no change notices', () => {
  // The page's refused save logs the 409 of its request.
  test.use({ expectedConsoleErrors: [/Failed to load resource/] });

  test('learns of a swapped file from its next write, refused with “Reopen the library”', async ({
    app: page,
    host,
  }) => {
    // The change stream never answers: the page misses every notice.
    await page.route('**/api/changes', () => {});
    const requests = watchRequests(page);
    await page.reload();
    await createStory(page, 'Deaf Page');
    expect(host.changeListeners()).toBe(0);
    // Let the reads of the story just opened finish first: a refused read would tell the page.
    await requests.untilQuiet();
    swapInACopy(host.dbPath);
    // The host notices within a poll (200 ms); the page, asking nothing, is not told.
    await page.waitForTimeout(1_000);
    const title = page.getByLabel('Story title');
    await expect(title).toBeVisible();

    await title.fill('Renamed Deaf Page');
    await page.keyboard.press('Enter');
    await expect(
      page.getByRole('heading', { name: 'Your library could not be opened' }),
    ).toBeVisible();
    await expect(page.locator('.recovery-message')).toContainText('Reopen the library');
  });
});

test('two pages on the recovery screen: one reopens the library, both leave it', async ({
  app: pageA,
  host,
  context,
}) => {
  await createStory(pageA, 'Shared');
  const pageB = await openSecondPage(context, host.url);
  await expect.poll(() => host.changeListeners()).toBe(2);
  swapInACopy(host.dbPath);
  for (const page of [pageA, pageB]) {
    await expect(
      page.getByRole('heading', { name: 'Your library could not be opened' }),
    ).toBeVisible();
  }
  await pageA.getByRole('button', { name: 'Reopen the library' }).click();
  for (const page of [pageA, pageB]) {
    await expect(page.getByRole('heading', { name: 'Your stories' })).toBeVisible();
    await expect(page.getByText('Shared')).toBeVisible();
  }
  // Page B goes on writing into the reopened library.
  await createStory(pageB, 'Written In B');
  await expect.poll(() => readDatabase(host.dbPath).map((s) => s.title)).toContain('Written In B');
  await pageB.close();
});
