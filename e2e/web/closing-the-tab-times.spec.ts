import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { expect, test } from './fixtures';
import { hostApi, must } from './api';
import type { BeatlineHost } from './fixtures';
import { readDatabase } from './database';
import { beat, offsetField, openAgain, openSeededStory } from './timeline';

/**
 * Issue 12: a beat's time and an event's story time typed in the last moments before a tab
 * closes. The page-close send of both carried no guard: a change another tab made to the same
 * field just before was written over without a word; and neither was kept in local storage, so
 * a send that could not land lost the writer's typing. Now both go as text does (h72): over
 * what the typing started from, and kept until the library holds them.
 */

const STORY = 'Night Watch';

const firstBeatOffset = (dbPath: string) => readDatabase(dbPath)[0]?.events[0]?.beats[0]?.offset;

function firstEventLabel(dbPath: string): string | undefined {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT time_label FROM events ORDER BY position LIMIT 1').pluck().get() as
      string | undefined;
  } finally {
    db.close();
  }
}

/** Opens `STORY`, one event holding one beat at 0:10; returns the beat's and event's ids. */
async function openStory(page: Page, host: BeatlineHost) {
  await openSeededStory(page, host, STORY, [{ title: 'Gate', beats: [['The lantern goes out']] }]);
  const momentId = (await beat(page, 0, 0).getAttribute('data-beat-id'))!;
  const api = hostApi(host);
  const moment = must(await api.moments.update({ momentId, timestampOffset: 10 }));
  await expect(offsetField(page, 0, 0)).toHaveValue('0:10');
  return { momentId, eventId: moment.eventId };
}

test("a beat's time typed just before the tab closes never writes over another tab's; it comes back at the next open", async ({
  app: page,
  host,
}) => {
  await page.clock.install();
  const { momentId } = await openStory(page, host);
  await page.clock.pauseAt(Date.now() + 60_000);
  await offsetField(page, 0, 0).fill('0:45');
  must(await hostApi(host).moments.update({ momentId, timestampOffset: 99 }));
  await page.close();

  const again = await openAgain(page, host.url);
  await again.reload();
  expect(firstBeatOffset(host.dbPath)).toBe(99);
  const notice = again.locator('.toast').filter({ hasText: 'before Beatline closed' });
  await expect(notice).toContainText('"0:45"');
  await expect(notice).toContainText('changed in another window');
  expect(firstBeatOffset(host.dbPath)).toBe(99);
});

test.describe('a lost page-close send', () => {
  // The aborted request is logged by the browser.
  test.use({ expectedConsoleErrors: [/Failed to load resource/] });

  test("a beat's time typed just before the tab closes, whose send is lost, is saved at the next open", async ({
    app: page,
    host,
  }) => {
    await page.clock.install();
    await openStory(page, host);
    await page.clock.pauseAt(Date.now() + 60_000);
    await offsetField(page, 0, 0).fill('1:05');
    await page.route('**/api/moments:update', (route) => route.abort());
    await page.evaluate("window.dispatchEvent(new PageTransitionEvent('pagehide'))");
    expect(firstBeatOffset(host.dbPath)).toBe(10);
    await openAgain(page, host.url);
    await expect.poll(() => firstBeatOffset(host.dbPath)).toBe(65);
  });
});

test("an event's story time typed just before the tab closes never writes over another tab's; it comes back at the next open", async ({
  app: page,
  host,
}) => {
  await page.clock.install();
  const { eventId } = await openStory(page, host);
  await page.getByRole('radio', { name: 'Chronology' }).click();
  const label = page.getByLabel('Story time of Gate');
  await label.fill('Day 1');
  await expect.poll(() => firstEventLabel(host.dbPath)).toBe('Day 1');
  await page.clock.pauseAt(Date.now() + 60_000);
  await label.fill('Day 1, dusk');
  must(await hostApi(host).events.setStoryTime({ eventId, label: 'Day 2' }));
  await page.close();

  const again = await openAgain(page, host.url);
  await again.reload();
  expect(firstEventLabel(host.dbPath)).toBe('Day 2');
  const notice = again.locator('.toast').filter({ hasText: 'before Beatline closed' });
  await expect(notice).toContainText('"Day 1, dusk"');
  await expect(notice).toContainText('changed in another window');
  expect(firstEventLabel(host.dbPath)).toBe('Day 2');
});
