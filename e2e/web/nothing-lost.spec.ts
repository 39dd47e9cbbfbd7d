import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { holdRequests, hostApi, must, seedStory } from './api';
import { readDatabase } from './database';
import { beat, column, createStory, expectBeats, expectSaved, offsetField } from './timeline';

/**
 * Issue 12, "Nothing a writer types is ever lost": each test is one of the problems a writer
 * hit, done the way they did it, with the SQLite file read after.
 */

const STORY = 'Storm Log';

/** The top bar's save status, as the writer reads it. */
function status(page: Page) {
  return page.locator('.save-status');
}

/** The text field of beat `index` of the first event, while it is being edited. */
function beatField(page: Page, index: number) {
  return beat(page, 0, index).getByRole('textbox', { name: `Beat ${index + 1} description` });
}

/** The first beat's text in the file. */
function firstBeatText(dbPath: string): string | undefined {
  return readDatabase(dbPath)[0]?.events[0]?.beats[0]?.text;
}

/** A story with one event titled by typing (so the browser's own undo has it) and one beat. */
async function storyWithTypedTitle(page: Page, beatText: string): Promise<void> {
  await createStory(page, STORY);
  await page.getByRole('button', { name: 'Add the first event' }).click();
  const title = column(page, 0).getByLabel('Title of event 1');
  await expect(title).toBeFocused();
  await page.keyboard.type('Storm at Sea');
  await page.keyboard.press('Tab');
  await column(page, 0).getByRole('button', { name: 'Add beat' }).click();
  await expect(beatField(page, 0)).toBeFocused();
  await page.keyboard.type(beatText);
  await page.keyboard.press('Tab');
  await expectBeats(page, 0, [beatText]);
  await expectSaved(page);
}

/**
 * Opens `STORY` seeded with one event of `beats`, then types `typed` at the end of the first
 * beat while this page's saves are held until `otherWriter` (another window, through the
 * API, on that beat's id) has written. Returns the beat's id.
 */
async function typeWhileAnotherWriterActs(
  page: Page,
  host: Parameters<typeof seedStory>[0],
  beats: string[],
  typed: string,
  otherWriter: (momentId: string) => Promise<void>,
): Promise<string> {
  await seedStory(host, STORY, [{ title: 'Squall', beats: beats.map((text) => [text]) }]);
  await page.reload();
  await page.getByRole('button', { name: new RegExp(`^Open ${STORY}:`) }).click();
  await expectBeats(page, 0, beats);
  const momentId = (await beat(page, 0, 0).getAttribute('data-beat-id'))!;
  const release = await holdRequests(page, 'moments:update');
  await beat(page, 0, 0).getByTestId('beat-text').click();
  await page.keyboard.press('End');
  await page.keyboard.type(typed);
  await otherWriter(momentId);
  release();
  return momentId;
}

test('Ctrl+Z in a beat undoes that beat, never another field, and nothing wrong is saved', async ({
  app: page,
  host,
}) => {
  await storyWithTypedTitle(page, 'Lightning splits the mast');
  const title = column(page, 0).getByLabel('Title of event 1');

  await beat(page, 0, 0).getByTestId('beat-text').click();
  await expect(beatField(page, 0)).toBeFocused();
  await page.keyboard.press('Control+z');
  // The app's undo took back the beat's text; the title is as the writer typed it.
  await expect(beatField(page, 0)).toHaveValue('');
  await expect(title).toHaveValue('Storm at Sea');
  await page.locator('.story-stats').click();
  await expectSaved(page);
  const stored = readDatabase(host.dbPath)[0]!.events[0]!;
  expect(stored.title).toBe('Storm at Sea');
  expect(stored.beats[0]!.text).toBe('');
  await expect(page.getByRole('button', { name: 'Redo edit beat' })).toBeEnabled();

  // Redo from inside a field (Ctrl+Shift+Z and Ctrl+Y) goes through the app too.
  await beat(page, 0, 0).getByTestId('beat-text').click();
  await page.keyboard.press('Control+Shift+z');
  await expect(beatField(page, 0)).toHaveValue('Lightning splits the mast');
  await expect(title).toHaveValue('Storm at Sea');
  await expectSaved(page);
  expect(firstBeatText(host.dbPath)).toBe('Lightning splits the mast');
});

