import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { seedStory } from './api';
import { readDatabase } from './database';
import { beat, expectBeats, expectSaved } from './timeline';

/**
 * Issue 12, found by h45: typing on right after Undo or Redo in a field, before the library
 * has answered. The writer's own Undo is not "another window", and what the field shows is
 * what is saved.
 */

const field = (page: Page) => beat(page, 0, 0).getByRole('textbox', { name: 'Beat 1 description' });

/** Opens a story of one beat, 'Foam', and types `typed` at its end as one step (Tab). */
async function typedStep(page: Page, host: Parameters<typeof seedStory>[0], typed: string) {
  await seedStory(host, 'Wake', [{ title: 'Stern', beats: [['Foam']] }]);
  await page.reload();
  await page.getByRole('button', { name: /^Open Wake:/ }).click();
  await expectBeats(page, 0, ['Foam']);
  await beat(page, 0, 0).getByTestId('beat-text').click();
  await page.keyboard.press('End');
  await page.keyboard.type(typed);
  await page.keyboard.press('Tab');
  await expectSaved(page);
}

/** Presses `keys` in the field while the library answers the history call late, and types on. */
async function typeOnDuringLateAnswer(page: Page, verb: 'undo' | 'redo', keys: string) {
  await page.route(`**/api/history:${verb}`, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    await route.continue();
  });
  await page.keyboard.press(keys);
  await page.keyboard.type(' aft');
  const typed = await field(page).inputValue();
  await page.keyboard.press('Tab');
  await expectSaved(page);
  await expect(beat(page, 0, 0).getByRole('alert')).toHaveCount(0);
  await expectBeats(page, 0, [typed]);
  return typed;
}

test('typing on at once after Redo in a beat: no false conflict, the field is saved', async ({
  app: page,
  host,
}) => {
  await typedStep(page, host, ' trails');
  await beat(page, 0, 0).getByTestId('beat-text').click();
  await page.keyboard.press('Control+z');
  await expect(field(page)).toHaveValue('Foam');
  const typed = await typeOnDuringLateAnswer(page, 'redo', 'Control+Shift+z');
  expect(readDatabase(host.dbPath)[0]!.events[0]!.beats[0]!.text).toBe(typed);
});

test('typing on at once after Undo in a beat: no false conflict, the field is saved', async ({
  app: page,
  host,
}) => {
  await typedStep(page, host, ' one');
  // A second step of its own (typing within 2 s would merge into the first).
  await page.waitForTimeout(2_100);
  await beat(page, 0, 0).getByTestId('beat-text').click();
  await page.keyboard.press('End');
  await page.keyboard.type(' two');
  const typed = await typeOnDuringLateAnswer(page, 'undo', 'Control+z');
  expect(readDatabase(host.dbPath)[0]!.events[0]!.beats[0]!.text).toBe(typed);
});
