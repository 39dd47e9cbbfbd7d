import { test } from './fixtures';
import { seedStory } from './api';
import { beat, column, pointIn } from './timeline';

test('visual states', async ({ app: page, host }) => {
  await seedStory(host, 'Visual', [
    {
      title: 'Arrival',
      description: 'Dusk.',
      beats: [['The sea is flat', 0], ['Ladder iced', 45], ['Door bolted']],
    },
    { title: 'Tower', beats: [['Supper warm'], ['Coat on hook', 62]] },
    { title: '', beats: [] },
  ]);
  await page.reload();
  await page.getByRole('button', { name: /^Open Visual:/ }).click();
  // pointer drag mid-way
  const src = beat(page, 0, 0);
  const box = (await src.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + 12);
  await page.mouse.down();
  await page.mouse.move(box.x + 26, box.y + 16, { steps: 2 });
  const t = await pointIn(beat(page, 1, 1), 'top');
  await page.mouse.move(t.x, t.y, { steps: 8 });
  await page.screenshot({ path: '/tmp/v-drag.png' });
  await page.keyboard.press('Escape');
  await page.mouse.up();
  // keyboard lifted
  await beat(page, 1, 0).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowLeft');
  await page.screenshot({ path: '/tmp/v-kbd.png' });
  await page.keyboard.press('Escape');
  // editing + offset error
  await beat(page, 0, 2).locator('.offset').click();
  await page.keyboard.type('1:99');
  await page.keyboard.press('Enter');
  await beat(page, 0, 1).getByTestId('beat-text').click();
  await page.screenshot({ path: '/tmp/v-edit.png' });
  await page.keyboard.press('Escape');
  // event drag
  const h = page.getByRole('button', { name: /^Move event 1,/ });
  const hb = (await h.boundingBox())!;
  await page.mouse.move(hb.x + 8, hb.y + 8);
  await page.mouse.down();
  await page.mouse.move(hb.x + 14, hb.y + 10, { steps: 2 });
  const c = (await column(page, 1).boundingBox())!;
  await page.mouse.move(c.x + c.width * 0.8, c.y + 60, { steps: 8 });
  await page.screenshot({ path: '/tmp/v-eventdrag.png' });
  await page.keyboard.press('Escape');
  await page.mouse.up();
  // confirm dialog
  await column(page, 0).hover();
  await page.getByRole('button', { name: /^Delete event 1/ }).click();
  await page.screenshot({ path: '/tmp/v-confirm.png' });
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete event' }).click();
  await page.screenshot({ path: '/tmp/v-toast.png' });
  await page.keyboard.press('?');
  await page.screenshot({ path: '/tmp/v-help.png' });
});