test('Ctrl+Z in a beat’s time field never empties the event title', async ({ app: page, host }) => {
  await storyWithTypedTitle(page, 'Thunder');
  const title = column(page, 0).getByLabel('Title of event 1');
  await beat(page, 0, 0).locator('.offset').click();
  await expect(offsetField(page, 0, 0)).toBeFocused();
  await page.keyboard.type('1:30');
  await page.keyboard.press('Tab');
  await expectSaved(page);

  // Three times: past the field's own typing, where the browser's undo would reach the title.
  await offsetField(page, 0, 0).click();
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('Control+z');
  await expect(title).toHaveValue('Storm at Sea');
  await page.locator('.story-stats').click();
  await expectSaved(page);
  const stored = readDatabase(host.dbPath)[0]!.events[0]!;
  expect(stored.title).toBe('Storm at Sea');
  // The app's undo took back the time, the beat's text and the beat, in that order.
  expect(stored.beats).toEqual([]);
  await expect(page.getByRole('button', { name: 'Undo rename event' })).toBeEnabled();
});

/** Types `text` at about 12 keys a second, never pausing. */
async function typeSteadily(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text, { delay: 80 });
}

test('typing without a pause is saved as it goes, and the status says Saving… until it is', async ({
  app: page,
  host,
}) => {
  await storyWithTypedTitle(page, 'Gale');
  await beat(page, 0, 0).getByTestId('beat-text').click();
  await page.keyboard.press('End');
  const more = ' rises from the west and the crew hauls in every sail';
  const typing = typeSteadily(page, more);
  // While the writer's fingers are on the keys, the status is read again and again together
  // with the field. "Saving…" must show, and whenever "Saved" shows, the file already holds
  // what the field held at that moment (typing only appends, so the file may be further on).
  let typed = false;
  void typing.then(() => (typed = true));
  let sawSaving = false;
  let midwayStored = '';
  const start = Date.now();
  while (!typed) {
    // The status and the focused field, read in one turn of the page's event loop.
    const sample = (await page.evaluate(
      `({ status: document.querySelector('.save-status')?.textContent ?? '',
          value: document.activeElement?.value ?? '' })`,
    )) as { status: string; value: string };
    const stored = firstBeatText(host.dbPath) ?? '';
    if (sample.status.includes('Saving')) sawSaving = true;
    if (sample.status.includes('Saved')) expect(stored.startsWith(sample.value)).toBe(true);
    if (Date.now() - start > 3_000 && !midwayStored) midwayStored = stored;
    await page.waitForTimeout(50);
  }
  await typing;
  expect(sawSaving).toBe(true);
  // Much of the text reached the file while the typing was still going.
  expect(midwayStored.length).toBeGreaterThan('Gale'.length + 10);
  await expect.poll(() => firstBeatText(host.dbPath)).toBe(`Gale${more}`);
  await expectSaved(page);
});

test('a reload right after the last key keeps every character', async ({ app: page, host }) => {
  await storyWithTypedTitle(page, 'Fog');
  await beat(page, 0, 0).getByTestId('beat-text').click();
  await page.keyboard.press('End');
  await typeSteadily(page, ' on the water');
  await page.waitForTimeout(100);
  await page.reload();
  await expectBeats(page, 0, ['Fog on the water']);
  expect(firstBeatText(host.dbPath)).toBe('Fog on the water');
});

test('closing the page right after the last key keeps every character', async ({
  app: page,
  host,
}) => {
  await storyWithTypedTitle(page, 'Rain');
  await beat(page, 0, 0).getByTestId('beat-text').click();
  await page.keyboard.press('End');
  await page.keyboard.type(' at dawn');
  await page.close();
  await expect.poll(() => firstBeatText(host.dbPath)).toBe('Rain at dawn');
});

