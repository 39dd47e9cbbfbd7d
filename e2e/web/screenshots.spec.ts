import { resolve } from 'node:path';
import { expect, test } from './fixtures';
import { hostApi, must, seedStory, type SeedEvent } from './api';
import type { LinkKind, LinkStrength, TimeMode } from '../../electron/core/contract/types';
import { expectSaved } from './timeline';
import { screenshotsDir } from '../screenshots-dir';
import type { Page } from '@playwright/test';

const shots = screenshotsDir();

const LIGHTHOUSE: SeedEvent[] = [
  {
    title: 'Arrival',
    description: 'Dusk. Mara rows out to Skerry Light with the winter supplies.',
    beats: [
      ['The sea is flat as slate; the lamp should be lit by now', 0],
      ['The landing ladder is coated in fresh ice', 45],
      ['The door is bolted from the inside', 130],
    ],
  },
  {
    title: 'The empty tower',
    description: 'She searches room by room.',
    beats: [
      ['Supper on the table, two plates, still warm', 0],
      ['The keeper’s coat on its hook, his boots gone', 62],
      ['Upstairs the clockwork has wound down at 4:17'],
      ['A second set of wet footprints that stop at the wall', 245],
    ],
  },
  {
    title: 'The log book',
    beats: [
      ['Pages torn out after the 9th', 0],
      ['The last entry is in her own handwriting', 30],
    ],
  },
  {
    title: 'Night watch',
    description: 'The storm arrives early.',
    beats: [
      ['She lights the lamp herself'],
      ['Something answers the beam from the open sea', 3725],
    ],
  },
];

/** No hover, focus or caret in the picture. */
async function settle(page: Page): Promise<void> {
  await page.mouse.move(2, 790);
  await page.evaluate('document.activeElement && document.activeElement.blur()');
  await expectSaved(page);
}

