import { expect, test } from './fixtures';
import { seedStory } from './api';
import { storedBeatTexts } from './database';
import { beat, expectBeats, expectSaved } from './timeline';

test('undo goes back at least 100 steps, and redo comes forward again', async ({
  app: page,
  host,
}) => {
  test.setTimeout(180_000);
  await seedStory(host, 'Long Night', [{ title: 'Only', beats: [['a'], ['b'], ['c']] }]);
  await page.reload();
  await page.getByRole('button', { name: /^Open Long Night:/ }).click();
  await expectBeats(page, 0, ['a', 'b', 'c']);

  // 105 moves: the top beat to the bottom, again and again.
  const steps = 105;
  for (let i = 0; i < steps; i += 1) {
    await beat(page, 0, 0).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    // The moved beat keeps the focus, at the bottom.
    await expect(beat(page, 0, 2)).toBeFocused();
  }
  // 105 = 35 full rotations of three beats.
  await expectBeats(page, 0, ['a', 'b', 'c']);
  await page.keyboard.press('Control+z');
  await expectBeats(page, 0, ['c', 'a', 'b']);
  for (let i = 1; i < steps; i += 1) await page.keyboard.press('Control+z');
  // Next in the library's history: the seeding, done through the API (history is the library's).
  await expect(page.getByRole('button', { name: "Undo add beat 'c'" })).toBeEnabled({
    timeout: 90_000,
  });
  await expectBeats(page, 0, ['a', 'b', 'c']);
  await expectSaved(page);

  for (let i = 0; i < 2; i += 1) await page.keyboard.press('Control+Shift+z');
  await expectBeats(page, 0, ['c', 'a', 'b']);
  await expect(page.getByRole('button', { name: 'Redo move beat' })).toBeEnabled();
  await expectSaved(page);
  expect(storedBeatTexts(host.dbPath, 'Long Night')).toEqual([['c', 'a', 'b']]);
});