test('Escape keeps saved text, and Undo undoes the text before the beat', async ({
  app: page,
  host,
}) => {
  await storyWithTypedTitle(page, 'Calm');
  await column(page, 0).getByRole('button', { name: 'Add beat' }).click();
  const paragraph = 'The sea goes glassy. Nobody speaks. The cook counts the water casks twice.';
  await page.keyboard.type(paragraph);
  await expect.poll(() => readDatabase(host.dbPath)[0]?.events[0]?.beats[1]?.text).toBe(paragraph);
  await expectSaved(page);
  await page.keyboard.press('Escape');
  await expect(beat(page, 0, 1)).toBeFocused();
  await expectBeats(page, 0, ['Calm', paragraph]);
  await expectSaved(page);
  expect(readDatabase(host.dbPath)[0]?.events[0]?.beats[1]?.text).toBe(paragraph);
  await expect(page.getByRole('button', { name: 'Undo edit beat' })).toBeEnabled();
});

test('a beat over the limit is not sent: one message by the field, the text kept, Not saved', async ({
  app: page,
  host,
}) => {
  await storyWithTypedTitle(page, 'Short');
  await beat(page, 0, 0).getByTestId('beat-text').click();
  const field = beatField(page, 0);
  const tooLong = 'x'.repeat(20_001);
  await field.fill(tooLong);
  await page.keyboard.press('Tab');

  const card = beat(page, 0, 0);
  await expect(card.getByRole('alert')).toHaveCount(1);
  await expect(card.getByRole('alert')).toContainText('Not saved');
  await expect(card.getByRole('alert')).toContainText('20,001 of 20,000 characters');
  await expect(card.getByRole('alert').getByRole('button', { name: 'Copy text' })).toBeVisible();
  await expect(card.getByTestId('beat-text')).toHaveText(tooLong);
  await expect(page.locator('.toast')).toHaveCount(0);
  await expect(status(page)).toContainText('Not saved');
  expect(firstBeatText(host.dbPath)).toBe('Short');

  // Shortening it saves it, and the status says so.
  await card.getByTestId('beat-text').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Tab');
  await expect(card.getByRole('alert')).toHaveCount(0);
  await expectSaved(page);
  expect(firstBeatText(host.dbPath)).toBe('x'.repeat(20_000));
});

test('an emptied story title says Not saved by the field, and the status agrees', async ({
  app: page,
  host,
}) => {
  await createStory(page, STORY);
  const title = page.getByLabel('Story title');
  await title.fill('');
  await page.keyboard.press('Tab');
  await expect(page.locator('.toast')).toHaveCount(0);
  await expect(page.getByRole('alert').filter({ hasText: 'needs a title' })).toHaveCount(1);
  await expect(status(page)).toContainText('Not saved');
  expect(readDatabase(host.dbPath)[0]?.title).toBe(STORY);
  await title.fill('Storm Log, revised');
  await page.keyboard.press('Tab');
  await expectSaved(page);
  await expect(page.getByRole('alert').filter({ hasText: 'needs a title' })).toHaveCount(0);
  expect(readDatabase(host.dbPath)[0]?.title).toBe('Storm Log, revised');
});

test('the delete-story dialog counts what the story holds now', async ({ app: page }) => {
  await storyWithTypedTitle(page, 'One');
  await column(page, 0).getByRole('button', { name: 'Add beat' }).click();
  await page.keyboard.type('Two');
  await page.keyboard.press('Tab');
  await expectSaved(page);
  await page.getByRole('button', { name: 'Delete story' }).click();
  await expect(page.getByRole('alertdialog')).toContainText('Its 1 event and 2 beats go with it');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Back to the library' }).click();
  await expect(page.getByRole('button', { name: /^Open Storm Log:/ })).toContainText('2 beats');

  // The library lists the story edited last first.
  await createStory(page, 'Newer Story');
  await page.getByRole('button', { name: 'Back to the library' }).click();
  await expect(page.locator('.story-card-title').first()).toHaveText('Newer Story');
  await page.getByRole('button', { name: /^Open Storm Log:/ }).click();
  await beat(page, 0, 0).getByTestId('beat-text').click();
  await page.keyboard.type(', again');
  await page.keyboard.press('Tab');
  await expectSaved(page);
  await page.getByRole('button', { name: 'Back to the library' }).click();
  await expect(page.locator('.story-card-title').first()).toHaveText(STORY);
});

