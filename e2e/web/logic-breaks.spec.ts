// The logic layer as a writer breaks it (h64): what the screen shows of story time and of the
// story check must be what the library holds after each move, whatever came before it.
import { expect, test } from './fixtures';
import { holdRequests, hostApi, must, seedStory, type SeedEvent } from './api';
import { addEvent, beat, column, expectBeats, expectSaved } from './timeline';

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

test('a link to a beat another writer deleted meanwhile is refused with one plain message, and no link stays', async ({
  app: page,
  host,
}) => {
  const storyId = await seedStory(host, 'Two writers', [
    { title: 'Arrival', beats: [['A door creaks'], ['She hangs up her coat']] },
    { title: 'Storm', beats: [['The door bangs open']] },
  ]);
  await page.reload();
  await page.getByRole('button', { name: /^Open Two writers:/ }).click();
  await expectBeats(page, 1, ['The door bangs open']);

  // The link is sent only after the other writer's delete has landed.
  const release = await holdRequests(page, 'links:create');
  await beat(page, 0, 1).focus();
  await page.keyboard.press('l');
  const picker = page.getByRole('dialog', { name: /^Link / });
  await picker.getByLabel('Find a beat to link to').fill('bangs');
  await expect(picker.getByRole('listbox').getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  const api = hostApi(host);
  const target = must(await api.stories.load({ storyId })).events[1]!.moments[0]!.id;
  must(await api.moments.delete({ momentId: target }));
  release();

  // One message, in words (no id); no link on the card or in the file; the beat leaves the board.
  const notices = page.getByRole('region', { name: 'Notifications' });
  await expect(notices).toContainText('This beat no longer exists');
  await expect(notices.getByRole('button', { name: 'Dismiss' })).toHaveCount(1);
  expect(await notices.textContent()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  await expect(beat(page, 0, 1).locator('.link-badges')).toHaveCount(0);
  await expectBeats(page, 1, []);
  const links = must(await api.links.list({ storyId }));
  expect(links).toEqual([]);
});
