import { expect, test } from './fixtures';
import { hostApi, must } from './api';
import { readDatabase } from './database';
import { expectSaved } from './timeline';
import type { Locator, Page } from '@playwright/test';
import type { BeatlineHost } from './fixtures';

/**
 * A story far larger than the screen: the timeline renders only what is in view (the DOM
 * stays bounded), loads beats in windows, and drags still reach events that are off screen.
 * No timings here: those are `npm run bench:ui`'s job.
 */

const STORY = 'The Long Voyage';
const EVENTS = 200;
const BEATS = 20;
const DOM_BUDGET = 5_000;

const beatText = (event: number, beat: number) => `S${event} beat ${beat}`;

/** The story, imported as one story file through the host (fast: one call, one transaction). */
async function seedLargeStory(host: BeatlineHost): Promise<void> {
  const file = {
    format: 'beatline-story',
    version: 1,
    story: {
      title: STORY,
      events: Array.from({ length: EVENTS }, (_, e) => ({
        title: `Scene ${e + 1}`,
        description: e % 7 === 0 ? 'A longer scene, with a description that wraps.' : '',
        moments: Array.from({ length: BEATS }, (_, b) => ({
          beat_description:
            b % 5 === 4
              ? `${beatText(e + 1, b + 1)}: a beat long enough to wrap onto a second and a third line of its card`
              : beatText(e + 1, b + 1),
          timestamp_offset: b % 3 === 0 ? b * 15 : null,
        })),
      })),
    },
  };
  must(await hostApi(host).stories.import({ format: 'json', content: JSON.stringify(file) }));
}

/** Every channel call the page makes, with its input. */
function recordCalls(page: Page): { channel: string; input: Record<string, unknown> }[] {
  const calls: { channel: string; input: Record<string, unknown> }[] = [];
  page.on('request', (request) => {
    const match = /\/api\/([a-z]+:[a-z-]+)$/.exec(request.url());
    if (match) calls.push({ channel: match[1]!, input: JSON.parse(request.postData() ?? '{}') });
  });
  return calls;
}

async function openLargeStory(page: Page, host: BeatlineHost) {
  await seedLargeStory(host);
  const calls = recordCalls(page);
  await page.reload();
  await page.getByRole('button', { name: new RegExp(`^Open ${STORY}:`) }).click();
  await expect(event(page, 1).getByTestId('beat-text').first()).toHaveText(beatText(1, 1));
  return calls;
}

/** An event's column by its number (1-based), wherever it is in the DOM. */
function event(page: Page, n: number): Locator {
  return page.getByRole('region', { name: new RegExp(`^Event ${n}: `) });
}

const domSize = (page: Page) => page.evaluate<number>("document.querySelectorAll('*').length");
const board = (page: Page) => page.locator('[data-board]');

/** Scrolls the board so that event `n` (1-based) is the first column in view. */
async function scrollBoardTo(page: Page, n: number): Promise<void> {
  await board(page).evaluate(
    (el, left) => {
      el.scrollLeft = left;
    },
    24 + (n - 1) * 302,
  );
}

