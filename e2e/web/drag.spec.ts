import { expect, test } from './fixtures';
import { cliList, readDatabase, storedBeatTexts } from './database';
import {
  addBeats,
  addEvent,
  beat,
  column,
  createStory,
  expectBeats,
  expectEvents,
  expectSaved,
  pointerDrag,
  pointIn,
} from './timeline';
import type { Page } from '@playwright/test';

const STORY = 'The Salt Road';

async function buildStory(page: Page): Promise<void> {
  await createStory(page, STORY);
  await addEvent(page, 'Departure');
  await addBeats(page, 0, ['A1 caravan leaves', 'A2 the well is dry', 'A3 a rider follows']);
  await addEvent(page, 'The pass');
  await addBeats(page, 1, ['B1 snow', 'B2 the mule falls']);
  await addEvent(page, 'Market');
}

const liveRegion = (page: Page) => page.locator('[aria-live="assertive"]');

test.describe('drag to reorder', () => {
  test.beforeEach(async ({ app: page }) => {
    await buildStory(page);
  });

  test('pointer drag within an event, across events and into an empty event', async ({
    app: page,
    host,
  }) => {
    // Within an event: the third beat to the top.
    await pointerDrag(page, beat(page, 0, 2), await pointIn(beat(page, 0, 0), 'top'));
    await expectBeats(page, 0, ['A3 a rider follows', 'A1 caravan leaves', 'A2 the well is dry']);
    await expect(beat(page, 0, 0).locator('.beat-number')).toHaveText('1');

    // Across events: the (new) first beat of Departure between B1 and B2.
    await pointerDrag(page, beat(page, 0, 0), await pointIn(beat(page, 1, 1), 'top'));
    await expectBeats(page, 0, ['A1 caravan leaves', 'A2 the well is dry']);
    await expectBeats(page, 1, ['B1 snow', 'A3 a rider follows', 'B2 the mule falls']);

    // Into an event with no beats.
    await pointerDrag(
      page,
      beat(page, 1, 2),
      await pointIn(column(page, 2).locator('.beat-empty'), 'center'),
    );
    await expectBeats(page, 1, ['B1 snow', 'A3 a rider follows']);
    await expectBeats(page, 2, ['B2 the mule falls']);
    await expect(column(page, 2)).toContainText('1 beat');
    await expectSaved(page);

    expect(storedBeatTexts(host.dbPath, STORY)).toEqual([
      ['A1 caravan leaves', 'A2 the well is dry'],
      ['B1 snow', 'A3 a rider follows'],
      ['B2 the mule falls'],
    ]);

    await page.reload();
    await expectBeats(page, 0, ['A1 caravan leaves', 'A2 the well is dry']);
    await expectBeats(page, 1, ['B1 snow', 'A3 a rider follows']);
    await expectBeats(page, 2, ['B2 the mule falls']);
  });

  test('a drag shows a drop indicator and Escape cancels it', async ({ app: page }) => {
    const source = beat(page, 0, 0);
    const box = (await source.boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + 12);
    await page.mouse.down();
    await page.mouse.move(box.x + 24, box.y + 18, { steps: 2 });
    const target = await pointIn(beat(page, 1, 1), 'top');
    await page.mouse.move(target.x, target.y, { steps: 10 });
    await expect(column(page, 1).locator('.drop-indicator')).toHaveCount(1);
    await expect(page.locator('.drag-ghost')).toContainText('A1 caravan leaves');
    await page.keyboard.press('Escape');
    await expect(page.locator('.drop-indicator')).toHaveCount(0);
    await page.mouse.up();
    await expectBeats(page, 0, ['A1 caravan leaves', 'A2 the well is dry', 'A3 a rider follows']);
    await expectBeats(page, 1, ['B1 snow', 'B2 the mule falls']);
    // The click that ends a drag does not open the beat for editing.
    await expect(page.locator('textarea.beat-textarea')).toHaveCount(0);
  });

  test('keyboard reorder: Space picks up, arrows move, Space drops, Escape cancels', async ({
    app: page,
    host,
  }) => {
    // Down within the event.
    await beat(page, 0, 0).focus();
    await page.keyboard.press('Space');
    await expect(liveRegion(page)).toContainText('Picked up beat at position 1 of 3');
    await page.keyboard.press('ArrowDown');
    await expect(liveRegion(page)).toContainText('position 2 of 3');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await expect(liveRegion(page)).toContainText('Dropped');
    await expectBeats(page, 0, ['A2 the well is dry', 'A3 a rider follows', 'A1 caravan leaves']);
    // The moved beat keeps the focus.
    await expect(beat(page, 0, 2)).toBeFocused();

    // Right, into the next event, then up to the top of it.
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await expect(liveRegion(page)).toContainText('event 2, The pass');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Space');
    await expectBeats(page, 0, ['A2 the well is dry', 'A3 a rider follows']);
    await expectBeats(page, 1, ['A1 caravan leaves', 'B1 snow', 'B2 the mule falls']);
    await expect(beat(page, 1, 0)).toBeFocused();

    // Escape puts it back where it was.
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowLeft');
    await expectBeats(page, 0, ['A2 the well is dry', 'A1 caravan leaves', 'A3 a rider follows']);
    await page.keyboard.press('Escape');
    await expect(liveRegion(page)).toContainText('Move cancelled');
    await expectBeats(page, 0, ['A2 the well is dry', 'A3 a rider follows']);
    await expectBeats(page, 1, ['A1 caravan leaves', 'B1 snow', 'B2 the mule falls']);
    await expectSaved(page);

    expect(storedBeatTexts(host.dbPath, STORY)).toEqual([
      ['A2 the well is dry', 'A3 a rider follows'],
      ['A1 caravan leaves', 'B1 snow', 'B2 the mule falls'],
      [],
    ]);
  });

  test('events reorder by dragging their headers, with the pointer and the keyboard', async ({
    app: page,
    host,
  }) => {
    await expectEvents(page, ['Departure', 'The pass', 'Market']);

    // Pointer: the first event's handle past the middle of the last event.
    const handle = page.getByRole('button', { name: /^Move event 1,/ });
    const last = (await column(page, 2).boundingBox())!;
    await pointerDrag(page, handle, { x: last.x + last.width * 0.75, y: last.y + 40 });
    await expectEvents(page, ['The pass', 'Market', 'Departure']);
    await expectBeats(page, 2, ['A1 caravan leaves', 'A2 the well is dry', 'A3 a rider follows']);

    // Keyboard: Departure back to the front.
    await page.getByRole('button', { name: /^Move event 3,/ }).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Space');
    await expectEvents(page, ['Departure', 'The pass', 'Market']);
    await expect(page.getByRole('button', { name: /^Move event 1, Departure/ })).toBeFocused();

    // Keyboard, cancelled.
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await expectEvents(page, ['The pass', 'Departure', 'Market']);
    await page.keyboard.press('Escape');
    await expectEvents(page, ['Departure', 'The pass', 'Market']);

    // One more real move, then check the file and a reload.
    await page.getByRole('button', { name: /^Move event 3, Market/ }).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Space');
    await expectEvents(page, ['Departure', 'Market', 'The pass']);
    await expectSaved(page);
    expect(readDatabase(host.dbPath)[0]?.events.map((e) => e.title)).toEqual([
      'Departure',
      'Market',
      'The pass',
    ]);
    await page.reload();
    await expectEvents(page, ['Departure', 'Market', 'The pass']);
  });

  test('moves undo and redo, and the file follows', async ({ app: page, host }) => {
    await pointerDrag(page, beat(page, 0, 0), await pointIn(beat(page, 1, 0), 'top'));
    await expectBeats(page, 1, ['A1 caravan leaves', 'B1 snow', 'B2 the mule falls']);
    await beat(page, 1, 1).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await expectBeats(page, 1, ['A1 caravan leaves', 'B2 the mule falls', 'B1 snow']);

    await page.getByRole('button', { name: 'Undo move beat' }).click();
    await expectBeats(page, 1, ['A1 caravan leaves', 'B1 snow', 'B2 the mule falls']);
    await page.keyboard.press('Control+z');
    await expectBeats(page, 0, ['A1 caravan leaves', 'A2 the well is dry', 'A3 a rider follows']);
    await expectBeats(page, 1, ['B1 snow', 'B2 the mule falls']);
    await page.keyboard.press('Control+Shift+z');
    await expectBeats(page, 1, ['A1 caravan leaves', 'B1 snow', 'B2 the mule falls']);
    await expectSaved(page);

    expect(storedBeatTexts(host.dbPath, STORY)).toEqual([
      ['A2 the well is dry', 'A3 a rider follows'],
      ['A1 caravan leaves', 'B1 snow', 'B2 the mule falls'],
      [],
    ]);
    expect(cliList(host.dbPath)).toEqual([
      expect.objectContaining({ title: STORY, eventCount: 3, beatCount: 5 }),
    ]);
  });
});
