import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { hostApi, must, seedStory } from './api';
import { readDatabase } from './database';
import {
  beat,
  beatCards,
  column,
  expectBeats,
  expectSaved,
  offsetField,
  pointIn,
  setOffset,
} from './timeline';

/** Issue 16, board editing: times, caret, Enter/Escape, direction, drops, messages, library. */

async function openStory(page: Page, title: string): Promise<void> {
  await page.reload();
  await page.getByRole('button', { name: new RegExp(`^Open ${title}:`) }).click();
  await expect(page.getByLabel('Story title')).toHaveValue(title);
}

/** What the page functions below use of the DOM (the e2e build has no DOM types). */
interface InPage {
  document: {
    createRange(): {
      setStart(node: unknown, offset: number): void;
      setEnd(node: unknown, offset: number): void;
      getBoundingClientRect(): { left: number; top: number; height: number };
    };
  };
  getComputedStyle(el: unknown): { direction: string };
}

const storyId = async (page: Page, host: Parameters<typeof hostApi>[0], title: string) =>
  must(await hostApi(host).stories.list({})).find((s) => s.title === title)!.id;

test('a time of 1.5 reads 0:01.5 on the card, in the field and in every export', async ({
  app: page,
  host,
}) => {
  await seedStory(host, 'Timing', [{ title: 'Dock', beats: [['Door opens'], ['Bell']] }]);
  await openStory(page, 'Timing');

  // Visible without hover, on its own line under the text (never over it).
  await page.mouse.move(0, 0);
  const field = offsetField(page, 0, 0);
  await expect(field).toBeVisible();
  const text = await beat(page, 0, 0).getByTestId('beat-text').boundingBox();
  const time = await beat(page, 0, 0).locator('.offset').boundingBox();
  expect(time!.y).toBeGreaterThanOrEqual(text!.y + text!.height - 0.5);

  // One line says what the time means, where it is set.
  await beat(page, 0, 0).locator('.offset').click();
  await expect(beat(page, 0, 0).getByText('Time into the event')).toBeVisible();
  await field.fill('1.5');
  // Enter saves and moves on to the next beat's time.
  await field.press('Enter');
  await expect(offsetField(page, 0, 1)).toBeFocused();
  await expect(field).toHaveValue('0:01.5');
  await expect(beat(page, 0, 0).getByText('Time into the event')).toBeHidden();
  await expectSaved(page);
  expect(readDatabase(host.dbPath)[0]?.events[0]?.beats[0]?.offset).toBe(1.5);

  const id = await storyId(page, host, 'Timing');
  const api = hostApi(host);
  const md = must(await api.stories.export({ storyId: id, format: 'md' })).content;
  expect(md).toContain('1. [0:01.5] Door opens');
  const fountain = must(await api.stories.export({ storyId: id, format: 'fountain' })).content;
  expect(fountain).toContain('= [[0:01.5]] Door opens');
  await page.reload();
  await expect(offsetField(page, 0, 0)).toHaveValue('0:01.5');
});

test('a beat whose time runs backwards is marked, in words', async ({ app: page, host }) => {
  await seedStory(host, 'Backwards', [
    { title: 'Chase', beats: [['Sirens', 30], ['Crash'], ['Escape']] },
  ]);
  await openStory(page, 'Backwards');
  await expect(page.getByTestId('time-backwards')).toHaveCount(0);
  await setOffset(page, 0, 2, '0:10');
  await expect(beat(page, 0, 2).getByTestId('time-backwards')).toHaveText(
    '↑ Earlier than beat 1 (0:30)',
  );
  await expect(beat(page, 0, 2)).toHaveAccessibleName(/earlier than beat 1/);
  await setOffset(page, 0, 2, '0:45');
  await expect(page.getByTestId('time-backwards')).toHaveCount(0);
});

