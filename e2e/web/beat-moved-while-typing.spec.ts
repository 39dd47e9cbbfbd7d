import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { holdRequests, moveElsewhere } from './api';
import { readDatabase } from './database';
import { beat, column, expectBeats, expectSaved, offsetField, openSeededStory } from './timeline';
import type { BeatlineHost } from './fixtures';

/**
 * Issue 12, found by h75: another window moved a beat to another event while the writer typed
 * in it here. Its card was drawn again in the other event, and the field there started from the
 * library's text: the writer's typing vanished from under their hands (a typed time for good),
 * and the next key was refused as "changed in another window" against their own text.
 */

const STORY = 'Harbour';

/** Opens `STORY` (Quay: Ropes, Bell; Pier: Gulls); returns the ids another window uses. */
async function openStory(page: Page, host: BeatlineHost) {
  await openSeededStory(page, host, STORY, [
    { title: 'Quay', beats: [['Ropes'], ['Bell']] },
    { title: 'Pier', beats: [['Gulls']] },
  ]);
  return {
    ropes: (await beat(page, 0, 0).getAttribute('data-beat-id'))!,
    pier: (await column(page, 1).getAttribute('data-event-column'))!,
  };
}

test('a beat moved by another window while the writer types in it keeps their typing', async ({
  app: page,
  host,
}) => {
  const ids = await openStory(page, host);
  // This window's save is on its way when the move's notice comes.
  const release = await holdRequests(page, 'moments:update');
  const sent = page.waitForRequest('**/api/moments:update');
  await beat(page, 0, 0).getByTestId('beat-text').click();
  await page.keyboard.press('End');
  await page.keyboard.type(' tied');
  await sent;
  await moveElsewhere(host, ids.ropes, ids.pier);
  // The page reads the move once its own save is answered (it may have drawn it before).
  release();
  const field = column(page, 1).getByRole('textbox', { name: 'Beat 2 description' });
  await expect(field).toBeFocused();
  // The field in the beat's new place shows what the writer typed, and they type on.
  await expect(field).toHaveValue('Ropes tied');
  await page.keyboard.type(' fast');
  await expect(field).toHaveValue('Ropes tied fast');
  await expectSaved(page);
  await expect(page.getByRole('alert')).toHaveCount(0);
  const stored = readDatabase(host.dbPath)[0]!.events.map((e) => e.beats.map((b) => b.text));
  expect(stored).toEqual([['Bell'], ['Gulls', 'Ropes tied fast']]);
});

test('a time half typed when another window moves the beat stays to be finished', async ({
  app: page,
  host,
}) => {
  const ids = await openStory(page, host);
  await beat(page, 0, 0).locator('.offset').click();
  await expect(offsetField(page, 0, 0)).toBeFocused();
  await page.keyboard.type('2:');
  await moveElsewhere(host, ids.ropes, ids.pier);
  await expectBeats(page, 1, ['Gulls', 'Ropes']);
  await expect(offsetField(page, 1, 1)).toHaveValue('2:');
  await offsetField(page, 1, 1).focus();
  await page.keyboard.press('End');
  await page.keyboard.type('15');
  await page.keyboard.press('Enter');
  await expectSaved(page);
  await expect(offsetField(page, 1, 1)).toHaveValue('2:15');
  expect(readDatabase(host.dbPath)[0]!.events[1]!.beats.map((b) => b.offset)).toEqual([null, 135]);
});
