// Every view in step (issue 12), the transport: two pages on one browser host. A change made in
// page A, or by the CLI, reaches page B as a change notice within a second, without a reload;
// page A is not told about its own change.
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, renameSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import type { BeatlineBridge } from '../../electron/core/contract/api';
import { expect, test } from './fixtures';
import { createStory } from './timeline';

const repoRoot = resolve(import.meta.dirname, '..', '..');

/** The page's globals these tests use (the functions below run in the page). */
interface PageGlobals {
  beatline: BeatlineBridge;
  /** When each change notice arrived (Date.now() in the page). */
  noticesAt?: number[];
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
  const pageB = await context.newPage();
  await pageB.goto(host.url);
  await expect(pageB.getByRole('heading', { name: 'Your stories' })).toBeVisible();
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
  const pageB = await context.newPage();
  await pageB.goto(host.url);
  await expect(pageB.getByRole('heading', { name: 'Your stories' })).toBeVisible();
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
  const pageB = await context.newPage();
  await pageB.goto(host.url);
  await expect(pageB.getByRole('heading', { name: 'Your stories' })).toBeVisible();
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
  const other = `${host.dbPath}.other`;
  cpSync(host.dbPath, other);
  renameSync(other, host.dbPath);
  const replaced = readFileSync(host.dbPath);
  await expect(
    page.getByRole('heading', { name: 'Your library could not be opened' }),
  ).toBeVisible();
  await expect(
    page.getByText('was moved, replaced or deleted while Beatline had it open'),
  ).toBeVisible();
  expect(readFileSync(host.dbPath).equals(replaced)).toBe(true);
});