test('the caret lands where the writer clicked', async ({ app: page, host }) => {
  await seedStory(host, 'Caret', [{ title: 'One', beats: [['The quick brown fox']] }]);
  await openStory(page, 'Caret');
  // The left edge of the "q" (index 4) of the shown text.
  const measure = () =>
    beat(page, 0, 0)
      .getByTestId('beat-text')
      .evaluate((p) => {
        const range = (globalThis as unknown as InPage).document.createRange();
        range.setStart(p.firstChild, 4);
        range.setEnd(p.firstChild, 5);
        const rect = range.getBoundingClientRect();
        return { x: rect.left + 1, y: rect.top + rect.height / 2 };
      });
  // The board may still settle (fonts, the check's panel) on a busy machine: click where the
  // letter stays for two looks in a row.
  let point = await measure();
  await expect
    .poll(async () => {
      const next = await measure();
      const still = next.x === point.x && next.y === point.y;
      point = next;
      return still;
    })
    .toBe(true);
  await page.mouse.click(point.x, point.y);
  const textarea = beat(page, 0, 0).getByRole('textbox', { name: 'Beat 1 description' });
  await expect(textarea).toBeFocused();
  expect(
    await textarea.evaluate((t) => (t as unknown as { selectionStart: number }).selectionStart),
  ).toBe(4);
  await page.keyboard.type('very ');
  await page.keyboard.press('Tab');
  await expectBeats(page, 0, ['The very quick brown fox']);
});

test('Enter starts the next beat wherever the caret is; Escape removes it if left empty (undoable)', async ({
  app: page,
  host,
}) => {
  await seedStory(host, 'Keys', [{ title: 'One', beats: [['Alpha beta']] }]);
  await openStory(page, 'Keys');
  await beat(page, 0, 0).focus();
  await page.keyboard.press('Enter');
  const first = beat(page, 0, 0).getByRole('textbox', { name: 'Beat 1 description' });
  await expect(first).toBeFocused();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  // In the middle of the text: a new beat, not a new line.
  await page.keyboard.press('Enter');
  const second = beat(page, 0, 1).getByRole('textbox', { name: 'Beat 2 description' });
  await expect(second).toBeFocused();
  await expect(beatCards(page, 0)).toHaveCount(2);
  await page.keyboard.press('Escape');
  await expect(beatCards(page, 0)).toHaveCount(1);
  await expectBeats(page, 0, ['Alpha beta']);
  await expect(page.getByText('Empty beat. Click to write.')).toHaveCount(0);
  await expectSaved(page);
  expect(readDatabase(host.dbPath)[0]?.events[0]?.beats.map((b) => b.text)).toEqual(['Alpha beta']);
  // One undoable step, named for what it did.
  await page.getByRole('button', { name: 'Undo delete beat' }).click();
  await expect(beatCards(page, 0)).toHaveCount(2);
  await expectSaved(page);

  // Shift+Enter is the new line.
  await beat(page, 0, 0).getByTestId('beat-text').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type('gamma');
  await page.keyboard.press('Tab');
  await expect(beat(page, 0, 0).getByTestId('beat-text')).toHaveText('Alpha beta\ngamma');
});

test('Hebrew and Arabic beats and titles lay out right to left', async ({ app: page, host }) => {
  await seedStory(host, 'שלום', [
    { title: 'مشهد', beats: [['הדלת נפתחת לאט'], ['The door opens']] },
  ]);
  await openStory(page, 'שלום');
  // Resolved direction, by selector and by style.
  const isRtl = (el: unknown) =>
    (el as { matches(s: string): boolean }).matches(':dir(rtl)') &&
    (globalThis as unknown as InPage).getComputedStyle(el).direction === 'rtl';
  expect(await beat(page, 0, 0).getByTestId('beat-text').evaluate(isRtl)).toBe(true);
  expect(await beat(page, 0, 1).getByTestId('beat-text').evaluate(isRtl)).toBe(false);
  expect(await column(page, 0).getByLabel('Title of event 1').evaluate(isRtl)).toBe(true);
  expect(await page.getByLabel('Story title').evaluate(isRtl)).toBe(true);
  await beat(page, 0, 0).getByTestId('beat-text').click();
  const field = beat(page, 0, 0).getByRole('textbox', { name: 'Beat 1 description' });
  expect(await field.evaluate(isRtl)).toBe(true);
});

