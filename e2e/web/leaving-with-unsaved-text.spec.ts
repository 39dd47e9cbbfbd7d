import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { holdRequests, hostApi, must, seedStory } from './api';
import type { BeatlineHost } from './fixtures';
import { readDatabase } from './database';
import { beat, closeTab, expectBeats } from './timeline';

/**
 * Issue 12, found by h65: leaving the page while a field says "Not saved".
 * - With "changed in another window" beside a beat, a reload wrote the writer's text over the
 *   other writer's without a word (the page-close send carries no stamp): the conflict the
 *   writer had not settled was settled for them.
 * - A beat over the limit (or any text the library refused) was thrown away by a reload or a
 *   closed tab without a question.
 * Now the browser asks before the page goes while a field holds text the library has not
 * taken, and a conflict is never sent over the other writer's change on the way out.
 */

const STORY = 'Storm Log';

const firstBeatText = (dbPath: string) => readDatabase(dbPath)[0]?.events[0]?.beats[0]?.text;
const beatField = (page: Page) =>
  beat(page, 0, 0).getByRole('textbox', { name: 'Beat 1 description' });

/** Opens `STORY` (one beat, "Original") and types ", mine" while another writer changes it. */
async function conflictShown(page: Page, host: BeatlineHost): Promise<void> {
  await seedStory(host, STORY, [{ title: 'Squall', beats: [['Original']] }]);
  await page.reload();
  await page.getByRole('button', { name: new RegExp(`^Open ${STORY}:`) }).click();
  await expectBeats(page, 0, ['Original']);
  const momentId = (await beat(page, 0, 0).getAttribute('data-beat-id'))!;
  const release = await holdRequests(page, 'moments:update');
  await beat(page, 0, 0).getByTestId('beat-text').click();
  await page.keyboard.press('End');
  await page.keyboard.type(', mine');
  must(await hostApi(host).moments.update({ momentId, description: 'Theirs' }));
  release();
  await expect(beat(page, 0, 0).getByRole('alert')).toContainText('changed in another window');
  expect(firstBeatText(host.dbPath)).toBe('Theirs');
}

test('closing the tab with a conflict on screen asks first, and never writes over theirs', async ({
  app: page,
  host,
}) => {
  await conflictShown(page, host);

  // Asked, the writer stays: the text and the choice are still there.
  expect(await closeTab(page, 'stay')).toBe('beforeunload');
  expect(page.isClosed()).toBe(false);
  await expect(beatField(page)).toHaveValue('Original, mine');
  await expect(beat(page, 0, 0).getByRole('button', { name: 'Keep mine' })).toBeVisible();

  // Leaving anyway: the other writer's text stays in the file.
  expect(await closeTab(page, 'leave')).toBe('beforeunload');
  await expect.poll(() => page.isClosed()).toBe(true);
  // Give a page-close send every chance to land before the file is read.
  await new Promise((done) => setTimeout(done, 1_000));
  expect(firstBeatText(host.dbPath)).toBe('Theirs');
});

test('closing the tab with a beat over the limit asks first; staying keeps the text', async ({
  app: page,
  host,
}) => {
  await seedStory(host, STORY, [{ title: 'Squall', beats: [['Short']] }]);
  await page.reload();
  await page.getByRole('button', { name: new RegExp(`^Open ${STORY}:`) }).click();
  await beat(page, 0, 0).getByTestId('beat-text').click();
  const long = 'z'.repeat(20_001);
  await beatField(page).fill(long);
  await expect(page.locator('.save-status')).toContainText('Not saved');

  expect(await closeTab(page, 'stay')).toBe('beforeunload');
  await expect(beatField(page)).toHaveValue(long);
  expect(firstBeatText(host.dbPath)).toBe('Short');

  // Shortened and saved, the page goes without a question.
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Tab');
  await expect.poll(() => firstBeatText(host.dbPath)).toBe(long.slice(0, 20_000));
  expect(await closeTab(page, 'stay')).toBe('closed');
});