/** Opens a second page on the same host (a second tab of the same browser). */
async function secondTab(page: Page, url: string): Promise<Page> {
  const other = await page.context().newPage();
  await other.goto(url);
  await expect(other.getByRole('heading', { name: 'Your stories' })).toBeVisible();
  return other;
}

test('two tabs on one library stay in step', async ({ app: pageA, host }) => {
  await seedStory(host, STORY, [{ title: 'Squall', beats: [['Original'], ['Second']] }]);
  await pageA.reload();
  const pageB = await secondTab(pageA, host.url);
  for (const page of [pageA, pageB]) {
    await page.getByRole('button', { name: new RegExp(`^Open ${STORY}:`) }).click();
    await expectBeats(page, 0, ['Original', 'Second']);
  }

  // A edits; B sees it without a reload.
  await beat(pageA, 0, 0).getByTestId('beat-text').click();
  await pageA.keyboard.press('End');
  await pageA.keyboard.type(', as A wrote it');
  await pageA.keyboard.press('Tab');
  await expectSaved(pageA);
  await expectBeats(pageB, 0, ['Original, as A wrote it', 'Second']);

  // B edits the same beat after it: A's text is the start of B's, nothing is overwritten.
  await beat(pageB, 0, 0).getByTestId('beat-text').click();
  await pageB.keyboard.press('End');
  await pageB.keyboard.type(', and B');
  await pageB.keyboard.press('Tab');
  await expectSaved(pageB);
  await expectBeats(pageA, 0, ['Original, as A wrote it, and B', 'Second']);

  // A story created in A shows in B's library.
  await pageB.getByRole('button', { name: 'Back to the library' }).click();
  await pageA.getByRole('button', { name: 'Back to the library' }).click();
  await createStory(pageA, 'Second Voyage');
  await expect(pageB.getByRole('button', { name: /^Open Second Voyage:/ })).toBeVisible();
  expect(readDatabase(host.dbPath)[0]?.events[0]?.beats.map((b) => b.text)).toEqual([
    'Original, as A wrote it, and B',
    'Second',
  ]);
});

test('typing into a beat another tab deleted says so, keeps the text, and shows no id', async ({
  app: pageA,
  host,
}) => {
  // A's saves wait until the other writer has deleted the beat, so they find it gone.
  await typeWhileAnotherWriterActs(pageA, host, ['Doomed'], ' words worth keeping', async (id) => {
    must(await hostApi(host).moments.delete({ momentId: id }));
  });

  const message = pageA.getByText(/deleted elsewhere/);
  await expect(message).toBeVisible();
  await expect(pageA.getByRole('button', { name: 'Copy text' })).toBeVisible();
  await expect(pageA.getByText(/No beat with id/)).toHaveCount(0);
});

test('Undo stays inside the story on screen, survives a reload, and redo keeps ids', async ({
  app: page,
  host,
}) => {
  await seedStory(host, 'Other Story', [{ title: 'Elsewhere', beats: [['Untouched']] }]);
  await page.reload();
  await storyWithTypedTitle(page, 'Mine');
  const id = await beat(page, 0, 0).getAttribute('data-beat-id');

  // Far more Ctrl+Z than this story has steps: the other story is not touched.
  await page.locator('.story-stats').click();
  for (let i = 0; i < 12; i += 1) await page.keyboard.press('Control+z');
  await expect(page.getByRole('button', { name: 'Undo', exact: true })).toBeDisabled();
  await expectSaved(page);
  const stories = readDatabase(host.dbPath);
  expect(stories.map((s) => s.title).sort()).toEqual(['Other Story', STORY]);
  expect(stories.find((s) => s.title === 'Other Story')?.events[0]?.beats).toEqual([
    { text: 'Untouched', offset: null },
  ]);
  expect(stories.find((s) => s.title === STORY)?.events).toEqual([]);

  // The history is the library's: after a reload, Redo is still there, and brings back the
  // same beat (same id), not a copy.
  await page.reload();
  await expect(page.getByRole('button', { name: /^Redo add event/ })).toBeEnabled();
  for (let i = 0; i < 4; i += 1) await page.keyboard.press('Control+Shift+z');
  await expectBeats(page, 0, ['Mine']);
  await expect(beat(page, 0, 0)).toHaveAttribute('data-beat-id', id!);
  await expect(column(page, 0).getByLabel('Title of event 1')).toHaveValue('Storm at Sea');
});