test('a beat dropped outside every column stays where it was, as with Escape', async ({
  app: page,
  host,
}) => {
  await seedStory(host, 'Drops', [
    { title: 'One', beats: [['A'], ['B']] },
    { title: 'Two', beats: [['C']] },
  ]);
  await openStory(page, 'Drops');
  const source = beat(page, 0, 0);
  const box = (await source.boundingBox())!;
  await page.mouse.move(box.x + 24, box.y + 12);
  await page.mouse.down();
  await page.mouse.move(box.x + 28, box.y + 18, { steps: 2 });
  // Over the second column: a place is shown.
  const over = await pointIn(beat(page, 1, 0), 'bottom');
  await page.mouse.move(over.x, over.y, { steps: 6 });
  await expect(page.locator('body')).not.toHaveClass(/is-drag-outside/);
  // Up over the story bar, outside every column: no place is shown; the drop cancels.
  const bar = (await page.locator('.story-bar').boundingBox())!;
  await page.mouse.move(over.x, bar.y + bar.height / 2, { steps: 6 });
  await expect(page.locator('body')).toHaveClass(/is-drag-outside/);
  await page.mouse.up();
  await expect(page.locator('body')).not.toHaveClass(/is-drag/);
  await expect(page.locator('.is-drag-source')).toHaveCount(0);
  await expectBeats(page, 0, ['A', 'B']);
  await expectBeats(page, 1, ['C']);
  // Nothing was recorded: Undo still names the seeding's last step.
  await expect(page.getByRole('button', { name: /^Undo/ })).toHaveAccessibleName(
    "Undo add beat 'C'",
  );
  await expectSaved(page);
  expect(readDatabase(host.dbPath)[0]?.events.map((e) => e.beats.map((b) => b.text))).toEqual([
    ['A', 'B'],
    ['C'],
  ]);
});

test('one toast per problem, dismissed with Escape; the story bar’s labels alike at any width', async ({
  app: page,
  host,
}) => {
  await seedStory(host, 'Toasts', [{ title: 'One', beats: [['A', 30], ['B']] }]);
  await openStory(page, 'Toasts');
  for (let i = 0; i < 3; i++) await setOffset(page, 0, 0, 'soon', 'Tab');
  const toast = page.locator('.toast.error');
  await expect(toast).toHaveCount(1);
  await expect(toast).toContainText('Time not changed. “soon” is not a time');
  await expect(toast.getByRole('button', { name: 'Dismiss' })).toBeVisible();
  await beat(page, 0, 1).focus();
  await page.keyboard.press('Escape');
  await expect(toast).toHaveCount(0);

  // Export, Import and Delete story: labelled alike, wide and narrow.
  const names = ['Export…', 'Import…', 'Delete story'];
  for (const width of [1280, 900]) {
    await page.setViewportSize({ width, height: 800 });
    const shown = [];
    for (const name of names) {
      const button = page.locator('.story-bar').getByRole('button', { name, exact: true });
      await expect(button).toBeVisible();
      await expect(button).toHaveAttribute('title', /./);
      shown.push(
        await button.locator('.button-label').evaluate((l) => l.getBoundingClientRect().width > 2),
      );
    }
    expect(new Set(shown).size, `labels at ${width} px`).toBe(1);
  }
});

