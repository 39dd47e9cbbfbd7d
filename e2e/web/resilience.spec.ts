import { expect, test } from './fixtures';
import { seedStory } from './api';
import { storedBeatTexts } from './database';
import { beat, column, expectBeats, expectSaved, pointerDrag, pointIn } from './timeline';
import type { Page } from '@playwright/test';

const STORY = 'Two Rivers';

async function openSeeded(page: Page, host: Parameters<typeof seedStory>[0]): Promise<void> {
  await seedStory(host, STORY, [
    { title: 'North', beats: [['N1'], ['N2'], ['N3']] },
    { title: 'South', beats: [['S1']] },
  ]);
  await page.reload();
  await page.getByRole('button', { name: new RegExp(`^Open ${STORY}:`) }).click();
  await expectBeats(page, 0, ['N1', 'N2', 'N3']);
}

test('a refused move returns to the last confirmed order and says why', async ({
  app: page,
  host,
}) => {
  await openSeeded(page, host);
  await page.route('**/api/moments:move', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({
        ok: false,
        error: { code: 'conflict', message: 'The library is read-only right now.' },
      }),
    }),
  );
  await pointerDrag(page, beat(page, 0, 2), await pointIn(beat(page, 0, 0), 'top'));
  await expect(page.locator('.toast.error')).toContainText('The library is read-only right now.');
  await expectBeats(page, 0, ['N1', 'N2', 'N3']);
  // No step for the refused move: Undo offers the seeding's last step.
  await expect(page.getByRole('button', { name: /^Undo/ })).toHaveAccessibleName(/^Undo add beat/);
  await expectSaved(page);
  expect(storedBeatTexts(host.dbPath, STORY)).toEqual([['N1', 'N2', 'N3'], ['S1']]);

  // Once the host accepts again, the same move goes through.
  await page.unroute('**/api/moments:move');
  await pointerDrag(page, beat(page, 0, 2), await pointIn(beat(page, 0, 0), 'top'));
  await expectBeats(page, 0, ['N3', 'N1', 'N2']);
  await expectSaved(page);
  expect(storedBeatTexts(host.dbPath, STORY)).toEqual([['N3', 'N1', 'N2'], ['S1']]);
});

test.describe('when the host cannot be reached', () => {
  test.use({ expectedConsoleErrors: [/Failed to load resource/] });

  test('the change is rolled back with a message, and typed text stays in its card', async ({
    app: page,
    host,
  }) => {
    await openSeeded(page, host);
    await page.route('**/api/**', (route) => route.abort('connectionrefused'));

    await beat(page, 1, 0).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Space');
    await expect(page.locator('.toast.error').first()).toContainText('cannot reach');
    await expectBeats(page, 0, ['N1', 'N2', 'N3']);
    await expectBeats(page, 1, ['S1']);

    await beat(page, 0, 0).getByTestId('beat-text').click();
    await page.keyboard.press('End');
    await page.keyboard.type(' — written while offline');
    await page.keyboard.press('Tab');
    await expect(beat(page, 0, 0).getByRole('alert')).toContainText('Not saved');
    await expect(beat(page, 0, 0).getByTestId('beat-text')).toHaveText(
      'N1 — written while offline',
    );

    // Back online: Retry saves what was typed.
    await page.unroute('**/api/**');
    await beat(page, 0, 0).getByRole('button', { name: 'Retry' }).click();
    await expect(beat(page, 0, 0).getByRole('alert')).toHaveCount(0);
    await expectSaved(page);
    expect(storedBeatTexts(host.dbPath, STORY)).toEqual([
      ['N1 — written while offline', 'N2', 'N3'],
      ['S1'],
    ]);
  });
});

test('dragging near the edge scrolls the timeline', async ({ app: page, host }) => {
  const events = Array.from({ length: 8 }, (_, i) => ({
    title: `Scene ${i + 1}`,
    beats: [[`beat of scene ${i + 1}`]] as [string][],
  }));
  await seedStory(host, STORY, events);
  await page.reload();
  await page.getByRole('button', { name: new RegExp(`^Open ${STORY}:`) }).click();
  const board = page.locator('[data-board]');
  await expect(column(page, 7)).toBeAttached();
  expect(await board.evaluate((el) => el.scrollLeft)).toBe(0);

  const source = beat(page, 0, 0);
  const box = (await source.boundingBox())!;
  const edge = (await board.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + 12);
  await page.mouse.down();
  await page.mouse.move(box.x + 26, box.y + 16, { steps: 2 });
  await page.mouse.move(edge.x + edge.width - 8, box.y + 40, { steps: 10 });
  await expect.poll(() => board.evaluate((el) => el.scrollLeft)).toBeGreaterThan(300);
  // Wait for the last event to come into view, then drop into it.
  await expect
    .poll(() => board.evaluate((el) => el.scrollLeft + el.clientWidth >= el.scrollWidth - 2))
    .toBe(true);
  const last = await pointIn(beat(page, 7, 0), 'bottom');
  await page.mouse.move(last.x, last.y, { steps: 5 });
  await page.mouse.up();
  await expectBeats(page, 7, ['beat of scene 8', 'beat of scene 1']);
  await expectSaved(page);
  expect(storedBeatTexts(host.dbPath, STORY)[7]).toEqual(['beat of scene 8', 'beat of scene 1']);
});

test.describe('without the access token', () => {
  test.use({ expectedConsoleErrors: [/status of 401/] });

  test('the library says how to open Beatline properly', async ({ app: page, host }) => {
    await page.goto(new URL(host.url).origin + '/');
    await page.evaluate('sessionStorage.clear()');
    await page.reload();
    const problem = page.getByRole('alert');
    await expect(problem).toContainText('Your stories could not be loaded');
    await expect(problem).toContainText('opened without its access key');
    await expect(problem.getByRole('button', { name: 'Try again' })).toBeVisible();
  });
});
