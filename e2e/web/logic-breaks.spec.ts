// The logic layer as a writer breaks it (h64): what the screen shows of story time and of the
// story check must be what the library holds after each move, whatever came before it.
import { expect, test } from './fixtures';
import { hostApi, must, seedStory, type SeedEvent } from './api';
import { addEvent, column, expectBeats, expectSaved } from './timeline';

const EVENTS: SeedEvent[] = [
  { title: 'Arrival', beats: [['The boat lands']] },
  { title: 'The tower', beats: [['Supper, still warm']] },
  { title: 'Night watch', beats: [['She breaks the door in']] },
];

test('an event added in reading order shows in story time where the library puts it, and moves from there', async ({
  app: page,
  host,
}) => {
  const storyId = await seedStory(host, 'Told backwards', EVENTS);
  const api = hostApi(host);
  // Night watch happens first in story time.
  const { events } = must(await api.stories.load({ storyId }));
  const [arrival, , watch] = events.map((e) => e.id);
  must(await api.events.moveInChronology({ eventId: watch!, beforeEventId: arrival! }));
  await page.reload();
  await page.getByRole('button', { name: /^Open Told backwards:/ }).click();
  await expectBeats(page, 2, ['She breaks the door in']);
  await expect(column(page, 2).locator('.event-positions')).toHaveText('R 3 · C 1');

  // Added after Night watch in reading order: the library puts it right after it in story time.
  await addEvent(page, 'Dawn');
  await expectSaved(page);
  const stored = () =>
    hostApi(host)
      .events.chronology({ storyId })
      .then((r) => must(r).map((t) => events.find((e) => e.id === t.eventId)?.title ?? 'Dawn'));
  expect(await stored()).toEqual(['Night watch', 'Dawn', 'Arrival', 'The tower']);
  await expect(column(page, 3).locator('.event-positions')).toHaveText('R 4 · C 2');

  await page.getByRole('radio', { name: 'Chronology' }).click();
  const rows = page.locator('[data-chrono-row]');
  await expect(rows).toHaveCount(4);
  const titles = () => rows.locator('.chrono-title').allTextContents();
  await expect.poll(titles).toEqual(['Night watch', 'Dawn', 'Arrival', 'The tower']);

  // A keyboard move lands where it was dropped on screen.
  const grip = page.getByRole('button', { name: /^Move The tower in story time/ });
  await grip.focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Space');
  await expectSaved(page);
  await expect.poll(stored).toEqual(['Night watch', 'The tower', 'Dawn', 'Arrival']);
  await expect.poll(titles).toEqual(['Night watch', 'The tower', 'Dawn', 'Arrival']);
});
