import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { holdRequests, hostApi, moveElsewhere, must } from './api';
import type { BeatlineHost } from './fixtures';
import { beat, column, expectBeats, offsetField, openSeededStory } from './timeline';

/**
 * Issue 12, h77: a time typed in a beat that another window deleted (the beat, its event or
 * its story) while the writer typed, or while the field was handed over after a move, stayed
 * in the store with no word: the card went, the typed time with it, and the status said Saved
 * (or "Not saved" for good, with nothing to show why). Now, as for a beat's text, one notice
 * holds it with Copy text, the status says Not saved until the notice is closed, then Saved.
 */

const STORY = 'Harbour';

/** Opens `STORY` (Quay: Ropes, Bell; Pier: Gulls); returns the ids another window uses. */
async function openStory(page: Page, host: BeatlineHost) {
  const storyId = await openSeededStory(page, host, STORY, [
    { title: 'Quay', beats: [['Ropes'], ['Bell']] },
    { title: 'Pier', beats: [['Gulls']] },
  ]);
  return {
    storyId,
    ropes: (await beat(page, 0, 0).getAttribute('data-beat-id'))!,
    quay: (await column(page, 0).getAttribute('data-event-column'))!,
    pier: (await column(page, 1).getAttribute('data-event-column'))!,
  };
}

type Ids = Awaited<ReturnType<typeof openStory>>;

const deletes: Record<string, (host: BeatlineHost, ids: Ids) => Promise<unknown>> = {
  beat: async (host, ids) => must(await hostApi(host).moments.delete({ momentId: ids.ropes })),
  event: async (host, ids) => must(await hostApi(host).events.delete({ eventId: ids.quay })),
  story: async (host, ids) => must(await hostApi(host).stories.delete({ storyId: ids.storyId })),
};

/** The one notice saying `says`; the status says Not saved until it is closed, then Saved. */
async function expectOneNoticeThenSaved(page: Page, says: string): Promise<void> {
  const notice = page.locator('.toast').filter({ hasText: 'Not saved' });
  await expect(notice).toHaveCount(1);
  await expect(notice).toContainText(says);
  await expect(notice.getByRole('button', { name: 'Copy text' })).toBeVisible();
  await expect(page.locator('.save-status')).toContainText('Not saved');
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.locator('.save-status')).toHaveText('Saved');
}

/** Types `typed` into the first beat's time field. */
async function typeTime(page: Page, typed: string): Promise<void> {
  await beat(page, 0, 0).locator('.offset').click();
  await expect(offsetField(page, 0, 0)).toBeFocused();
  await page.keyboard.type(typed);
}

for (const [what, remove] of Object.entries(deletes)) {
  test(`a typed time whose save is on its way when another window deletes its ${what} is offered in a notice`, async ({
    app: page,
    host,
  }) => {
    const ids = await openStory(page, host);
    const release = await holdRequests(page, 'moments:update');
    const sent = page.waitForRequest('**/api/moments:update');
    await typeTime(page, '1:05');
    await sent;
    await remove(host, ids);
    // The change notice's read waits behind the held save: the save finds the beat gone.
    release();
    await expect(page.locator(`[data-beat-id="${ids.ropes}"]`)).toHaveCount(0);
    await expectOneNoticeThenSaved(page, '1:05');
  });

  test(`a time half typed when another window deletes its ${what} is offered in a notice`, async ({
    app: page,
    host,
  }) => {
    const ids = await openStory(page, host);
    await typeTime(page, '2:');
    await remove(host, ids);
    await expect(page.locator(`[data-beat-id="${ids.ropes}"]`)).toHaveCount(0);
    await expectOneNoticeThenSaved(page, '2:');
  });
}

test('a time typed in a beat another window moves and then deletes is offered in a notice', async ({
  app: page,
  host,
}) => {
  const ids = await openStory(page, host);
  await typeTime(page, '2:');
  await moveElsewhere(host, ids.ropes, ids.pier);
  await expectBeats(page, 1, ['Gulls', 'Ropes']);
  await expect(offsetField(page, 1, 1)).toHaveValue('2:');
  must(await hostApi(host).moments.delete({ momentId: ids.ropes }));
  await expect(page.locator(`[data-beat-id="${ids.ropes}"]`)).toHaveCount(0);
  await expectOneNoticeThenSaved(page, '2:');
});

test('a valid time unsent when another window moves the beat, then deletes it, is offered in a notice', async ({
  app: page,
  host,
}) => {
  // The page's timers stand still: the typed time stays unsent through the move.
  await page.clock.install();
  const ids = await openStory(page, host);
  await page.clock.pauseAt(Date.now() + 60_000);
  await typeTime(page, '1:05');
  await moveElsewhere(host, ids.ropes, ids.pier);
  await expectBeats(page, 1, ['Gulls', 'Ropes']);
  await expect(offsetField(page, 1, 1)).toHaveValue('1:05');
  const release = await holdRequests(page, 'moments:update');
  must(await hostApi(host).moments.delete({ momentId: ids.ropes }));
  release();
  await expect(page.locator(`[data-beat-id="${ids.ropes}"]`)).toHaveCount(0);
  await expectOneNoticeThenSaved(page, '1:05');
});

for (const [what, remove] of Object.entries(deletes)) {
  test(`beat text whose save is on its way when another window deletes its ${what} is offered in a notice`, async ({
    app: page,
    host,
  }) => {
    const ids = await openStory(page, host);
    const release = await holdRequests(page, 'moments:update');
    const sent = page.waitForRequest('**/api/moments:update');
    await beat(page, 0, 0).getByTestId('beat-text').click();
    await page.keyboard.press('End');
    await page.keyboard.type(' tied');
    await sent;
    await remove(host, ids);
    release();
    await expect(page.locator(`[data-beat-id="${ids.ropes}"]`)).toHaveCount(0);
    await expectOneNoticeThenSaved(page, 'this beat was deleted elsewhere');
  });
}