test('the library: search titles as you type, sort by title or last edited, remembered', async ({
  app: page,
  host,
}) => {
  for (const title of ['Zebra Crossing', 'Harbour Lights', 'The Glass Orchard']) {
    await seedStory(host, title, []);
  }
  await page.reload();
  const titles = page.locator('.story-card-title');
  await expect(titles).toHaveText(['The Glass Orchard', 'Harbour Lights', 'Zebra Crossing']);
  await page.getByLabel('Sort by').selectOption('title');
  await expect(titles).toHaveText(['Harbour Lights', 'The Glass Orchard', 'Zebra Crossing']);
  await page.getByRole('searchbox', { name: 'Search stories by title' }).fill('AR');
  await expect(titles).toHaveText(['Harbour Lights', 'The Glass Orchard']);
  await page.getByRole('searchbox', { name: 'Search stories by title' }).fill('nothing');
  await expect(page.getByText('No story title contains “nothing”.')).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search stories by title' }).fill('ZEBRA');
  await page.reload();
  await expect(page.getByRole('searchbox', { name: 'Search stories by title' })).toHaveValue(
    'ZEBRA',
  );
  await expect(page.getByLabel('Sort by')).toHaveValue('title');
  await expect(titles).toHaveText(['Zebra Crossing']);
});

test('importing a story whose title exists asks: Add a copy or Cancel', async ({
  app: page,
  host,
}) => {
  await seedStory(host, 'Heist', [{ title: 'Vault', beats: [['x']] }]);
  await page.reload();
  const dir = mkdtempSync(join(tmpdir(), 'beatline-dup-'));
  try {
    const file = join(dir, 'heist.md');
    writeFileSync(file, '# Heist\n\n## Vault\n\n1. The door opens\n');
    const importIt = async () => {
      const choosing = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Import…' }).click();
      await (await choosing).setFiles(file);
    };
    await importIt();
    const dialog = page.getByRole('alertdialog', { name: 'Add a copy?' });
    await expect(dialog).toContainText('A story titled “Heist” is already in your library.');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    expect(readDatabase(host.dbPath).map((s) => s.title)).toEqual(['Heist']);

    await importIt();
    await dialog.getByRole('button', { name: 'Add a copy' }).click();
    // Named as `beatline import --copy` names it (issue 16, h35).
    await expect(page.getByLabel('Story title')).toHaveValue('Heist (copy)');
    await expectSaved(page);
    expect(readDatabase(host.dbPath).map((s) => s.title)).toEqual(['Heist', 'Heist (copy)']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * A click is a mouse down, a moment, a mouse up. Leaving a field at the mouse down must not
 * move what is under the pointer, or the click lands on nothing and the keys typed next go
 * to the button (its Space pressed it late: "The sea" came in as "sea").
 */
test('Add beat takes the first click while a beat’s time or text is being edited', async ({
  app: page,
  host,
}) => {
  await seedStory(host, 'Squall Log', [{ title: 'Squall', beats: [['Calm'], ['Swell']] }]);
  await openStory(page, 'Squall Log');
  const humanClick = async (target: ReturnType<typeof column>) => {
    const { x, y } = await pointIn(target, 'center');
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.waitForTimeout(120);
    await page.mouse.up();
  };
  const addBeat = column(page, 0).getByRole('button', { name: 'Add beat' });
  const editors: Array<[string, () => Promise<void>]> = [
    ['time field', async () => beat(page, 0, 1).locator('.offset').click()],
    ['beat text', async () => beat(page, 0, 1).getByTestId('beat-text').click()],
  ];
  for (const [name, startEditing] of editors) {
    await startEditing();
    const before = await beatCards(page, 0).count();
    await humanClick(addBeat);
    await expect(beatCards(page, 0), `Add beat after the ${name}`).toHaveCount(before + 1);
    const typed = `Typed after the ${name}`;
    await page.keyboard.type(typed);
    await page.keyboard.press('Tab');
    await expect
      .poll(() => readDatabase(host.dbPath)[0]?.events[0]?.beats.at(-1)?.text)
      .toBe(typed);
  }
  await expectSaved(page);
});