test('typing over a beat changed in another window keeps both texts and asks', async ({
  app: page,
  host,
}) => {
  // Another writer changes the same beat before this window's typing reaches the library.
  await typeWhileAnotherWriterActs(page, host, ['Original'], ', mine', async (momentId) => {
    must(await hostApi(host).moments.update({ momentId, description: 'Theirs' }));
  });

  const card = beat(page, 0, 0);
  await expect(card.getByRole('alert')).toContainText('changed in another window');
  await expect(beatField(page, 0)).toHaveValue('Original, mine');
  await expect(status(page)).toContainText('Not saved');
  expect(firstBeatText(host.dbPath)).toBe('Theirs');

  await page.screenshot({ path: '/tmp/beatline-conflict.png' });

  // Keep mine, at once: written over theirs, which Undo brings back (one writer's typing never
  // merges with another's into one step).
  await card.getByRole('button', { name: 'Keep mine' }).click();
  await expect(card.getByRole('alert')).toHaveCount(0);
  await expectSaved(page);
  expect(firstBeatText(host.dbPath)).toBe('Original, mine');
  await page.locator('.story-stats').click();
  await page.keyboard.press('Control+z');
  await expectBeats(page, 0, ['Theirs']);
  await expectSaved(page);
  expect(firstBeatText(host.dbPath)).toBe('Theirs');
});

test('a refused beat, as the writer sees it', async ({ app: page }) => {
  await storyWithTypedTitle(page, 'Short');
  await beat(page, 0, 0).getByTestId('beat-text').click();
  await beatField(page, 0).fill('y'.repeat(20_010));
  await expect(beat(page, 0, 0).getByRole('alert')).toContainText('shorten it by 10');
  // Looked at by a person: kept outside the repository.
  await page.screenshot({ path: '/tmp/beatline-refused-beat.png' });
});

test('leaving the story with a refused beat says so once, with its text to copy', async ({
  app: page,
  host,
}) => {
  await storyWithTypedTitle(page, 'Short');
  await beat(page, 0, 0).getByTestId('beat-text').click();
  await beatField(page, 0).fill('z'.repeat(20_001));
  await expect(status(page)).toContainText('Not saved');
  await page.getByRole('button', { name: 'Back to the library' }).click();
  const notice = page.locator('.toast.error');
  await expect(notice).toHaveCount(1);
  await expect(notice).toContainText('Not saved: 20,001 of 20,000 characters');
  await expect(notice.getByRole('button', { name: 'Copy text' })).toBeVisible();
  // The notice holds the only copy of the writer's text: the status does not say Saved.
  await expect(status(page)).toContainText('Not saved');
  expect(firstBeatText(host.dbPath)).toBe('Short');
});

test('Keep both: theirs stays in the beat, the writer’s text becomes the next beat', async ({
  app: page,
  host,
}) => {
  // This window's saves wait until the other writer's change has landed.
  await typeWhileAnotherWriterActs(page, host, ['Original', 'Last'], ', mine', async (momentId) => {
    must(await hostApi(host).moments.update({ momentId, description: 'Theirs' }));
  });

  const card = beat(page, 0, 0);
  await expect(card.getByRole('alert')).toContainText('changed in another window');
  await card.getByRole('button', { name: 'Keep both' }).click();
  await expectBeats(page, 0, ['Theirs', 'Original, mine', 'Last']);
  await expectSaved(page);
  expect(readDatabase(host.dbPath)[0]?.events[0]?.beats.map((b) => b.text)).toEqual([
    'Theirs',
    'Original, mine',
    'Last',
  ]);
});
