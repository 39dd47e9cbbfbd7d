import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { holdRequests, importStory } from './api';
import type { BeatlineHost } from './fixtures';

/**
 * Search on the board (issue 16), the gaps a writer found: Enter pressed before the answer
 * arrives, and seeing what each match says before going there.
 */

const STORY = 'The Lamp Keepers';
const EVENTS = 30;
const MOD = process.platform === 'darwin' ? 'Meta' : 'Control';

function beatsOf(e: number): string[] {
  const beats = Array.from({ length: 5 }, (_, b) => `S${e} beat ${b + 1}`);
  if (e === 3) beats[1] = 'At dusk the lighthouse keeper climbs the stairs to light the lamp';
  if (e === 17) beats[2] = 'A second LIGHTHOUSE, far out, blinks back';
  if (e === 28) beats[4] = 'The old keeper remembers the lighthouse of his childhood';
  return beats;
}

/** The story, imported as one story file, and opened. */
async function open(page: Page, host: BeatlineHost): Promise<void> {
  await importStory(
    host,
    STORY,
    Array.from({ length: EVENTS }, (_, i) => ({
      title: `Scene ${i + 1}`,
      beats: beatsOf(i + 1).map((text) => [text]),
    })),
  );
  await page.reload();
  await page.getByRole('button', { name: new RegExp(`^Open ${STORY}:`) }).click();
  await expect(page.getByTestId('beat-text').first()).toHaveText('S1 beat 1');
}

/** Holds every search answer until the returned function is called. */
const holdSearches = (page: Page) => holdRequests(page, 'moments:search');

const searchBox = (page: Page) => page.getByRole('searchbox', { name: 'Search the story’s beats' });
const count = (page: Page) => page.locator('#board-search-count');
const card = (page: Page, text: string) => page.locator('.beat', { hasText: text });

test('Enter pressed before the answer arrives is kept: the match it asked for is shown', async ({
  app: page,
  host,
}) => {
  await open(page, host);
  await page.keyboard.press(`${MOD}+F`);
  await expect(searchBox(page)).toBeFocused();

  // One Enter while the library has not answered yet: the first match, once the answer comes.
  let release = await holdSearches(page);
  await searchBox(page).fill('lighthouse');
  await page.keyboard.press('Enter');
  await expect(count(page)).toHaveText('');
  release();
  await expect(count(page)).toHaveText('1 of 3');
  await expect(card(page, 'At dusk the lighthouse keeper')).toBeInViewport();
  await page.unroute('**/api/moments:search');

  // Other text, three Enters before its answer: the third match (not steps through the answer
  // to the text before, then back to the first).
  release = await holdSearches(page);
  await searchBox(page).fill('ighthouse');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Enter');
  release();
  await expect(count(page)).toHaveText('3 of 3');
  await expect(card(page, 'The old keeper remembers')).toBeInViewport();
  await page.unroute('**/api/moments:search');

  // Typed away and back before the answers: the text's answer on screen is walked at once, and
  // the fresh answer to the same text does not send the writer back to the first match.
  release = await holdSearches(page);
  await page.keyboard.type('x');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Shift+Enter');
  await expect(count(page)).toHaveText('2 of 3');
  release();
  await page.waitForResponse('**/api/moments:search');
  await expect(count(page)).toHaveText('2 of 3');
  await page.unroute('**/api/moments:search');

  // Shift+Enter before the answer: the last match.
  release = await holdSearches(page);
  await searchBox(page).fill('LIGHT');
  await page.keyboard.press('Shift+Enter');
  release();
  await expect(count(page)).toHaveText('3 of 3');
});

test('each match shows a snippet of its text with the hit marked; the keyboard walks them', async ({
  app: page,
  host,
}) => {
  await open(page, host);
  await page.keyboard.press(`${MOD}+F`);
  await searchBox(page).fill('lighthouse');
  await expect(count(page)).toHaveText('1 of 3');

  const results = page.getByRole('listbox', { name: 'Matches' });
  const options = results.getByRole('option');
  await expect(options).toHaveCount(3);
  await expect(options.nth(0)).toContainText('Event 3');
  await expect(options.nth(0)).toContainText('At dusk the lighthouse keeper climbs');
  await expect(options.nth(1)).toContainText('Event 17');
  await expect(options.nth(2)).toContainText('Event 28');
  // The hit itself is marked, as the writer typed it or not.
  await expect(options.nth(0).locator('mark')).toHaveText('lighthouse');
  await expect(options.nth(1).locator('mark')).toHaveText('LIGHTHOUSE');
  await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true');

  await page.keyboard.press('Enter');
  await expect(count(page)).toHaveText('2 of 3');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(options.nth(0)).toHaveAttribute('aria-selected', 'false');
  await expect(card(page, 'A second LIGHTHOUSE')).toBeInViewport();
  await expect(searchBox(page)).toBeFocused();

  await page.keyboard.press('Shift+Enter');
  await page.keyboard.press('Shift+Enter');
  await expect(count(page)).toHaveText('3 of 3');
  await expect(options.nth(2)).toHaveAttribute('aria-selected', 'true');
  await expect(card(page, 'The old keeper remembers')).toBeInViewport();

  // A click on a match goes there, and the box keeps the keyboard.
  await options.nth(1).click();
  await expect(count(page)).toHaveText('2 of 3');
  await expect(card(page, 'A second LIGHTHOUSE')).toBeInViewport();
  await expect(searchBox(page)).toBeFocused();
  await page.screenshot({ path: '/tmp/beatline-search-snippets.png' });

  await searchBox(page).fill('no such words');
  await expect(count(page)).toHaveText('No matches');
  await expect(results).toBeHidden();
});