test('a 200-event story renders only what is on screen, and loads beats in windows', async ({
  app: page,
  host,
}) => {
  const calls = await openLargeStory(page, host);
  await expect(page.getByText(`${EVENTS} events · ${EVENTS * BEATS} beats`)).toBeVisible();
  expect(await domSize(page)).toBeLessThanOrEqual(DOM_BUDGET);
  const columns = page.locator('[data-event-column]');
  expect(await columns.count()).toBeLessThan(20);

  for (const n of [50, 100, 150, EVENTS - 3]) {
    await scrollBoardTo(page, n);
    await expect(event(page, n).getByTestId('beat-text').first()).toHaveText(beatText(n, 1));
    await expect(
      event(page, n + 1)
        .getByTestId('beat-text')
        .first(),
    ).toHaveText(beatText(n + 1, 1));
    expect(await domSize(page)).toBeLessThanOrEqual(DOM_BUDGET);
    expect(await columns.count()).toBeLessThan(20);
  }
  await expect(event(page, 1)).toHaveCount(0);

  // Down a column: the last beats come into view and the DOM stays bounded.
  const list = event(page, 100).locator('[data-beat-list]');
  await scrollBoardTo(page, 100);
  await list.evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  await expect(event(page, 100).getByText(beatText(100, BEATS), { exact: false })).toBeVisible();
  expect(await domSize(page)).toBeLessThanOrEqual(DOM_BUDGET);

  // The story was opened from its outline and read in windows, never whole.
  const channels = calls.map((c) => c.channel);
  expect(channels).toContain('stories:outline');
  expect(channels).not.toContain('stories:load');
  const ranges = calls.filter((c) => c.channel === 'moments:range');
  expect(ranges.length).toBeGreaterThan(0);
  for (const r of ranges) expect(r.input.limit).toBeLessThanOrEqual(2_000);
  const eventsRead = new Set(ranges.map((r) => r.input.eventId));
  expect(eventsRead.size).toBeLessThan(EVENTS);
});

test('a beat reaches an off-screen event by pointer (auto-scroll) and by keyboard; the order persists', async ({
  app: page,
  host,
}) => {
  await openLargeStory(page, host);
  const boardBox = (await board(page).boundingBox())!;

  // Pointer: pick up the first beat of event 1 and hold it at the right edge of the board.
  const source = event(page, 1).locator('[data-beat-id]').first();
  const box = (await source.boundingBox())!;
  await page.mouse.move(box.x + 24, box.y + 12);
  await page.mouse.down();
  await page.mouse.move(box.x + 30, box.y + 18, { steps: 2 });
  const rowY = box.y + 60;
  await page.mouse.move(boardBox.x + boardBox.width - 6, rowY, { steps: 12 });
  await expect.poll(() => board(page).evaluate((el) => el.scrollLeft)).toBeGreaterThan(3_000);

  // Then into the middle of the board (auto-scroll stops), and over the top half of the second
  // beat of the event nearest the middle, once the board has come to rest.
  const middle = boardBox.x + boardBox.width / 2;
  await page.mouse.move(middle, rowY, { steps: 8 });
  let resting = -1;
  await expect
    .poll(async () => {
      const left = await board(page).evaluate((el) => el.scrollLeft);
      const still = left === resting;
      resting = left;
      return still;
    })
    .toBe(true);
  const findTarget = () =>
    board(page).evaluate((el, x) => {
      let best = { event: NaN, x: 0, top: 0, distance: Infinity };
      for (const column of el.querySelectorAll('[data-event-column]')) {
        const box = column.getBoundingClientRect();
        const distance = Math.abs(box.left + box.width / 2 - x);
        const card = column.querySelectorAll('[data-beat-id]')[1]?.getBoundingClientRect();
        const label: string = column.getAttribute('aria-label') ?? '';
        if (card && distance < best.distance) {
          best = {
            event: Number(/^Event (\d+):/.exec(label)?.[1]),
            x: box.left + box.width / 2,
            top: card.top + card.height * 0.25,
            distance,
          };
        }
      }
      return best;
    }, middle);
  await expect.poll(async () => (await findTarget()).event).toBeGreaterThan(10);
  const target = await findTarget();
  await page.mouse.move(target.x, target.top, { steps: 5 });
  await page.mouse.move(target.x, target.top + 1);
  await page.mouse.up();

  const moved = beatText(1, 1);
  const landed = event(page, target.event).getByTestId('beat-text');
  await expect(landed.nth(1)).toHaveText(moved);
  await expect(landed.nth(0)).toHaveText(beatText(target.event, 1));
  await expect(event(page, target.event)).toContainText(`${BEATS + 1} beats`);
  await expectSaved(page);

  // Keyboard: back at the start, carry the (new) first beat of event 1 some fifteen events
  // right, through columns that are not rendered yet, one place down, and drop it.
  const far = target.event === 16 ? 17 : 16;
  await scrollBoardTo(page, 1);
  const first = event(page, 1).locator('[data-beat-id]').first();
  await expect(first).toContainText(beatText(1, 2));
  await first.focus();
  await page.keyboard.press('Space');
  await expect(event(page, far)).toHaveCount(0);
  for (let i = 1; i < far; i += 1) await page.keyboard.press('ArrowRight');
  await expect(page.locator('[aria-live="assertive"]')).toContainText(`event ${far}, Scene ${far}`);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Space');
  const carried = event(page, far).locator('[data-beat-id]').nth(1);
  await expect(carried).toContainText(beatText(1, 2));
  await expect(carried).toBeFocused();
  await expect(carried).toBeInViewport();
  await expect(event(page, 1)).toHaveCount(0);
  await expectSaved(page);

  const expected = (stored: { beats: { text: string }[] }[]) => {
    expect(stored[0]!.beats.map((b) => b.text.split(':')[0])).toEqual(
      Array.from({ length: BEATS - 2 }, (_, b) => beatText(1, b + 3)),
    );
    expect(stored[target.event - 1]!.beats.slice(0, 3).map((b) => b.text.split(':')[0])).toEqual([
      beatText(target.event, 1),
      moved,
      beatText(target.event, 2),
    ]);
    expect(stored[far - 1]!.beats.slice(0, 3).map((b) => b.text.split(':')[0])).toEqual([
      beatText(far, 1),
      beatText(1, 2),
      beatText(far, 2),
    ]);
  };
  expected(readDatabase(host.dbPath)[0]!.events);

  // After a reload the story opens where it was, with the moved beats where they were dropped.
  await page.reload();
  await expect(event(page, 1).getByTestId('beat-text').first()).toHaveText(beatText(1, 3));
  await scrollBoardTo(page, far);
  await expect(event(page, far).getByTestId('beat-text').nth(1)).toHaveText(beatText(1, 2));
  await scrollBoardTo(page, target.event);
  await expect(event(page, target.event).getByTestId('beat-text').nth(1)).toHaveText(moved);
  expected(readDatabase(host.dbPath)[0]!.events);
});

