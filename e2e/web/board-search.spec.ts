import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { holdRequests, hostApi, importStory, must } from './api';
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
  // Letters beyond A-Z (h54); the beat still says "beat", as every other one does.
  if (e === 9) beats[0] = 'S9 beat 1: Élodie reads the ÆTHER log in the Straße';
  if (e === 9) beats[1] = 'S9 beat 2: a letter from Σοφία';
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

test('case is folded beyond A-Z: "élodie" finds Élodie, "æther" finds ÆTHER, "strasse" finds Straße, "σοφια" finds Σοφία, each marked where it is', async ({
  app: page,
  host,
}) => {
  await open(page, host);
  await page.keyboard.press(`${MOD}+F`);
  const mark = page.getByRole('listbox', { name: 'Matches' }).getByRole('option').locator('mark');
  // The text painted on the current card (CSS highlights: no change to the card's DOM).
  const painted = () =>
    page.evaluate(
      "[...(CSS.highlights.get('beatline-search-current') ?? [])].map((r) => r.toString()).join('|')",
    );
  await searchBox(page).fill('élodie');
  await expect(count(page)).toHaveText('1 of 1');
  await expect(mark).toHaveText('Élodie');
  await expect.poll(painted).toBe('Élodie');
  await searchBox(page).fill('æther');
  await expect(count(page)).toHaveText('1 of 1');
  await expect(mark).toHaveText('ÆTHER');
  await expect.poll(painted).toBe('ÆTHER');
  // ß is ss (h74): the mark and the paint cover "Straße" as written, one character fewer.
  await searchBox(page).fill('strasse');
  await expect(count(page)).toHaveText('1 of 1');
  await expect(mark).toHaveText('Straße');
  await expect.poll(painted).toBe('Straße');
  // Greek without its tonos (h79): "σοφια" finds and marks "Σοφία".
  await searchBox(page).fill('σοφια');
  await expect(count(page)).toHaveText('1 of 1');
  await expect(mark).toHaveText('Σοφία');
  await expect.poll(painted).toBe('Σοφία');
});

test('a change from another window while the box is open never puts the old words back in it', async ({
  app: page,
  host,
}) => {
  await open(page, host);
  await page.keyboard.press(`${MOD}+F`);
  await searchBox(page).fill('lighthouse');
  await expect(count(page)).toHaveText('1 of 3');

  // Another writer edits a beat: the open search is asked again a moment later.
  const api = hostApi(host);
  const storyId = must(await api.stories.list({})).find((s) => s.title === STORY)!.id;
  const [hit] = must(await api.moments.search({ storyId, query: 'S1 beat 1', limit: 1 })).hits;
  must(await api.moments.update({ momentId: hit!.momentId, description: 'S1 beat 1, retold' }));
  await expect(page.getByTestId('beat-text').first()).toHaveText('S1 beat 1, retold');

  // The writer types new words before that moment has passed: the box keeps them.
  await searchBox(page).fill('no such words');
  await page.waitForTimeout(800);
  await expect(searchBox(page)).toHaveValue('no such words');
  await expect(count(page)).toHaveText('No matches');
});

test('the match list scrolls: the wheel goes through every match, walking keeps the current one in view', async ({
  app: page,
  host,
}) => {
  await open(page, host);
  await page.keyboard.press(`${MOD}+F`);
  // Every beat but the three lighthouse ones says "beat": 147 matches.
  await searchBox(page).fill('beat');
  await expect(count(page)).toHaveText('1 of 147');
  const results = page.getByRole('listbox', { name: 'Matches' });
  const option = (n: number) => results.locator(`[role="option"][aria-posinset="${n}"]`);
  const scroller = page.locator('.board-search-results');
  await expect(option(1)).toHaveAttribute('aria-selected', 'true');
  await expect(option(1)).toHaveAttribute('aria-setsize', '147');
  await expect(option(1)).toBeInViewport({ ratio: 1 });
  // Only the rows in view (and a few beyond) are drawn, not all 147.
  expect(await results.getByRole('option').count()).toBeLessThan(30);
  const boardLeft = () => page.locator('[data-board]').evaluate((el) => el.scrollLeft);
  const leftBefore = await boardLeft();

  // The mouse wheel over the list scrolls the list (not the board), down to the last match.
  await scroller.hover();
  await page.mouse.wheel(0, 600);
  await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  await expect(option(1)).not.toBeInViewport();
  // Another writer's edit asks the search again: the new answer leaves the list where the
  // writer scrolled it (it scrolls to the current match only when that match changes).
  const scrolledTo = await scroller.evaluate((el) => el.scrollTop);
  const api = hostApi(host);
  const storyId = must(await api.stories.list({})).find((s) => s.title === STORY)!.id;
  const [hit] = must(await api.moments.search({ storyId, query: 'S1 beat 2', limit: 1 })).hits;
  const asked = page.waitForResponse((r) => r.url().includes('moments:search'));
  must(await api.moments.update({ momentId: hit!.momentId, description: 'S1 beat 2, retold' }));
  await asked;
  await page.evaluate(
    'new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))',
  );
  expect(await scroller.evaluate((el) => el.scrollTop)).toBe(scrolledTo);
  await expect(option(1)).not.toBeInViewport();
  for (let i = 0; i < 20; i++) await page.mouse.wheel(0, 1200);
  await expect(option(147)).toBeInViewport({ ratio: 1 });
  await expect(option(147)).toContainText('Event 30');
  expect(await boardLeft()).toBe(leftBefore);
  await expect(searchBox(page)).toBeFocused();

  // Walking from the first match brings each one into the list's view: ten Enters, then ↓.
  await page.mouse.wheel(0, -100_000);
  await expect(option(1)).toBeInViewport();
  for (let i = 0; i < 10; i++) await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowDown');
  await expect(count(page)).toHaveText('12 of 147');
  await expect(option(12)).toHaveAttribute('aria-selected', 'true');
  await expect(option(12)).toBeInViewport({ ratio: 1 });
  await expect(option(1)).not.toBeInViewport();

  // Round the end: from match 13, thirteen times ↑ lands on the last, then the one before.
  await page.keyboard.press('Enter');
  for (let i = 0; i < 13; i++) await page.keyboard.press('ArrowUp');
  await expect(count(page)).toHaveText('147 of 147');
  await expect(option(147)).toBeInViewport({ ratio: 1 });
  await page.keyboard.press('ArrowUp');
  await expect(count(page)).toHaveText('146 of 147');
  await expect(option(146)).toBeInViewport({ ratio: 1 });
  await expect(option(146)).toHaveAttribute('aria-selected', 'true');
  await expect(searchBox(page)).toBeFocused();

  // A click on a row scrolled to goes there; the box keeps the keyboard.
  await option(140).click();
  await expect(count(page)).toHaveText('140 of 147');
  await expect(searchBox(page)).toBeFocused();
  await page.screenshot({ path: '/tmp/beatline-search-scroll.png' });
});
