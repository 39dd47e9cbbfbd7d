import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { expect, test } from './fixtures';
import { holdRequests, seedStory } from './api';
import { expectSaved } from './timeline';

/**
 * Issue 12, found by h65: a story-time label typed in the Chronology was written over whatever
 * the library held, so two windows typing one event's story time lost one writer's words
 * without a word to either ("Story time is written over whatever it is"). Now the label the
 * typing started from goes with the save (`expectedLabel`): a label changed elsewhere meanwhile
 * is a conflict, said by the field, and neither text is lost.
 */

const STORY = 'Harbour';

/** The first event's story-time label in the file. */
function storedLabel(dbPath: string): string {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare('SELECT time_label FROM events ORDER BY position LIMIT 1')
      .pluck()
      .get() as string;
  } finally {
    db.close();
  }
}

async function openChronology(page: Page): Promise<void> {
  await page.getByRole('button', { name: new RegExp(`^Open ${STORY}:`) }).click();
  await page.getByRole('radio', { name: 'Chronology' }).click();
  await expect(page.getByLabel('Story time of Quay')).toHaveValue('');
}

test('a story time typed in two windows at once: a notice, and neither label is lost', async ({
  app: pageA,
  host,
  context,
}) => {
  await seedStory(host, STORY, [
    { title: 'Quay', beats: [['Ropes']] },
    { title: 'Pier', beats: [['Gulls']] },
  ]);
  await pageA.reload();
  await openChronology(pageA);
  const pageB = await context.newPage();
  await pageB.goto(host.url);
  await openChronology(pageB);

  // B types while its save is on its way; A types the same event's story time meanwhile.
  const release = await holdRequests(pageB, 'events:setStoryTime');
  const labelB = pageB.getByLabel('Story time of Quay');
  await labelB.click();
  await pageB.keyboard.type('Night');
  await pageA.getByLabel('Story time of Quay').click();
  await pageA.keyboard.type('Day 3, dawn');
  await pageA.keyboard.press('Enter');
  await expectSaved(pageA);
  expect(storedLabel(host.dbPath)).toBe('Day 3, dawn');
  release();
  await labelB.press('Enter');

  // B is told, keeps its text, and A's label is still in the file.
  const alert = pageB.getByRole('alert').filter({ hasText: 'changed in another window' });
  await expect(alert).toHaveCount(1);
  await expect(labelB).toHaveValue('Night');
  await expect(pageB.locator('.save-status')).toContainText('Not saved');
  expect(storedLabel(host.dbPath)).toBe('Day 3, dawn');

  // B keeps its own: written over A's (A's stays in Undo), and A sees it.
  await alert.getByRole('button', { name: 'Use mine' }).click();
  await expectSaved(pageB);
  await expect.poll(() => storedLabel(host.dbPath)).toBe('Night');
  await expect(pageA.getByLabel('Story time of Quay')).toHaveValue('Night');
  await expect(alert).toHaveCount(0);
});

test('Use theirs on a story time shows the other window’s label, and typing goes on from it', async ({
  app: pageA,
  host,
  context,
}) => {
  await seedStory(host, STORY, [{ title: 'Quay', beats: [['Ropes']] }]);
  await pageA.reload();
  await openChronology(pageA);
  const pageB = await context.newPage();
  await pageB.goto(host.url);
  await openChronology(pageB);

  const release = await holdRequests(pageB, 'events:setStoryTime');
  const labelB = pageB.getByLabel('Story time of Quay');
  await labelB.click();
  await pageB.keyboard.type('Night');
  await pageA.getByLabel('Story time of Quay').click();
  await pageA.keyboard.type('Day 3');
  await pageA.keyboard.press('Enter');
  await expectSaved(pageA);
  release();
  const alert = pageB.getByRole('alert').filter({ hasText: 'changed in another window' });
  await expect(alert).toHaveCount(1);
  await alert.getByRole('button', { name: 'Use theirs' }).click();
  await expect(labelB).toHaveValue('Day 3');
  await labelB.press('End');
  await pageB.keyboard.type(', dawn');
  await labelB.press('Enter');
  await expectSaved(pageB);
  await expect.poll(() => storedLabel(host.dbPath)).toBe('Day 3, dawn');
  await expect(pageB.getByRole('alert')).toHaveCount(0);
});
