import { expect, test } from './fixtures';
import { hostApi, must } from './api';
import { storedBeatTexts } from './database';
import { expectSaved } from './timeline';
import type { Locator, Page } from '@playwright/test';
import type { BeatlineHost } from './fixtures';

/**
 * A column's beats virtualized by @tanstack/react-virtual: rows placed by their measured
 * heights (cards of one to three lines), only the rows in view rendered, and the beat being
 * edited kept rendered while its list scrolls away. No timings (those are `npm run bench:ui`'s).
 */

const STORY = 'The Tall Column';
const BEATS = 60;
const text = (i: number) =>
  i % 4 === 3
    ? `Beat ${i + 1}: long enough to wrap onto a second and a third line of its card, at least`
    : `Beat ${i + 1}`;

async function openTallColumn(page: Page, host: BeatlineHost): Promise<void> {
  const file = {
    format: 'beatline-story',
    version: 1,
    story: {
      title: STORY,
      events: [
        {
          title: 'The climb',
          description: '',
          moments: Array.from({ length: BEATS }, (_, i) => ({ beat_description: text(i) })),
        },
      ],
    },
  };
  must(await hostApi(host).stories.import({ format: 'json', content: JSON.stringify(file) }));
  await page.reload();
  await page.getByRole('button', { name: new RegExp(`^Open ${STORY}:`) }).click();
  await expect(cards(page).first()).toContainText(text(0));
}

const list = (page: Page) => page.locator('[data-beat-list]').first();
const cards = (page: Page) => page.locator('[data-beat-id]');

/** Scrolls the list to `top` and waits two frames for the rows to follow. */
async function scrollListTo(list: Locator, top: number | 'bottom'): Promise<void> {
  await list.evaluate((el, to) => {
    el.scrollTop = to === 'bottom' ? el.scrollHeight : to;
  }, top);
  await list
    .page()
    .evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
}

/** The rendered rows in flow (not the pinned ones), top and bottom in page pixels. */
const rowBoxes = (list: Locator) =>
  list.evaluate((el) =>
    [...el.querySelectorAll('li.beat-slot')]
      .filter((li) => !li.getAttribute('style')?.includes('absolute'))
      .map((li) => {
        const r = li.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, index: Number(li.getAttribute('data-index')) };
      }),
  );

test('rows are placed by their measured heights; only those in view are rendered; the last is reachable', async ({
  app: page,
  host,
}) => {
  await openTallColumn(page, host);
  const column = list(page);
  expect(await cards(page).count()).toBeLessThan(30);

  for (const fraction of [1, 0.5, 0.25, 0, 0.75, 1]) {
    await column.evaluate((el, f) => {
      el.scrollTop = f * (el.scrollHeight - el.clientHeight);
    }, fraction);
    // The rows rendered cover the list's whole visible height (no blank), in order, one after
    // the other 8 px apart (nothing overlaps, nothing is left out).
    await expect
      .poll(async () => {
        // Measured each time: the list may still move while the page settles (a loaded CI).
        const box = (await column.boundingBox())!;
        const rows = await rowBoxes(column);
        const covered =
          rows.length > 3 &&
          rows[0]!.top <= box.y + 10.5 &&
          rows.at(-1)!.bottom >= box.y + box.height - 10.5;
        const packed = rows.every(
          (row, i) =>
            i === 0 ||
            (row.index === rows[i - 1]!.index + 1 &&
              Math.abs(row.top - rows[i - 1]!.bottom - 8) < 1),
        );
        return { covered, packed };
      })
      .toEqual({ covered: true, packed: true });
  }

  // At the bottom: the last beat, whole, inside the list.
  await expect
    .poll(async () => {
      await scrollListTo(column, 'bottom');
      const box = (await column.boundingBox())!;
      const last = (await cards(page)
        .filter({ hasText: text(BEATS - 1) })
        .boundingBox())!;
      return last.y + last.height <= box.y + box.height + 1 && last.y >= box.y;
    })
    .toBe(true);
  // Back at the top: the first card where an unscrolled list puts it.
  await scrollListTo(column, 0);
  await expect
    .poll(async () => {
      const box = (await column.boundingBox())!;
      const first = (await cards(page).first().boundingBox())!;
      return Math.abs(first.y - (box.y + 10));
    })
    .toBeLessThan(2);
});

test('the beat being edited stays rendered while its list scrolls away, and its text is saved', async ({
  app: page,
  host,
}) => {
  await openTallColumn(page, host);
  const column = list(page);
  await cards(page).first().getByTestId('beat-text').click();
  const field = page.locator('textarea.beat-textarea');
  await expect(field).toBeFocused();
  await page.keyboard.press('End');
  await page.keyboard.type(' at dawn');

  await scrollListTo(column, 'bottom');
  await expect(cards(page).filter({ hasText: text(BEATS - 1) })).toBeVisible();
  // Far out of view, and still there, focused, holding the typing.
  await expect(field).toHaveCount(1);
  await expect(field).toBeFocused();
  await expect(field).toHaveValue(`${text(0)} at dawn`);
  expect(await cards(page).count()).toBeLessThan(30);

  await page.keyboard.press('Tab');
  await expectSaved(page);
  expect(storedBeatTexts(host.dbPath, STORY)[0]![0]).toBe(`${text(0)} at dawn`);
});
