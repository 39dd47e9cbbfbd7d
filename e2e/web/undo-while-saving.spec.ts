import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { holdRequests } from './api';
import { readDatabase } from './database';
import { beat, expectBeats, expectSaved, offsetField, openSeededStory } from './timeline';
import type { BeatlineHost } from './fixtures';

/**
 * Issue 12, found by h75: Ctrl+Z pressed again while the field's typing was still on its way to
 * the library sent that typing a second time, after the first Undo had taken it back. The second
 * Undo then took back that copy instead of the step before, a new step had dropped Redo, and
 * pressing Ctrl+Z three times quickly after Enter left the new beat in place.
 */

const STORY = 'Harbour';

/** Opens `STORY`: one event, "Quay", with the beats Ropes and Bell. */
async function openStory(page: Page, host: BeatlineHost): Promise<void> {
  await openSeededStory(page, host, STORY, [{ title: 'Quay', beats: [['Ropes'], ['Bell']] }]);
}

const storedBeats = (host: BeatlineHost) =>
  readDatabase(host.dbPath)[0]!.events[0]!.beats.map((b) => [b.text, b.offset]);

/** Types `text` at the end of beat `index` of the first event, then leaves it, saved. */
async function typeInBeat(page: Page, index: number, text: string): Promise<void> {
  await beat(page, 0, index).getByTestId('beat-text').click();
  await page.keyboard.press('End');
  await page.keyboard.type(text);
}

test('Ctrl+Z twice while the typing is being saved undoes two steps and Redo brings both', async ({
  app: page,
  host,
}) => {
  await openStory(page, host);
  await typeInBeat(page, 1, ' rings');
  await page.keyboard.press('Tab');
  await expectSaved(page);

  const release = await holdRequests(page, 'moments:update');
  await typeInBeat(page, 0, ' tied');
  // The first Ctrl+Z sends the typing (held on its way), the second comes before its answer.
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  release();
  await expectSaved(page);
  expect(storedBeats(host)).toEqual([
    ['Ropes', null],
    ['Bell', null],
  ]);
  await expect(page.getByRole('textbox', { name: 'Beat 1 description' })).toHaveValue('Ropes');
  await expectBeats(page, 0, ['Bell']);

  // Nothing new was written in between: both steps are still there to redo.
  await page.keyboard.press('Control+Shift+z');
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByRole('textbox', { name: 'Beat 1 description' })).toHaveValue('Ropes tied');
  await expectBeats(page, 0, ['Bell rings']);
  await expectSaved(page);
  expect(storedBeats(host)).toEqual([
    ['Ropes tied', null],
    ['Bell rings', null],
  ]);
});

test('Ctrl+Z twice in a time field while its time is being saved undoes two steps', async ({
  app: page,
  host,
}) => {
  await openStory(page, host);
  await typeInBeat(page, 1, ' rings');
  await page.keyboard.press('Tab');
  await expectSaved(page);

  const release = await holdRequests(page, 'moments:update');
  await beat(page, 0, 0).locator('.offset').click();
  await expect(offsetField(page, 0, 0)).toBeFocused();
  await page.keyboard.type('1:30');
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  release();
  await expectSaved(page);
  expect(storedBeats(host)).toEqual([
    ['Ropes', null],
    ['Bell', null],
  ]);
  await expectBeats(page, 0, ['Ropes', 'Bell']);
  await expect(offsetField(page, 0, 0)).toHaveValue('');

  // Both steps are still there to redo.
  await page.keyboard.press('Control+Shift+z');
  await page.keyboard.press('Control+Shift+z');
  await expectBeats(page, 0, ['Ropes', 'Bell rings']);
  await expect(offsetField(page, 0, 0)).toHaveValue('1:30');
  await expectSaved(page);
  expect(storedBeats(host)).toEqual([
    ['Ropes', 90],
    ['Bell rings', null],
  ]);
});
