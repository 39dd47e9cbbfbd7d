import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { importStory } from './api';
import type { BeatlineHost } from './fixtures';

/**
 * Column widths (issue 16): one column resized by its edge or the keyboard, remembered per
 * column and per story, reset by a double-click; Alt still sets every column at once.
 */

const STORY = 'Wide and Narrow';
const EVENTS = 30;
const GAP = 14;

async function open(page: Page, host: BeatlineHost): Promise<void> {
  await importStory(
    host,
    STORY,
    Array.from({ length: EVENTS }, (_, i) => ({
      title: `Scene ${i + 1}`,
      beats: [[`S${i + 1} beat 1`]],
    })),
  );
  await page.reload();
  await page.getByRole('button', { name: new RegExp(`^Open ${STORY}:`) }).click();
  await expect(column(page, 1).getByTestId('beat-text')).toHaveText('S1 beat 1');
}

const column = (page: Page, n: number) =>
  page.getByRole('region', { name: new RegExp(`^Event ${n}:`) });
const handle = (page: Page, n: number) =>
  page.getByRole('separator', { name: `Column width (event ${n})` });

/** The on-screen widths of columns `from`..`to`. */
async function widths(page: Page, from: number, to: number): Promise<number[]> {
  const out: number[] = [];
  for (let n = from; n <= to; n++) {
    out.push(await column(page, n).evaluate((el) => el.getBoundingClientRect().width));
  }
  return out;
}

/** True when columns `from`..`to` sit side by side, one gap apart, none overlapping. */
async function sideBySide(page: Page, from: number, to: number): Promise<boolean> {
  for (let n = from; n < to; n++) {
    const a = (await column(page, n).boundingBox())!;
    const b = (await column(page, n + 1).boundingBox())!;
    if (Math.abs(b.x - (a.x + a.width + GAP)) > 1) return false;
  }
  return true;
}

test('one column takes the width the writer gives it; the others keep theirs', async ({
  app: page,
  host,
}) => {
  await open(page, host);
  expect(await widths(page, 1, 3)).toEqual([288, 288, 288]);

  // The keyboard: the handle on the right edge of event 2.
  await handle(page, 2).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => widths(page, 1, 3)).toEqual([288, 320, 288]);
  await expect(handle(page, 2)).toHaveAttribute('aria-valuenow', '320');
  await expect(handle(page, 1)).toHaveAttribute('aria-valuenow', '288');
  expect(await sideBySide(page, 1, 3)).toBe(true);

  // The pointer: event 1's edge dragged 80 px to the right.
  const box = (await handle(page, 1).boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 100);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 40, box.y + 100, { steps: 4 });
  await page.mouse.move(box.x + box.width / 2 + 80, box.y + 100, { steps: 4 });
  await page.mouse.up();
  await expect.poll(() => widths(page, 1, 3)).toEqual([368, 320, 288]);
  expect(await sideBySide(page, 1, 3)).toBe(true);

  // Remembered per column, through a reload.
  await page.reload();
  await expect(column(page, 1).getByTestId('beat-text')).toHaveText('S1 beat 1');
  await expect.poll(() => widths(page, 1, 3)).toEqual([368, 320, 288]);

  // A double-click on the handle gives the column back the story's width.
  await handle(page, 1).dblclick();
  await expect.poll(() => widths(page, 1, 3)).toEqual([288, 320, 288]);

  // Far along the board, the columns are still where they are drawn (the board is laid out
  // with the widened column): Go to event 26, then the columns around it sit side by side.
  await page.keyboard.press('Control+G');
  await page.keyboard.type('26');
  await page.keyboard.press('Enter');
  await expect(column(page, 26)).toBeInViewport();
  await expect(handle(page, 26)).toBeAttached();
  expect(await sideBySide(page, 24, 27)).toBe(true);
  await page.screenshot({ path: '/tmp/beatline-column-widths.png' });
});

test('Alt with the handle sets every column’s width at once, as before', async ({
  app: page,
  host,
}) => {
  await open(page, host);
  await handle(page, 2).focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => widths(page, 1, 3)).toEqual([288, 256, 288]);

  await handle(page, 3).focus();
  await page.keyboard.press('Alt+ArrowRight');
  await expect.poll(() => widths(page, 1, 4)).toEqual([304, 304, 304, 304]);
  expect(await sideBySide(page, 1, 4)).toBe(true);

  await page.reload();
  await expect(column(page, 1).getByTestId('beat-text')).toHaveText('S1 beat 1');
  await expect.poll(() => widths(page, 1, 4)).toEqual([304, 304, 304, 304]);
});
