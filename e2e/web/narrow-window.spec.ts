import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { importStory } from './api';
import { openSearch } from './timeline';

/**
 * The story bar in every window the desktop app allows (its minimum width is 720 px), with the
 * search box and the Story check panel open: every tool stays on the screen, the panel hangs
 * below the bar, and the search's match list is not hidden under the panel.
 */

const TOOLS = [
  /^Story check/,
  'Go to',
  'Overview',
  'Export…',
  'Import…',
  'Delete story',
  'Back to the library',
];

/** The part of `box` that the viewport does not show, in px (0 when all of it is on screen). */
async function offScreen(page: Page, target: Locator): Promise<number> {
  const box = (await target.boundingBox())!;
  const { width, height } = page.viewportSize()!;
  return (
    Math.max(0, -box.x) +
    Math.max(0, box.x + box.width - width) +
    Math.max(0, -box.y) +
    Math.max(0, box.y + box.height - height)
  );
}

test('at every window width the story tools stay on screen and the panels do not cover them', async ({
  app: page,
  host,
}) => {
  await importStory(host, 'The Lighthouse Keeper', [
    { title: 'Storm at Sea', beats: [['The keeper sees a ship founder on the rocks.']] },
    { title: 'The Girl', beats: [['The keeper finds the key sewn into her coat.']] },
    { title: 'The Stranger', beats: [['A stranger asks the keeper about survivors.']] },
  ]);
  await page.reload();
  await page.getByRole('button', { name: /^Open The Lighthouse Keeper:/ }).click();
  await page.getByRole('button', { name: /^Story check/ }).click();
  const panel = page.getByRole('complementary', { name: 'Story check' });
  await expect(panel).toBeVisible();
  await openSearch(page);
  await page.keyboard.type('keeper');
  const firstMatch = page.getByRole('option').first();
  await expect(firstMatch).toBeVisible();

  for (const width of [720, 900, 1100, 1280, 1600]) {
    await page.setViewportSize({ width, height: 720 });
    await expect
      .poll(() => page.locator('html').evaluate((html) => html.scrollWidth), {
        message: `${width}`,
      })
      .toBe(width);
    expect(await offScreen(page, page.getByRole('search')), `search at ${width}`).toBe(0);
    for (const name of TOOLS) {
      expect(await offScreen(page, page.getByRole('button', { name })), `${name} at ${width}`).toBe(
        0,
      );
    }
    const bar = (await page.locator('.story-bar').boundingBox())!;
    const shown = (await panel.boundingBox())!;
    expect(shown.y, `panel below the bar at ${width}`).toBeGreaterThanOrEqual(bar.y + bar.height);
    // The match list is on screen and on top: the point at its first row's centre is that row.
    expect(await offScreen(page, firstMatch), `match list at ${width}`).toBe(0);
    const onTop = await firstMatch.evaluate((row) => {
      const r = row.getBoundingClientRect();
      return row.contains(
        row.ownerDocument.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2),
      );
    });
    expect(onTop, `match list on top at ${width}`).toBe(true);
  }
});

test('with the search box open, the story bar is one row from the narrowest window up; a long title ends in "…"', async ({
  app: page,
  host,
}) => {
  const title = 'The Lighthouse Keeper and the Long Winter Storm That Would Not End';
  await importStory(host, title, [
    { title: 'Storm at Sea', beats: [['The keeper sees a ship founder on the rocks.']] },
  ]);
  await page.reload();
  await page.getByRole('button', { name: /^Open The Lighthouse Keeper/ }).click();
  await openSearch(page);
  await page.keyboard.type('keeper');
  await expect(page.getByRole('option').first()).toBeVisible();
  const field = page.getByLabel('Story title');
  const row = [
    field,
    page.getByRole('radio', { name: 'Reading order' }),
    page.getByRole('radio', { name: 'Chronology' }),
    page.getByRole('search'),
    ...TOOLS.map((name) => page.getByRole('button', { name })),
  ];
  // 720 px: the desktop app's minimum width (electron/main/window-options.ts).
  for (const width of [720, 900, 1024, 1100, 1280, 1600]) {
    await page.setViewportSize({ width, height: 720 });
    await expect.poll(() => page.locator('html').evaluate((html) => html.scrollWidth)).toBe(width);
    const bar = (await page.locator('.story-bar').boundingBox())!;
    // One row: each control's middle is the bar's middle, and the bar is one control high.
    expect(bar.height, `bar height at ${width}`).toBeLessThan(64);
    for (const control of row) {
      const box = (await control.boundingBox())!;
      expect(box.y + box.height / 2, `${control.toString()} at ${width}`).toBeCloseTo(
        bar.y + bar.height / 2,
        -1,
      );
      expect(await offScreen(page, control), `${control.toString()} at ${width}`).toBe(0);
    }
    // The title gives up its room (and says so with "…"), but keeps enough to be read.
    const shown = (await field.boundingBox())!;
    expect(shown.width, `title at ${width}`).toBeGreaterThanOrEqual(96);
    if (width === 720) {
      const cut = await field.evaluate(
        (el) =>
          el.scrollWidth > el.clientWidth &&
          el.ownerDocument.defaultView!.getComputedStyle(el).textOverflow === 'ellipsis',
      );
      expect(cut, 'the title is cut with "…" at 720').toBe(true);
    }
  }
  await expect(field).toHaveValue(title);
});
