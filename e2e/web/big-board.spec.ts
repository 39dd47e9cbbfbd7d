import { expect, test } from './fixtures';
import { importStory } from './api';
import type { Locator, Page } from '@playwright/test';
import type { BeatlineHost } from './fixtures';

/**
 * Finding your way in a big story (issue 16): the wheel scrolls the board sideways, the
 * overview shows many columns and leads into one, "Go to event" and search reach columns that
 * are not loaded, column widths are the writer's and survive a reload, long beats are clamped.
 */

const STORY = 'The Long Voyage';
const EVENTS = 40;
const LONG_BEAT = `${'The storm log goes on and on. '.repeat(180)}End of the log.`;
const MOD = process.platform === 'darwin' ? 'Meta' : 'Control';

function beatsOf(e: number): string[] {
  if (e === 2) return Array.from({ length: 40 }, (_, b) => `S2 beat ${b + 1}`);
  const beats = Array.from({ length: 6 }, (_, b) => `S${e} beat ${b + 1}`);
  if (e === 1) beats.push(LONG_BEAT);
  if (e === 4) beats[2] = 'The lighthouse keeper waves from the rocks';
  if (e === 35) beats[3] = 'A second LIGHTHOUSE, far out, blinks back';
  return beats;
}

/** The story, imported as one story file (one call, one transaction). */
async function seed(host: BeatlineHost): Promise<void> {
  await importStory(
    host,
    STORY,
    Array.from({ length: EVENTS }, (_, i) => ({
      title:
        i === 29
          ? 'Scene 30: the crossing of the great northern ice shelf at night'
          : `Scene ${i + 1}`,
      beats: beatsOf(i + 1).map((text) => [text]),
    })),
  );
}

async function open(page: Page, host: BeatlineHost): Promise<void> {
  await seed(host);
  await page.reload();
  await page.getByRole('button', { name: new RegExp(`^Open ${STORY}:`) }).click();
  await expect(column(page, 1).getByTestId('beat-text').first()).toHaveText('S1 beat 1');
}

const board = (page: Page) => page.locator('[data-board]');
const column = (page: Page, n: number) =>
  page.getByRole('region', { name: new RegExp(`^Event ${n}:`) });
const scrollLeft = (page: Page) => board(page).evaluate((el) => el.scrollLeft);

/** True when the element's box is inside the board's visible area. */
async function inView(page: Page, target: Locator): Promise<boolean> {
  const [b, t] = await Promise.all([board(page).boundingBox(), target.boundingBox()]);
  return !!b && !!t && t.x >= b.x - 1 && t.x + t.width <= b.x + b.width + 1;
}

test('the mouse wheel scrolls the board sideways where nothing scrolls up or down', async ({
  app: page,
  host,
}) => {
  await open(page, host);
  expect(await scrollLeft(page)).toBe(0);

  // Over a column's header: the vertical wheel moves the board sideways.
  const head = column(page, 1).locator('.event-head');
  const box = (await head.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 8);
  await page.mouse.wheel(0, 300);
  await expect.poll(() => scrollLeft(page)).toBeGreaterThanOrEqual(250);
  await page.mouse.wheel(0, -300);
  await expect.poll(() => scrollLeft(page)).toBe(0);

  // Over a long column's beats, the wheel scrolls that list, not the board.
  const list = column(page, 2).locator('[data-beat-list]');
  const listBox = (await list.boundingBox())!;
  await page.mouse.move(listBox.x + listBox.width / 2, listBox.y + listBox.height / 2);
  await page.mouse.wheel(0, 200);
  await expect.poll(() => list.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  expect(await scrollLeft(page)).toBe(0);

  // Shift+wheel always goes sideways; a trackpad's sideways swipe (deltaX) passes through.
  await page.keyboard.down('Shift');
  await page.mouse.wheel(0, 200);
  await page.keyboard.up('Shift');
  await expect.poll(() => scrollLeft(page)).toBeGreaterThanOrEqual(150);
  const before = await scrollLeft(page);
  await page.mouse.wheel(240, 0);
  await expect.poll(() => scrollLeft(page)).toBeGreaterThan(before + 100);
});

test('the overview shows many columns at once and leads into one at normal zoom', async ({
  app: page,
  host,
}) => {
  await open(page, host);
  const countInView = async () => {
    let n = 0;
    for (const c of await page.locator('[data-event-column]').all()) if (await inView(page, c)) n++;
    return n;
  };
  const normal = await countInView();
  const toggle = page.getByRole('button', { name: 'Overview' });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(countInView).toBeGreaterThanOrEqual(normal * 1.6);
  // Still virtualized: the columns far off screen are not drawn.
  expect(await page.locator('[data-event-column]').count()).toBeLessThan(EVENTS / 2);

  // Keyboard: the first column's button has the focus; → moves, Enter goes there.
  await page.getByRole('button', { name: /^Go to event 1:/ }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('button', { name: /^Go to event 2:/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByRole('button', { name: /^Move event 2,/ })).toBeFocused();

  // The shortcut toggles it; a click on a far column goes there.
  await page.keyboard.press(`${MOD}+Shift+O`);
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await board(page).evaluate((el) => (el.scrollLeft = el.scrollWidth));
  await page.getByRole('button', { name: /^Go to event 38:/ }).click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByRole('button', { name: /^Move event 38,/ })).toBeFocused();
  expect(await inView(page, column(page, 38))).toBe(true);
  await expect(column(page, 38).getByTestId('beat-text').first()).toHaveText('S38 beat 1');
});

test('Go to event finds an event by title and focuses it; its full title is available', async ({
  app: page,
  host,
}) => {
  await open(page, host);
  await page.keyboard.press(`${MOD}+G`);
  const dialog = page.getByRole('dialog', { name: 'Go to event' });
  await expect(dialog).toBeVisible();
  await page.keyboard.type('ice shelf');
  await expect(dialog.getByRole('option')).toHaveCount(1);
  await expect(dialog.getByRole('option')).toContainText(
    'Scene 30: the crossing of the great northern ice shelf at night',
  );
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: /^Move event 30,/ })).toBeFocused();
  expect(await inView(page, column(page, 30))).toBe(true);
  await expect(
    column(page, 30).getByRole('textbox', { name: 'Title of event 30' }),
  ).toHaveAttribute('title', 'Scene 30: the crossing of the great northern ice shelf at night');
});

