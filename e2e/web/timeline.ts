import { expect, type Locator, type Page } from '@playwright/test';
import type { WebHost } from '../../electron/web/server';
import { seedStory, type SeedEvent } from './api';

/** Page helpers for the browser-host suite: they act the way a writer does, through the UI. */

export async function createStory(page: Page, title: string): Promise<void> {
  const start = page.getByRole('button', { name: /^(New story|Create your first story)$/ });
  await start.first().click();
  await page.getByLabel('Title of the new story').fill(title);
  await page.getByRole('button', { name: 'Create story', exact: true }).click();
  await expect(page.getByLabel('Story title')).toHaveValue(title);
}

/** The event column at 0-based `index`, in the order shown. */
export function column(page: Page, index: number): Locator {
  return page.locator('[data-event-column]').nth(index);
}

export function beatCards(page: Page, eventIndex: number): Locator {
  return column(page, eventIndex).locator('[data-beat-id]');
}

export function beat(page: Page, eventIndex: number, beatIndex: number): Locator {
  return beatCards(page, eventIndex).nth(beatIndex);
}

/** Adds an event at the end and names it. */
export async function addEvent(page: Page, title: string): Promise<void> {
  const count = await page.locator('[data-event-column]').count();
  const button = page.getByRole('button', { name: /^(Add event|Add the first event)$/ });
  await button.click();
  const titleField = column(page, count).getByLabel(`Title of event ${count + 1}`);
  await expect(titleField).toBeFocused();
  await titleField.fill(title);
  await titleField.press('Enter');
  await expect(titleField).toHaveValue(title);
}

/**
 * Adds beats at the end of an event by typing: the first through the Add beat button,
 * the rest with Enter at the end of the previous beat's text. The new beat is found by focus,
 * not by counting the cards, because an event's beats may still be loading when it starts.
 */
export async function addBeats(page: Page, eventIndex: number, texts: string[]): Promise<void> {
  const col = column(page, eventIndex);
  const focusedBeat = col
    .getByRole('textbox', { name: /^Beat \d+ description$/ })
    .and(page.locator(':focus'));
  await col.getByRole('button', { name: 'Add beat' }).click();
  for (const [i, text] of texts.entries()) {
    await expect(focusedBeat).toHaveCount(1);
    await expect(focusedBeat).toHaveValue('');
    await page.keyboard.type(text);
    if (i < texts.length - 1) await page.keyboard.press('Enter');
  }
  // Leave the last beat: Tab moves on (Escape would revert the edit).
  await page.keyboard.press('Tab');
  await expect
    .poll(async () => (await col.getByTestId('beat-text').allTextContents()).slice(-texts.length))
    .toEqual(texts);
  await expectSaved(page);
}

/** The beat texts of an event, top to bottom, as the writer sees them. */
export async function expectBeats(page: Page, eventIndex: number, texts: string[]): Promise<void> {
  await expect(column(page, eventIndex).getByTestId('beat-text')).toHaveText(texts);
}

/** The event titles, left to right. */
export async function expectEvents(page: Page, titles: string[]): Promise<void> {
  const fields = page.locator('[data-event-column] [data-event-title]');
  await expect(fields).toHaveCount(titles.length);
  for (const [i, title] of titles.entries()) await expect(fields.nth(i)).toHaveValue(title);
}

/** Waits until every change has been answered by the host. */
export async function expectSaved(page: Page): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: /Saved|Saving/ })).toHaveText('Saved');
}

/**
 * A pointer drag the way a hand does it: press, nudge past the drag threshold, then glide to
 * the target in steps, and release.
 */
export async function pointerDrag(
  page: Page,
  source: Locator,
  target: { x: number; y: number },
): Promise<void> {
  const box = await source.boundingBox();
  if (!box) throw new Error('the drag source is not visible');
  const start = { x: box.x + 24, y: box.y + 12 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 4, start.y + 6, { steps: 2 });
  await page.mouse.move(target.x, target.y, { steps: 10 });
  // Let the last pointer position take effect before release.
  await page.mouse.move(target.x, target.y + 1);
  await page.mouse.up();
}

/** A point in the upper or lower half of an element: where a dragged item would land. */
export async function pointIn(
  locator: Locator,
  where: 'top' | 'bottom' | 'center',
): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('the drop target is not visible');
  const y =
    where === 'top'
      ? box.y + box.height * 0.25
      : where === 'bottom'
        ? box.y + box.height * 0.75
        : box.y + box.height / 2;
  return { x: box.x + box.width / 2, y };
}

/** The time field of a beat; unset, it hides behind a clock icon until clicked. */
export function offsetField(page: Page, eventIndex: number, beatIndex: number): Locator {
  return beat(page, eventIndex, beatIndex).getByLabel(`Time offset of beat ${beatIndex + 1}`);
}

/** Types a time offset into a beat and leaves the field with `key` (Enter or Tab). */
export async function setOffset(
  page: Page,
  eventIndex: number,
  beatIndex: number,
  text: string,
  key: 'Enter' | 'Tab' = 'Enter',
): Promise<void> {
  await beat(page, eventIndex, beatIndex).locator('.offset').click();
  const field = offsetField(page, eventIndex, beatIndex);
  await expect(field).toBeFocused();
  await field.fill(text);
  await field.press(key);
}

/** Seeds a story of `events` into the library and opens it, its first event's beats shown. */
export async function openSeededStory(
  page: Page,
  host: WebHost,
  title: string,
  events: SeedEvent[],
): Promise<string> {
  const storyId = await seedStory(host, title, events);
  await page.reload();
  await page.getByRole('button', { name: new RegExp(`^Open ${title}:`) }).click();
  await expectBeats(
    page,
    0,
    events[0]!.beats.map(([text]) => text),
  );
  return storyId;
}

/** The writer opens Beatline again (a new tab of the same browser) at `url`. */
export async function openAgain(page: Page, url: string): Promise<Page> {
  const again = await page.context().newPage();
  await again.goto(url);
  await expect(again.getByRole('heading', { name: 'Your stories' })).toBeVisible();
  return again;
}

/** Closes the page as a writer closing the tab would; resolves to the question asked, or `closed`. */
export async function closeTab(page: Page, answer: 'stay' | 'leave'): Promise<string> {
  let asked: string | null = null;
  page.once('dialog', (dialog) => {
    asked = dialog.type();
    void (answer === 'leave' ? dialog.accept() : dialog.dismiss());
  });
  await page.close({ runBeforeUnload: true });
  // The question comes (or the page goes) after the close was asked for.
  await expect.poll(() => asked ?? (page.isClosed() ? 'closed' : null)).not.toBeNull();
  return asked ?? 'closed';
}

/** Opens the story's search with Ctrl+F and waits for its box to take the keys. */
export async function openSearch(page: Page): Promise<void> {
  await expect(page.getByLabel('Story title')).toBeVisible(); // the story is open
  await page.keyboard.press('Control+f');
  await expect(page.getByRole('searchbox', { name: 'Search the story’s beats' })).toBeFocused();
}
