import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { seedStory } from './api';
import type { BeatlineHost } from './fixtures';
import { readDatabase } from './database';
import { beat, column, expectBeats, expectSaved } from './timeline';

/**
 * Issue 12, found by h65: Ctrl+Z in a text field of the story view that is not saved as typed
 * (the board's search box, Go to event) ran the app's Undo, so the writer's last edit of the
 * story was taken back, unseen, while they only meant to fix a search.
 */

const STORY = 'Harbour';
const MOD = process.platform === 'darwin' ? 'Meta' : 'Control';

/** Opens `STORY` and types into the first event's title and its first beat (each saved). */
async function openAndType(page: Page, host: BeatlineHost): Promise<void> {
  await seedStory(host, STORY, [
    { title: 'Quay', beats: [['Ropes'], ['Bell']] },
    { title: 'Pier', beats: [['Gulls']] },
  ]);
  await page.reload();
  await page.getByRole('button', { name: new RegExp(`^Open ${STORY}:`) }).click();
  await expectBeats(page, 0, ['Ropes', 'Bell']);
  await column(page, 0).getByLabel('Title of event 1').click();
  await page.keyboard.press('End');
  await page.keyboard.type(' side');
  await page.keyboard.press('Tab');
  await beat(page, 0, 0).getByTestId('beat-text').click();
  await page.keyboard.press('End');
  await page.keyboard.type(' coiled');
  await page.keyboard.press('Tab');
  await expectBeats(page, 0, ['Ropes coiled', 'Bell']);
  await expectSaved(page);
}

/** The first event's title and beats, on the page and in the file, are as typed. */
async function expectTypingKept(page: Page, host: BeatlineHost): Promise<void> {
  await expect(column(page, 0).getByLabel('Title of event 1')).toHaveValue('Quay side');
  await expectBeats(page, 0, ['Ropes coiled', 'Bell']);
  await expectSaved(page);
  const stored = readDatabase(host.dbPath)[0]!.events[0]!;
  expect(stored.title).toBe('Quay side');
  expect(stored.beats.map((b) => b.text)).toEqual(['Ropes coiled', 'Bell']);
  await expect(page.getByRole('button', { name: /^Undo edit beat/ })).toBeEnabled();
}

test('Ctrl+Z in the search box undoes the search, never the story', async ({ app: page, host }) => {
  await openAndType(page, host);
  await page.keyboard.press(`${MOD}+F`);
  const search = page.getByRole('searchbox', { name: 'Search the story’s beats' });
  await expect(search).toBeFocused();
  await page.keyboard.type('gul');
  await page.keyboard.press(`${MOD}+z`);
  // The search box's own typing is undone (one or more keys of it, as the browser groups
  // them); more presses reach nothing else.
  await expect.poll(() => search.inputValue()).toMatch(/^(|g|gu)$/);
  for (let i = 0; i < 3; i += 1) await page.keyboard.press(`${MOD}+z`);
  await page.keyboard.press(`${MOD}+Shift+z`);
  await page.keyboard.press(`${MOD}+y`);
  await expect(search).toBeFocused();
  await expectTypingKept(page, host);
});

test('Ctrl+Z in Go to event undoes nothing of the story', async ({ app: page, host }) => {
  await openAndType(page, host);
  await page.keyboard.press(`${MOD}+g`);
  const box = page.getByRole('combobox');
  await expect(box).toBeFocused();
  await page.keyboard.type('Pi');
  for (let i = 0; i < 4; i += 1) await page.keyboard.press(`${MOD}+z`);
  await expect(box).toBeFocused();
  await page.keyboard.press('Escape');
  await expectTypingKept(page, host);
});
