import { expect, test } from './fixtures';
import { addBeats, addEvent, beat, createStory } from './timeline';

test('smoke', async ({ app: page }) => {
  await page.screenshot({ path: '/tmp/shot-empty.png' });
  await createStory(page, 'The Lighthouse Keeper');
  await page.screenshot({ path: '/tmp/shot-story-empty.png' });
  await addEvent(page, 'Arrival');
  await addBeats(page, 0, ['Mara rows out at dusk, the sea flat as slate', 'The lamp is dark', 'A knock from inside']);
  await addEvent(page, 'The log book');
  await addBeats(page, 1, ['Pages torn out', 'A name she knows']);
  await beat(page, 0, 1).getByLabel('Time offset of beat 2').fill('1:30');
  await beat(page, 0, 1).getByLabel('Time offset of beat 2').press('Enter');
  await beat(page, 1, 0).hover();
  await page.screenshot({ path: '/tmp/shot-story.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: '/tmp/shot-story-dark.png' });
  await page.getByRole('button', { name: 'Back to the library' }).click();
  await page.screenshot({ path: '/tmp/shot-library-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.screenshot({ path: '/tmp/shot-library.png' });
  await expect(page.getByText('Saved')).toBeVisible();
});
