import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { expect, test } from './fixtures';
import { seedStory } from './api';
import type { BeatlineHost } from './fixtures';
import { readDatabase } from './database';
import { column, expectBeats, expectSaved } from './timeline';

/**
 * Issue 12, found by h61 trying to break "nothing a writer types is ever lost, and Saved means
 * the library holds it" the way a writer would; the SQLite file is read after each.
 */

const STORY = 'Harbour';

/** Opens `STORY`: two events, "Quay" (beats Ropes, Bell) and "Pier" (beat Gulls). */
async function openStory(page: Page, host: BeatlineHost): Promise<void> {
  await seedStory(host, STORY, [
    { title: 'Quay', description: 'Fog', beats: [['Ropes'], ['Bell']] },
    { title: 'Pier', description: 'Rain', beats: [['Gulls']] },
  ]);
  await page.reload();
  await page.getByRole('button', { name: new RegExp(`^Open ${STORY}:`) }).click();
  await expectBeats(page, 0, ['Ropes', 'Bell']);
}

/** Each event's story-time label in the file, in reading order. */
function storedTimeLabels(dbPath: string): string[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT time_label AS label FROM events ORDER BY position').all();
    return (rows as { label: string }[]).map((r) => r.label);
  } finally {
    db.close();
  }
}

const status = (page: Page) => page.locator('.save-status');
const storyTitle = (page: Page) => page.getByRole('textbox', { name: 'Story title' });

/** Puts `text` on the page's clipboard and pastes it over the whole of the focused field. */
async function pasteOver(page: Page, text: string): Promise<void> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate(
    (t) =>
      (
        globalThis as unknown as {
          navigator: { clipboard: { writeText(t: string): Promise<void> } };
        }
      ).navigator.clipboard.writeText(t),
    text,
  );
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+v');
}

/**
 * The Chronology's story-time label was saved only when the field was left: the status said
 * Saved while the field held text the library did not, and a reload (or a closed window)
 * lost it.
 */
test('a story time typed in the Chronology is saved as typed and survives a reload', async ({
  app: page,
  host,
}) => {
  await openStory(page, host);
  await page.getByRole('radio', { name: 'Chronology' }).click();
  const label = page.getByLabel('Story time of Quay');
  await label.click();
  await page.keyboard.type('Day 3, ');
  // The writer stays in the field: it is saved as it is typed, and only then is it Saved.
  await expect.poll(() => storedTimeLabels(host.dbPath)).toEqual(['Day 3,', '']);
  await expectSaved(page);
  // The space the library trims is still there to type after.
  await expect(label).toHaveValue('Day 3, ');
  await page.keyboard.type('dawn');
  await expect(status(page)).not.toHaveText(/Saved/);
  await page.reload();
  await expect.poll(() => storedTimeLabels(host.dbPath)).toEqual(['Day 3, dawn', '']);
  await page.getByRole('radio', { name: 'Chronology' }).click();
  await expect(page.getByLabel('Story time of Quay')).toHaveValue('Day 3, dawn');
});

/**
 * A title field cut a pasted title at 200 characters without a word (the input's maxLength),
 * so the end of it was gone, saved, and the status said Saved.
 */
for (const [name, field, stored] of [
  [
    'an event title',
    (page: Page) => column(page, 0).getByLabel('Title of event 1'),
    (dbPath: string) => readDatabase(dbPath)[0]!.events[0]!.title,
  ],
  ['the story title', storyTitle, (dbPath: string) => readDatabase(dbPath)[0]!.title],
] as const) {
  test(`a title pasted over the limit into ${name} is kept whole and says Not saved`, async ({
    app: page,
    host,
  }) => {
    await openStory(page, host);
    const before = stored(host.dbPath);
    const long = `${'A'.repeat(190)} and the rest of it`;
    await field(page).click();
    await pasteOver(page, long);
    await expect(field(page)).toHaveValue(long);
    await expect(status(page)).toContainText('Not saved');
    await expect(page.getByRole('alert').filter({ hasText: '209 of 200 characters' })).toHaveCount(
      1,
    );
    expect(stored(host.dbPath)).toBe(before);

    // Shortened, it is saved as shown.
    await page.keyboard.press('End');
    for (let i = 0; i < 9; i += 1) await page.keyboard.press('Backspace');
    await page.keyboard.press('Tab');
    await expectSaved(page);
    await expect(field(page)).toHaveValue(long.slice(0, 200));
    expect(stored(host.dbPath)).toBe(long.slice(0, 200));
  });
}

/**
 * A story's title typed in the story view was a step of the library's history, so Ctrl+Z in the
 * title undid the story's newest step instead: typing " Lights" after "Harbour" and pressing
 * Ctrl+Z kept "Harbour Lights" and deleted the beat Gulls from another event. The title typed
 * there is now a step of the story's own history (`stories:update` with `history: "story"`).
 */
test('Ctrl+Z in the story title undoes the title, never a beat', async ({ app: page, host }) => {
  await openStory(page, host);
  await storyTitle(page).click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Lights');
  await page.keyboard.press('Control+z');
  await expect(storyTitle(page)).toHaveValue(STORY);
  await expectBeats(page, 1, ['Gulls']);
  await expectSaved(page);
  const stored = readDatabase(host.dbPath)[0]!;
  expect(stored.title).toBe(STORY);
  expect(stored.events[1]!.beats.map((b) => b.text)).toEqual(['Gulls']);
  // And redo brings the typing back.
  await page.keyboard.press('Control+Shift+z');
  await expect(storyTitle(page)).toHaveValue(`${STORY} Lights`);
  await expectSaved(page);
  expect(readDatabase(host.dbPath)[0]!.title).toBe(`${STORY} Lights`);
});

/**
 * The library's Rename box and new story box cut a pasted title at 200 characters without a word
 * (their maxLength): "saved 200 of 250". They keep it whole now and say what to shorten.
 */
test('a title pasted over the limit into Rename or New story is kept whole and not saved cut', async ({
  app: page,
  host,
}) => {
  await seedStory(host, STORY, [{ title: 'Quay', beats: [['Ropes']] }]);
  await page.reload();
  const long = `${'B'.repeat(190)} and the rest of it`;

  await page.getByRole('button', { name: new RegExp(`^Open ${STORY}:`) }).hover();
  await page.getByRole('button', { name: `Rename ${STORY}` }).click();
  const rename = page.getByLabel(`New title for ${STORY}`);
  await rename.click();
  await pasteOver(page, long);
  await expect(rename).toHaveValue(long);
  await rename.press('Enter');
  // Refused on the spot, kept open with the whole text and what to shorten.
  await expect(rename).toHaveValue(long);
  await expect(page.getByRole('alert').filter({ hasText: '209 of 200 characters' })).toHaveCount(1);
  expect(readDatabase(host.dbPath)[0]!.title).toBe(STORY);
  for (let i = 0; i < 9; i += 1) await rename.press('Backspace');
  await rename.press('Enter');
  await expectSaved(page);
  expect(readDatabase(host.dbPath)[0]!.title).toBe(long.slice(0, 200));

  await page.getByRole('button', { name: 'New story' }).click();
  const title = page.getByLabel('Title of the new story');
  await pasteOver(page, long);
  await expect(title).toHaveValue(long);
  await expect(page.getByRole('button', { name: 'Create story' })).toBeDisabled();
  await expect(page.getByRole('alert').filter({ hasText: '209 of 200 characters' })).toHaveCount(1);
  await title.press('Enter');
  expect(readDatabase(host.dbPath)).toHaveLength(1);
});