test('search highlights matches across the story, reaching a column not loaded yet', async ({
  app: page,
  host,
}) => {
  await open(page, host);
  // Event 35 is far off screen: none of its beats has been asked for.
  await expect(page.locator('[data-event-column]')).not.toHaveCount(0);
  expect(await page.getByText('A second LIGHTHOUSE').count()).toBe(0);

  await page.keyboard.press(`${MOD}+F`);
  const box = page.getByRole('searchbox', { name: 'Search the story’s beats' });
  await expect(box).toBeFocused();
  await box.fill('lighthouse');
  const count = page.locator('#board-search-count');
  await expect(count).toHaveText('1 of 2');
  const first = page.locator('.beat', { hasText: 'The lighthouse keeper' });
  await expect(first).toBeInViewport();

  await page.keyboard.press('Enter');
  await expect(count).toHaveText('2 of 2');
  const far = page.locator('.beat', { hasText: 'A second LIGHTHOUSE' });
  await expect(far).toBeInViewport();
  expect(await inView(page, column(page, 35))).toBe(true);
  // Both cards are marked; the text itself is painted (CSS highlights, no DOM change).
  await expect(far).toHaveCSS('box-shadow', /rgb\(217, 122, 0\)/);
  expect(await page.evaluate("CSS.highlights.get('beatline-search-current')?.size")).toBe(1);
  await expect(box).toBeFocused();

  await page.keyboard.press('Shift+Enter');
  await expect(count).toHaveText('1 of 2');
  await box.fill('no such words');
  await expect(count).toHaveText('No matches');
  await box.fill('lighthouse');
  await expect(count).toHaveText('1 of 2');
  await page.keyboard.press('Enter');
  await expect(count).toHaveText('2 of 2');

  // Escape closes the search and leaves the focus on the match being looked at.
  await page.keyboard.press('Escape');
  await expect(box).toBeHidden();
  await expect(far).toBeFocused();
});

test('columns take the width the writer gives them, and keep it after a reload', async ({
  app: page,
  host,
}) => {
  await open(page, host);
  const width = () => column(page, 1).evaluate((el) => el.getBoundingClientRect().width);
  expect(await width()).toBe(288);

  const handle = page.getByRole('separator', { name: 'Column width (event 1)' });
  await handle.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect.poll(width).toBe(320);
  await expect(handle).toHaveAttribute('aria-valuenow', '320');

  const box = (await handle.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 100);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 40, box.y + 100, { steps: 4 });
  await page.mouse.move(box.x + box.width / 2 + 80, box.y + 100, { steps: 4 });
  await page.mouse.up();
  await expect.poll(width).toBe(400);
  // Every column follows, and the board still lays them out without overlap.
  const second = await column(page, 2).boundingBox();
  const firstBox = await column(page, 1).boundingBox();
  expect(second!.x).toBeGreaterThan(firstBox!.x + firstBox!.width);

  // The page comes back on the story; then through the library, as a writer would reopen it.
  await page.reload();
  await expect(column(page, 1).getByTestId('beat-text').first()).toHaveText('S1 beat 1');
  await expect.poll(width).toBe(400);
  await page.getByRole('button', { name: 'Back to the library' }).click();
  await page.getByRole('button', { name: new RegExp(`^Open ${STORY}:`) }).click();
  await expect(column(page, 1).getByTestId('beat-text').first()).toHaveText('S1 beat 1');
  await expect.poll(width).toBe(400);
});

test('a long beat is clamped with Show more and Show less', async ({ app: page, host }) => {
  await open(page, host);
  const card = page.locator('.beat', { hasText: 'The storm log goes on' });
  await card.scrollIntoViewIfNeeded();
  const height = () => card.evaluate((el) => el.getBoundingClientRect().height);
  expect(await height()).toBeLessThan(260);
  const more = card.getByRole('button', { name: 'Show more' });
  await more.click();
  await expect(card.getByRole('button', { name: 'Show less' })).toHaveAttribute(
    'aria-expanded',
    'true',
  );
  await expect.poll(height).toBeGreaterThan(1000);
  await card.getByRole('button', { name: 'Show less' }).click();
  await expect.poll(height).toBeLessThan(260);
  // A search match past the eighth line shows while it is the current match.
  await page.keyboard.press(`${MOD}+F`);
  await page.getByRole('searchbox').fill('End of the log');
  await expect(page.locator('#board-search-count')).toHaveText('1 of 1');
  await expect.poll(height).toBeGreaterThan(1000);
  await page.keyboard.press('Escape');
  await expect.poll(height).toBeLessThan(260);

  // Short beats offer no toggle.
  await expect(page.getByRole('button', { name: 'Show more' })).toHaveCount(1);

  // A beat made long by the writer is clamped when they leave it, with its toggle.
  await column(page, 1).getByTestId('beat-text').nth(1).click();
  await page.getByRole('textbox', { name: 'Beat 2 description' }).fill(LONG_BEAT);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Show more' })).toHaveCount(2);
});