test('screenshots of the library and a story, light and dark', async ({ app: page, host }) => {
  // Seeded through the API: the UI flows have their own tests; this one is about the picture.
  await seedStory(host, 'The Lighthouse Keeper', LIGHTHOUSE);
  await seedStory(host, 'Salt Road', [
    { title: 'Departure', beats: [['The caravan leaves at dawn'], ['The well is dry']] },
    { title: 'The pass', beats: [['Snow']] },
  ]);
  await seedStory(host, 'A Quiet Year', []);
  await page.reload();

  await expect(page.getByRole('button', { name: /^Open The Lighthouse Keeper:/ })).toContainText(
    '4 events',
  );
  await settle(page);
  await page.screenshot({ path: resolve(shots, 'library.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await settle(page);
  await page.screenshot({ path: resolve(shots, 'library-dark.png') });
  await page.emulateMedia({ colorScheme: 'light' });

  await page.getByRole('button', { name: /^Open The Lighthouse Keeper:/ }).click();
  await expect(page.locator('[data-event-column]')).toHaveCount(4);
  await settle(page);
  await page.screenshot({ path: resolve(shots, 'timeline.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await settle(page);
  await page.screenshot({ path: resolve(shots, 'timeline-dark.png') });
});

test('screenshots of links with the Story check, and of the chronology', async ({
  app: page,
  host,
}) => {
  test.skip(process.env.BEATLINE_SCREENSHOTS !== '1', 'pictures are taken by npm run screenshots');
  const storyId = await seedStory(host, 'The Lighthouse Keeper', LIGHTHOUSE);
  const api = hostApi(host);
  const { events } = must(await api.stories.load({ storyId }));
  const id = (e: number, b: number) => events[e]!.moments[b]!.id;
  const link = async (from: string, to: string, kind: LinkKind, strength: LinkStrength) =>
    must(await api.links.create({ fromMomentId: from, toMomentId: to, kind, strength }));
  await link(id(0, 2), id(3, 0), 'causes', 'hard');
  await link(id(1, 3), id(3, 1), 'sets_up', 'hard');
  await link(id(3, 1), id(2, 0), 'causes', 'hard');
  await link(id(2, 1), id(1, 0), 'sets_up', 'soft');
  const times: [number, string, TimeMode][] = [
    [0, 'Day 4, dusk', 'linear'],
    [1, 'Day 4, night', 'linear'],
    [2, 'Three days earlier', 'flashback'],
    [3, 'Day 5, before dawn', 'linear'],
  ];
  for (const [e, label, mode] of times) {
    must(await api.events.setStoryTime({ eventId: events[e]!.id, label, mode }));
  }
  must(await api.events.moveInChronology({ eventId: events[2]!.id, beforeEventId: events[0]!.id }));
  await page.reload();
  await page.getByRole('button', { name: /^Open The Lighthouse Keeper:/ }).click();
  await expect(page.locator('[data-event-column]')).toHaveCount(4);
  await page.getByRole('button', { name: /^Story check/ }).click();
  await expect(page.locator('.check-problem')).toHaveCount(2);
  await settle(page);
  const door = page.locator('[data-beat-id]').filter({ hasText: 'The door is bolted' });
  await door.getByRole('button', { name: /^Links of beat/ }).click();
  await page.locator('[data-beat-id]').filter({ hasText: 'The last entry' }).hover();
  await expect(page.locator('.beat.is-linked')).toHaveCount(1);
  await page.screenshot({ path: resolve(shots, 'logic-board.png') });

  await page.getByRole('radio', { name: 'Chronology' }).click();
  await expect(page.locator('[data-chrono-row]')).toHaveCount(4);
  await page.getByRole('button', { name: 'Close the story check' }).click();
  await settle(page);
  await page.screenshot({ path: resolve(shots, 'chronology.png') });
});

// Board navigation (issue 16): the overview and the search, on a story of many scenes.
const SCENES = [
  'Arrival at Skerry Light',
  'The empty tower',
  'The log book',
  'Night watch',
  'A boat without oars',
  'The keeper’s letters',
  'Fog bank',
  'The mainland calls',
  'Inspector Hale',
  'The second lamp',
  'Storm surge',
  'Below the waterline',
  'The confession',
  'Dawn',
  'The relief crew',
  'Epilogue: the new keeper',
];
const PLACES = ['the lamp room', 'the landing', 'the kitchen', 'the gallery', 'the cellar stairs'];

/** Beats for scene `s`: a few sentences, some about the lamp (what the search finds). */
function sceneBeats(s: number): string[] {
  return Array.from({ length: 4 + (s % 4) }, (_, b) => {
    const place = PLACES[(s + b) % PLACES.length]!;
    return (s + b) % 3 === 0
      ? `Mara checks the lamp in ${place}; its flame leans toward the sea`
      : `Mara crosses ${place} and listens for the keeper’s steps`;
  });
}

test('screenshots of the overview and the search', async ({ app: page, host }) => {
  test.skip(process.env.BEATLINE_SCREENSHOTS !== '1', 'pictures are taken by npm run screenshots');
  await seedStory(
    host,
    'Skerry Light',
    SCENES.map((title, s) => ({ title, beats: sceneBeats(s).map((t) => [t] as [string]) })),
  );
  await page.reload();
  await page.getByRole('button', { name: /^Open Skerry Light:/ }).click();
  await expect(page.locator('[data-event-column]').first()).toContainText('Mara');

  await page.getByRole('button', { name: 'Overview' }).click();
  await expect(page.getByRole('button', { name: /^Go to event 12:/ })).toBeVisible();
  await settle(page);
  await page.screenshot({ path: resolve(shots, 'overview.png') });
  await page.getByRole('button', { name: 'Overview' }).click();

  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('searchbox').fill('lamp');
  await expect(page.locator('#board-search-count')).toHaveText(/^1 of \d+$/);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.locator('#board-search-count')).toHaveText(/^3 of \d+$/);
  await page.mouse.move(2, 790);
  await expectSaved(page);
  await page.screenshot({ path: resolve(shots, 'search.png') });
});
