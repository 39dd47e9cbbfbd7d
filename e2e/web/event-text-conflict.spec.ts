import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { holdRequests, hostApi, must, seedStory } from './api';
import type { BeatlineHost } from './fixtures';
import { readDatabase } from './database';
import { column, expectSaved } from './timeline';

/**
 * Issue 12, "an edit to something another writer changed is never applied silently over theirs,
 * and neither text is lost", for an event's title and description and the story's title: this
 * page's saves are held while another writer (the API) changes the same field.
 */

const STORY = 'Harbour Lights';

type Host = BeatlineHost;

/** The page's clipboard (the e2e tsconfig has no DOM types). */
interface PageGlobals {
  navigator: { clipboard: { readText(): Promise<string> } };
}

/**
 * Opens `STORY` (one event, "Squall", described "Original"), then types `typed` at the end of
 * `field(page)` while this page's saves to `channel` wait until `otherWriter` (another window,
 * through the API) has written. Resolves to the story's and the event's ids.
 */
async function typeWhileAnotherWriterActs(
  page: Page,
  host: Host,
  field: (page: Page) => Locator,
  channel: 'events:update' | 'stories:update',
  typed: string,
  otherWriter: (ids: { storyId: string; eventId: string }) => Promise<void>,
): Promise<void> {
  const storyId = await seedStory(host, STORY, [
    { title: 'Squall', description: 'Original', beats: [['A beat']] },
  ]);
  const eventId = must(await hostApi(host).events.list({ storyId }))[0]!.id;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.reload();
  await page.getByRole('button', { name: new RegExp(`^Open ${STORY}:`) }).click();
  await expect(column(page, 0).getByLabel('Title of event 1')).toHaveValue('Squall');
  const release = await holdRequests(page, channel);
  await field(page).click();
  await page.keyboard.press('End');
  await page.keyboard.type(typed);
  await page.keyboard.press('Tab');
  await otherWriter({ storyId, eventId });
  release();
}

const title = (page: Page) => column(page, 0).getByLabel('Title of event 1');
const description = (page: Page) => column(page, 0).getByLabel('Event description');
const storyTitle = (page: Page) => page.getByRole('textbox', { name: 'Story title' });
const clipboard = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as PageGlobals).navigator.clipboard.readText());
const storedEvent = (host: Host) => readDatabase(host.dbPath)[0]!.events[0]!;

/** The event title typed to "Squall at night" here while another window made it "Their squall". */
const titleConflict = (page: Page, host: Host) =>
  typeWhileAnotherWriterActs(
    page,
    host,
    title,
    'events:update',
    ' at night',
    async ({ eventId }) => {
      must(await hostApi(host).events.update({ eventId, title: 'Their squall' }));
    },
  );

test('Keep both on an event description: theirs, then the writer’s, nothing lost', async ({
  app: page,
  host,
}) => {
  await typeWhileAnotherWriterActs(
    page,
    host,
    description,
    'events:update',
    ', mine',
    async ({ eventId }) => {
      must(await hostApi(host).events.update({ eventId, description: 'Theirs' }));
    },
  );
  const note = column(page, 0).getByRole('alert');
  await expect(note).toContainText('changed in another window');
  await expect(description(page)).toHaveValue('Original, mine');
  expect(storedEvent(host).description).toBe('Theirs');
  await page.screenshot({ path: '/tmp/beatline-event-conflict.png' });

  await note.getByRole('button', { name: 'Keep both' }).click();
  await expect(note).toHaveCount(0);
  await expect(description(page)).toHaveValue('Theirs\n\nOriginal, mine');
  await expectSaved(page);
  expect(storedEvent(host).description).toBe('Theirs\n\nOriginal, mine');

  // One step: Undo gives theirs back as it was.
  await page.locator('.story-stats').click();
  await page.keyboard.press('Control+z');
  await expect(description(page)).toHaveValue('Theirs');
  await expectSaved(page);
  expect(storedEvent(host).description).toBe('Theirs');
});

test('Use theirs on an event title: theirs stays, the writer’s is copied and named', async ({
  app: page,
  host,
}) => {
  await titleConflict(page, host);
  const note = column(page, 0).getByRole('alert');
  await expect(note).toContainText('changed in another window');
  await expect(note.getByRole('button', { name: 'Keep both' })).toHaveCount(0);
  await note.getByRole('button', { name: 'Use theirs' }).click();
  await expect(note).toHaveCount(0);
  await expect(title(page)).toHaveValue('Their squall');
  await expect(page.locator('.toast')).toContainText('“Squall at night” is copied');
  expect(await clipboard(page)).toBe('Squall at night');
  await expectSaved(page);
  expect(storedEvent(host).title).toBe('Their squall');
});

test('Use theirs shows their title at once, before the change notice, and typing goes on from it', async ({
  app: page,
  host,
}) => {
  // No change notice reaches the page (its stream is held from the reload on): what the field
  // shows after Use theirs can only come from the conflict's own read of the library.
  const releaseNotices = await holdRequests(page, 'changes');
  await titleConflict(page, host);
  const note = column(page, 0).getByRole('alert');
  await note.getByRole('button', { name: 'Use theirs' }).click();
  await expect(note).toHaveCount(0);
  await expect(title(page)).toHaveValue('Their squall');

  // Typing on starts from theirs: saved over it, no second conflict.
  await title(page).click();
  await page.keyboard.press('End');
  await page.keyboard.type(', later');
  await page.keyboard.press('Tab');
  await expectSaved(page);
  await expect(note).toHaveCount(0);
  expect(storedEvent(host).title).toBe('Their squall, later');
  await expect(title(page)).toHaveValue('Their squall, later');
  releaseNotices();
});

test('Use mine on an event title: the writer’s is saved, theirs is copied and named', async ({
  app: page,
  host,
}) => {
  await titleConflict(page, host);
  const note = column(page, 0).getByRole('alert');
  await note.getByRole('button', { name: 'Use mine' }).click();
  await expect(note).toHaveCount(0);
  await expect(title(page)).toHaveValue('Squall at night');
  await expect(page.locator('.toast')).toContainText('“Their squall” is copied');
  expect(await clipboard(page)).toBe('Their squall');
  await expectSaved(page);
  expect(storedEvent(host).title).toBe('Squall at night');
});

test('the story title offers Use mine and Use theirs too', async ({ app: page, host }) => {
  await typeWhileAnotherWriterActs(
    page,
    host,
    storyTitle,
    'stories:update',
    ' by day',
    async ({ storyId }) => {
      must(await hostApi(host).stories.update({ storyId, title: 'Their harbour' }));
    },
  );
  const note = page.locator('.story-bar').getByRole('alert');
  await expect(note).toContainText('changed in another window');
  await note.getByRole('button', { name: 'Use mine' }).click();
  await expect(note).toHaveCount(0);
  await expect(storyTitle(page)).toHaveValue(`${STORY} by day`);
  await expect(page.locator('.toast')).toContainText('“Their harbour” is copied');
  expect(await clipboard(page)).toBe('Their harbour');
  await expectSaved(page);
  expect(readDatabase(host.dbPath)[0]!.title).toBe(`${STORY} by day`);
});
