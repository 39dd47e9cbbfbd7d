import { expect, test } from './fixtures';
import { hostApi, must, seedStory } from './api';
import { readDatabase } from './database';

/**
 * Issue 12, h77: text kept in local storage when a page closed (keptDrafts.ts) is offered by
 * every page that opens on its library. Two tabs opened at the same moment both read the beat
 * as it was and both save the kept text over it: the second found the first's write and said
 * "changed in another window" about the writer's own text, holding it in a notice.
 */

test('two tabs opened at once on a library with a kept text save it once, quietly', async ({
  app: page,
  host,
}) => {
  await seedStory(host, 'Storm Log', [{ title: 'Squall', beats: [['Original']] }]);
  const api = hostApi(host);
  const [story] = must(await api.stories.list({}));
  const [event] = must(await api.events.list({ storyId: story!.id }));
  const [moment] = must(await api.moments.list({ eventId: event!.id }));
  const library = must(await api.library.health({})).libraryKey;
  const kept = {
    target: { kind: 'beat', id: moment!.id },
    text: 'Original, mine',
    base: { text: 'Original', stamp: moment!.updatedAt },
    sending: null,
    library,
  };
  const stored = JSON.stringify({ [`${library}/beat:${moment!.id}`]: kept });
  await page.evaluate((value) => localStorage.setItem('beatline.keptDrafts', value), stored);

  // Each tab's save waits until both have sent theirs: both read the beat as it was.
  const context = page.context();
  let sent = 0;
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await context.route('**/api/moments:update', async (route) => {
    sent += 1;
    await released;
    await route.continue();
  });
  const tabs = await Promise.all([context.newPage(), context.newPage()]);
  await Promise.all(tabs.map((tab) => tab.goto(page.url())));
  await expect.poll(() => sent).toBe(2);
  release();

  await expect
    .poll(() => readDatabase(host.dbPath)[0]?.events[0]?.beats[0]?.text)
    .toBe('Original, mine');
  for (const tab of tabs) {
    await expect(tab.locator('.save-status')).toHaveText('Saved');
    await expect
      .poll(() => tab.evaluate(() => localStorage.getItem('beatline.keptDrafts')))
      .toBe(null);
  }
  const said = async () =>
    (await Promise.all(tabs.map((tab) => tab.locator('.toast').allTextContents()))).flat();
  // One tab says it saved the text; neither calls it changed elsewhere or holds it.
  await expect.poll(said).toEqual([expect.stringMatching(/Saved what you typed/)]);
});
