// Issue 13, item 8: the browser host's address typed as localhost instead of 127.0.0.1 works
// the same (it used to load, then say it was "opened without its access key").
import type { BeatlineBridge } from '../../electron/core/contract/api';
import { expect, test } from './fixtures';

test('the page opened as localhost reads and writes the library', async ({ page, host }) => {
  const address = host.url.replace('//127.0.0.1:', '//localhost:');
  expect(address).toMatch(/^http:\/\/localhost:\d+\/#token=/);
  await page.goto(address);
  await expect(page.getByRole('heading', { name: 'Your stories' })).toBeVisible();
  // The first read went through: the empty library, not the "access key" error.
  await expect(page.getByRole('heading', { name: 'No stories yet' })).toBeVisible();
  await expect(page.getByText(/without its access key/)).toHaveCount(0);
  const listed = await page.evaluate(async () => {
    const api = (globalThis as unknown as { beatline: BeatlineBridge }).beatline;
    const created = await api.stories.create({ title: 'Opened as localhost' });
    const stories = await api.stories.list({});
    return { created: created.ok, titles: stories.ok ? stories.value.map((s) => s.title) : [] };
  });
  expect(listed).toEqual({ created: true, titles: ['Opened as localhost'] });
});
