import { expect, test } from './fixtures';
import { holdRequests, seedStory } from './api';
import { readDatabase } from './database';
import { beat, expectBeats, expectSaved, offsetField } from './timeline';

/**
 * Issue 12, found by h65: a beat's time typed in two windows at once. The time was written
 * over whatever the beat held (no stamp), so the second writer's time replaced the first's
 * without a word to either. Now a typed time is saved over the beat as it was when the typing
 * began: a time changed elsewhere meanwhile stays, and the typed one stays in its field with
 * why; Enter keeps it (written over the other, which Undo brings back).
 */

const STORY = 'Harbour';
const storedOffset = (dbPath: string) => readDatabase(dbPath)[0]!.events[0]!.beats[0]!.offset;

test('a beat time typed in two windows at once: a notice, and neither time is lost', async ({
  app: pageA,
  host,
  context,
}) => {
  await seedStory(host, STORY, [{ title: 'Quay', beats: [['Ropes'], ['Bell']] }]);
  await pageA.reload();
  await pageA.getByRole('button', { name: new RegExp(`^Open ${STORY}:`) }).click();
  await expectBeats(pageA, 0, ['Ropes', 'Bell']);
  const pageB = await context.newPage();
  await pageB.goto(host.url);
  await pageB.getByRole('button', { name: new RegExp(`^Open ${STORY}:`) }).click();
  await expectBeats(pageB, 0, ['Ropes', 'Bell']);

  // B types 2:00 while its saves wait; A types 1:30 into the same beat meanwhile.
  const release = await holdRequests(pageB, 'moments:update');
  await beat(pageB, 0, 0).locator('.offset').click();
  await pageB.keyboard.type('2:00');
  await beat(pageA, 0, 0).locator('.offset').click();
  await pageA.keyboard.type('1:30');
  await pageA.keyboard.press('Enter');
  await expectSaved(pageA);
  expect(storedOffset(host.dbPath)).toBe(90);
  // B's save, held until now, is answered: B is told. (An Enter pressed before that answer
  // waits for it; one pressed after it keeps B's time, as below, so none is pressed here.)
  release();

  // B is told beside the beat, keeps 2:00 in its field; A's 1:30 is in the file.
  const alert = beat(pageB, 0, 0).getByRole('alert');
  await expect(alert).toContainText('changed in another window');
  await expect(offsetField(pageB, 0, 0)).toHaveValue('2:00');
  await expect(pageB.locator('.save-status')).toContainText('Not saved');
  expect(storedOffset(host.dbPath)).toBe(90);

  // Enter in the field keeps B's time: saved over A's, and A sees it.
  await offsetField(pageB, 0, 0).click();
  await pageB.keyboard.press('Enter');
  await expectSaved(pageB);
  await expect.poll(() => storedOffset(host.dbPath)).toBe(120);
  await expect(alert).toHaveCount(0);
  await expect(beat(pageA, 0, 0).locator('.offset-input')).toHaveValue('2:00');
});