/** A story of `events` events named E1.., each with `beats(e)` beats named `e<E> b<B>`. */
async function seedNamedStory(
  host: BeatlineHost,
  title: string,
  events: number,
  beats: (event: number) => number,
): Promise<void> {
  const file = {
    format: 'beatline-story',
    version: 1,
    story: {
      title,
      events: Array.from({ length: events }, (_, e) => ({
        title: `E${e + 1}`,
        moments: Array.from({ length: beats(e + 1) }, (_, b) => ({
          beat_description: `e${e + 1} b${b + 1}`,
        })),
      })),
    },
  };
  must(await hostApi(host).stories.import({ format: 'json', content: JSON.stringify(file) }));
}

test('arrow keys walk into columns not loaded yet; an event carried 30 places; Add event at the far end', async ({
  app: page,
  host,
}) => {
  await seedNamedStory(host, 'Sixty', 60, () => 5);
  await page.reload();
  await page.getByRole('button', { name: /^Open Sixty:/ }).click();
  await expect(event(page, 1).getByTestId('beat-text').first()).toHaveText('e1 b1');

  // Twenty presses right, faster than the beats load: the focus lands where they point.
  await event(page, 1).locator('[data-beat-id]').nth(2).focus();
  for (let i = 0; i < 20; i += 1) await page.keyboard.press('ArrowRight');
  const landed = event(page, 21).locator('[data-beat-id]').nth(2);
  await expect(landed).toBeFocused();
  await expect(landed).toBeInViewport();
  await page.keyboard.press('ArrowDown');
  await expect(event(page, 21).locator('[data-beat-id]').nth(3)).toBeFocused();
  for (let i = 0; i < 20; i += 1) await page.keyboard.press('ArrowLeft');
  await expect(event(page, 1).locator('[data-beat-id]').nth(3)).toBeFocused();

  // An event carried thirty places right with the keyboard.
  await page.getByRole('button', { name: /^Move event 2,/ }).focus();
  await page.keyboard.press('Space');
  for (let i = 0; i < 30; i += 1) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  const moved = page.getByRole('button', { name: /^Move event 32, E2$/ });
  await expect(moved).toBeFocused();
  await expect(moved).toBeInViewport();
  await expectSaved(page);
  expect(readDatabase(host.dbPath)[0]!.events[31]!.title).toBe('E2');

  // Add event, at the far end of the track.
  await page.getByRole('button', { name: 'Add event' }).click();
  await expect(page.getByLabel('Title of event 61')).toBeFocused();
  await page.keyboard.type('The end');
  await page.keyboard.press('Enter');
  await event(page, 61).getByRole('button', { name: 'Add beat' }).click();
  await page.keyboard.type('last beat');
  await page.keyboard.press('Tab');
  await expectSaved(page);
  expect(readDatabase(host.dbPath)[0]!.events[60]).toMatchObject({
    title: 'The end',
    beats: [{ text: 'last beat', offset: null }],
  });
  expect(await page.locator('[data-event-column]').count()).toBeLessThan(20);
});

