import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { seedStory } from './api';
import { readDatabase } from './database';
import { beat, expectBeats, expectSaved, offsetField } from './timeline';

/**
 * Issue 12, found by h45: a writer leaves the page (reload, another tab, another window) with
 * typing still in a field. The SQLite file is read after.
 */

const STORY = 'Harbour';

/** Opens `STORY`, seeded with one event of `beats`. */
async function openStory(
  page: Page,
  host: Parameters<typeof seedStory>[0],
  beats: string[],
): Promise<void> {
  await seedStory(host, STORY, [{ title: 'Quay', beats: beats.map((text) => [text]) }]);
  await page.reload();
  await page.getByRole('button', { name: new RegExp(`^Open ${STORY}:`) }).click();
  await expectBeats(page, 0, beats);
}

/** The page goes to the background (another tab or window in front), as Chromium tells it. */
async function setVisibility(page: Page, state: 'hidden' | 'visible'): Promise<void> {
  // A string: the e2e build has no DOM types.
  await page.evaluate(`(() => {
    Object.defineProperty(document, 'visibilityState', { value: '${state}', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  })()`);
}

const firstBeat = (dbPath: string) => readDatabase(dbPath)[0]!.events[0]!.beats[0]!;

test('a time typed and the page reloaded before leaving the field keeps the time', async ({
  app: page,
  host,
}) => {
  await openStory(page, host, ['Ropes thrown']);
  await beat(page, 0, 0).locator('.offset').click();
  await expect(offsetField(page, 0, 0)).toBeFocused();
  await page.keyboard.type('1:30');
  // The field holds what the library does not yet: the status does not say Saved.
  await expect(page.locator('.save-status')).toContainText('Saving');
  await page.reload();
  await expect.poll(() => firstBeat(host.dbPath).offset).toBe(90);
  await expect(offsetField(page, 0, 0)).toHaveValue('1:30');
});

test('switching away while typing saves the text, and no false conflict follows', async ({
  app: page,
  host,
}) => {
  await openStory(page, host, ['Gulls']);
  await beat(page, 0, 0).getByTestId('beat-text').click();
  await page.keyboard.press('End');
  await page.keyboard.type(' circle');
  await setVisibility(page, 'hidden');
  await expect.poll(() => firstBeat(host.dbPath).text).toBe('Gulls circle');
  // Back to the page: the typing goes on, saved over what it saved itself.
  await page.waitForTimeout(1_000);
  await setVisibility(page, 'visible');
  await page.keyboard.type(' the mast');
  await page.keyboard.press('Tab');
  await expectSaved(page);
  await expect(beat(page, 0, 0).getByRole('alert')).toHaveCount(0);
  expect(firstBeat(host.dbPath).text).toBe('Gulls circle the mast');
});

test('a half-typed time survives switching away, with its reason', async ({ app: page, host }) => {
  await openStory(page, host, ['Bell']);
  await beat(page, 0, 0).locator('.offset').click();
  await page.keyboard.type('1:');
  await setVisibility(page, 'hidden');
  await setVisibility(page, 'visible');
  await expect(offsetField(page, 0, 0)).toHaveValue('1:');
  await page.keyboard.type('05');
  await page.keyboard.press('Enter');
  await expectSaved(page);
  expect(firstBeat(host.dbPath).offset).toBe(65);
});

test('Escape leaves a time field keeping a typed time, as it does a text field', async ({
  app: page,
  host,
}) => {
  await openStory(page, host, ['Anchor']);
  await beat(page, 0, 0).locator('.offset').click();
  await page.keyboard.type('2:05');
  await page.keyboard.press('Escape');
  await expect(beat(page, 0, 0)).toBeFocused();
  await expect(offsetField(page, 0, 0)).toHaveValue('2:05');
  await expectSaved(page);
  expect(firstBeat(host.dbPath).offset).toBe(125);
});

test('a time typed and left in its field reaches the library within a second', async ({
  app: page,
  host,
}) => {
  await openStory(page, host, ['Tide turns']);
  await beat(page, 0, 0).locator('.offset').click();
  await page.keyboard.type('45');
  // The writer stays in the field: the time is saved, the text stays as typed.
  await expect.poll(() => firstBeat(host.dbPath).offset, { timeout: 3_000 }).toBe(45);
  await expectSaved(page);
  await expect(offsetField(page, 0, 0)).toBeFocused();
  await expect(offsetField(page, 0, 0)).toHaveValue('45');
});