/** Beats of the long event: several windows, so only part of it is loaded at first. */
const LONG = 300;

test('a partly loaded event deleted and undone comes back whole; a refused move under another resyncs', async ({
  app: page,
  host,
}) => {
  test.setTimeout(180_000);
  await seedNamedStory(host, 'Lopsided', 2, (e) => (e === 1 ? LONG : 3));
  await page.reload();
  await page.getByRole('button', { name: /^Open Lopsided:/ }).click();
  const big = event(page, 1);
  const small = event(page, 2);
  await expect(big.getByTestId('beat-text').first()).toHaveText('e1 b1');
  await expect(big).toContainText(`${LONG} beats`);
  // Far down the long list, then back up: rows arrive and go as they scroll by.
  const list = big.locator('[data-beat-list]');
  await list.evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  await expect(big.getByText(`e1 b${LONG}`, { exact: true })).toBeVisible();
  await list.evaluate((el) => {
    el.scrollTop = 0;
  });
  await expect(big.getByText('e1 b1', { exact: true })).toBeVisible();
  expect(await big.locator('[data-beat-id]').count()).toBeLessThan(60);

  // A move refused by the host while a second one is already stacked on it: the timeline
  // cannot simply roll back, so it reloads what it shows and ends up matching the file.
  let refused = false;
  await page.route('**/api/moments:move', async (route) => {
    if (refused) return route.continue();
    refused = true;
    await new Promise((done) => setTimeout(done, 300));
    return route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ ok: false, error: { code: 'conflict', message: 'Not now.' } }),
    });
  });
  await small.locator('[data-beat-id]').first().focus();
  for (const key of ['Space', 'ArrowDown', 'Space', 'Space', 'ArrowDown', 'Space']) {
    await page.keyboard.press(key);
  }
  await expect(page.locator('.toast.error')).toContainText('Not now.');
  await expectSaved(page);
  await page.unroute('**/api/moments:move');
  const stored = readDatabase(host.dbPath)[0]!.events;
  await expect(small.getByTestId('beat-text')).toHaveText(stored[1]!.beats.map((b) => b.text));
  await expect(big.getByTestId('beat-text').first()).toHaveText('e1 b1');

  // Deleting the long event reads all its beats first, so Undo brings every one back.
  await big.getByRole('button', { name: /^Delete event 1/ }).click();
  await page.getByRole('button', { name: 'Delete event', exact: true }).click();
  await expect(page.getByRole('region', { name: /^Event 1: E2/ })).toBeVisible();
  await expectSaved(page);
  expect(readDatabase(host.dbPath)[0]!.events).toHaveLength(1);
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('region', { name: /^Event 1: E1/ })).toContainText(`${LONG} beats`);
  // Undo re-creates the beats one call at a time: give it time.
  await expect(page.getByRole('status').filter({ hasText: /Saved|Saving/ })).toHaveText('Saved', {
    timeout: 120_000,
  });
  expect(readDatabase(host.dbPath)[0]!.events[0]!.beats.map((b) => b.text)).toEqual(
    Array.from({ length: LONG }, (_, b) => `e1 b${b + 1}`),
  );
});
