import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebHost } from '../../electron/web/server';
import { expect, test } from './fixtures';
import { screenshotsDir } from '../screenshots-dir';
import { hostApi, must, seedStory } from './api';
import { cliList, storedBeatTexts } from './database';
import { cliBackup, damageLibrary, type Damage } from './recovery';
import { addBeats, createStory, expectBeats, expectSaved } from './timeline';
import type { Page } from '@playwright/test';

const STORY = 'Harbour Lights';

const backupTable = (page: Page) =>
  page.getByRole('table', { name: 'Backups of your library, newest first' });

const storyCards = (page: Page) => page.getByRole('button', { name: /^Open / });

test('back up now, change the library, restore the backup, then undo the restore', async ({
  app: page,
  host,
}) => {
  await seedStory(host, STORY, [{ title: 'Storm', beats: [['Boats come in'], ['One does not']] }]);
  await page.reload();
  await expect(storyCards(page)).toHaveCount(1);

  // The Backups screen, from the top bar with the keyboard.
  await page.getByRole('button', { name: 'Backups', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Backups', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Backups', exact: true })).toHaveAttribute(
    'aria-current',
    'page',
  );

  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.locator('.toast').filter({ hasText: 'Backed up:' })).toHaveText(
    'Backed up: 1 story, 1 event, 2 beats.',
  );
  const manual = backupTable(page).getByRole('row').filter({ hasText: 'Made by you' });
  await expect(manual).toHaveCount(1);
  await expect(manual.getByRole('cell')).toHaveText([
    'Made by you',
    '1',
    '1',
    '2',
    /KB/,
    'Restore…',
  ]);
  await expect(manual.getByRole('rowheader')).toContainText(/^Today, /);

  // Later work: a beat added and a new story.
  await page.getByRole('button', { name: 'Library', exact: true }).click();
  await page.getByRole('button', { name: `Open ${STORY}:` }).click();
  await addBeats(page, 0, ['Wreckage at dawn']);
  await page.getByRole('button', { name: 'Back to the library' }).click();
  await createStory(page, 'The Glass Orchard');
  await expectSaved(page);
  expect(cliList(host.dbPath).map((s) => [s.title, s.beatCount])).toEqual(
    expect.arrayContaining([
      [STORY, 3],
      ['The Glass Orchard', 0],
    ]),
  );

  // Restore asks first and says the current library is kept.
  await page.getByRole('button', { name: 'Backups', exact: true }).click();
  await manual.getByRole('button', { name: /^Restore the backup from Today, / }).click();
  const confirm = page.getByRole('alertdialog', { name: /^Restore the backup from Today, / });
  await expect(confirm).toContainText('1 story, 1 event, 2 beats');
  await expect(confirm).toContainText('kept as a backup first, so you can undo the restore');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  expect(cliList(host.dbPath)).toHaveLength(2);

  await manual.getByRole('button', { name: /^Restore the backup from / }).click();
  await confirm.getByRole('button', { name: 'Restore backup' }).click();

  // The library as it was at the backup; the notice offers the way back.
  await expect(page.getByRole('heading', { name: 'Your stories' })).toBeVisible();
  const notice = page.getByRole('status').filter({ hasText: 'Restored the backup from' });
  await expect(notice).toContainText('kept as a backup');
  await expect(storyCards(page)).toHaveCount(1);
  await expect(page.getByRole('button', { name: `Open ${STORY}:` })).toContainText('2 beats');
  // Undo is the restored library's own history (it lives in the file): its first step.
  await expect(page.getByRole('button', { name: `Undo create story '${STORY}'` })).toBeEnabled();
  await expectSaved(page);
  expect(cliList(host.dbPath).map((s) => [s.title, s.beatCount])).toEqual([[STORY, 2]]);
  await page.getByRole('button', { name: `Open ${STORY}:` }).click();
  await expectBeats(page, 0, ['Boats come in', 'One does not']);
  await page.getByRole('button', { name: 'Back to the library' }).click();

  // Undo the restore: the later work is back.
  await notice.getByRole('button', { name: 'Undo restore' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'The restore was undone' }),
  ).toBeVisible();
  await expect(storyCards(page)).toHaveCount(2);
  await expect(page.getByRole('button', { name: `Open ${STORY}:` })).toContainText('3 beats');
  await expectSaved(page);
  expect(storedBeatTexts(host.dbPath, STORY)).toEqual([
    ['Boats come in', 'One does not', 'Wreckage at dawn'],
  ]);

  // Each restore kept the library it replaced.
  await page.getByRole('button', { name: 'Backups', exact: true }).click();
  await expect(
    backupTable(page).getByRole('row').filter({ hasText: 'Before a restore' }),
  ).toHaveCount(2);
  await page.getByRole('button', { name: 'Dismiss this note' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The restore was undone' })).toHaveCount(
    0,
  );
});

/** Every file in a folder (recursively) with its bytes: to show nothing was written. */
function filesIn(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out[path.slice(dir.length + 1)] = readFileSync(path).toString('base64');
  }
  return out;
}

test.describe('a damaged library', () => {
  let dir: string;
  test.beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'beatline-recovery-'));
  });
  test.afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** Console errors fail the test, as the `app` fixture does for the normal app. */
  function watchConsole(page: Page): string[] {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
    });
    return problems;
  }

  for (const [damage, says] of [
    ['flipped', "SQLite's check found damage inside the library file."],
    ['truncated', 'The library file has been cut short (truncated).'],
  ] as [Damage, string][]) {
    test(`(${damage}) opens on the recovery screen; restoring the newest good backup brings the stories back`, async ({
      page,
      rendererDir,
    }) => {
      const dbPath = join(dir, 'library.db');
      // A real library with a story, backed up by the CLI, then damaged.
      const first = await startWebHost({ dbPath, rendererDir });
      await seedStory(first, STORY, [
        { title: 'Storm', beats: [['Boats come in'], ['One does not']] },
        { title: 'Morning', beats: [['Wreckage']] },
      ]);
      await first.close();
      const good = cliBackup(dbPath);
      expect(good).toMatchObject({ kind: 'manual', storyCount: 1, beatCount: 3 });
      const damagedBytes = damageLibrary(dbPath, damage);
      const untouched = filesIn(dir);

      const host = await startWebHost({ dbPath, rendererDir });
      try {
        const problems = watchConsole(page);
        await page.goto(host.url);
        const screen = page.getByRole('main', { name: 'Your library could not be opened' });
        await expect(screen).toBeVisible();
        await expect(screen).toContainText(says);
        await expect(screen).toContainText('Beatline has not changed, moved or deleted library.db');
        const offer = screen.getByRole('region', { name: 'Newest good backup' });
        await expect(offer).toContainText('Made by you · 1 story, 2 events, 3 beats');
        await expect(offer).toContainText(/Today, /);
        // Never an offer to delete or overwrite the damaged file; the app itself is not shown.
        await expect(page.getByRole('button', { name: /delete|remove|discard/i })).toHaveCount(0);
        await expect(page.getByRole('heading', { name: 'Your stories' })).toHaveCount(0);
        expect(filesIn(dir)).toEqual(untouched);

        await offer.getByRole('button', { name: 'Restore this backup' }).click();
        await expect(page.getByRole('heading', { name: 'Your stories' })).toBeVisible();
        await expect(page.getByRole('button', { name: `Open ${STORY}:` })).toContainText(
          '2 events',
        );
        const notice = page.getByRole('status').filter({ hasText: 'Restored the backup from' });
        await expect(notice).toContainText('The damaged library file was moved, unchanged');
        await expect(notice.getByRole('button', { name: 'Undo restore' })).toHaveCount(0);
        await page.getByRole('button', { name: `Open ${STORY}:` }).click();
        await expectBeats(page, 0, ['Boats come in', 'One does not']);
        await expectBeats(page, 1, ['Wreckage']);
        expect(cliList(dbPath)).toEqual([
          expect.objectContaining({ title: STORY, eventCount: 2, beatCount: 3 }),
        ]);

        // The damaged file is kept, byte for byte, among the backups.
        const backupsDir = join(dir, 'library-backups');
        const kept = readdirSync(backupsDir).filter((f) => f.endsWith('.before-restore.backup.db'));
        expect(kept).toHaveLength(1);
        expect(readFileSync(join(backupsDir, kept[0]!)).equals(damagedBytes)).toBe(true);
        expect(existsSync(good.path)).toBe(true);
        expect(problems).toEqual([]);
      } finally {
        await host.close();
      }
    });
  }

  test('without a good backup, the recovery screen says what to do and offers no deletion', async ({
    page,
    rendererDir,
  }) => {
    const dbPath = join(dir, 'library.db');
    const first = await startWebHost({ dbPath, rendererDir });
    await seedStory(first, STORY, [{ title: 'Storm', beats: [['Boats come in']] }]);
    await first.close();
    damageLibrary(dbPath, 'empty');
    const untouched = filesIn(dir);

    const host = await startWebHost({ dbPath, rendererDir });
    try {
      const problems = watchConsole(page);
      await page.goto(host.url);
      const screen = page.getByRole('main', { name: 'Your library could not be opened' });
      await expect(screen).toContainText('The library file is empty (0 bytes).');
      await expect(screen.getByRole('region', { name: 'No good backup was found' })).toContainText(
        'Keep a copy of library.db',
      );
      await expect(
        page.getByRole('button', { name: /delete|remove|discard|restore/i }),
      ).toHaveCount(0);
      await page.getByRole('button', { name: 'Check again' }).click();
      await expect(screen).toBeVisible();
      expect(filesIn(dir)).toEqual(untouched);
      expect(problems).toEqual([]);
    } finally {
      await host.close();
    }
  });
});

test.describe('screenshots', () => {
  test.use({ reducedMotion: 'reduce' });
  const shots = screenshotsDir();

  /** No hover, focus, toast or pending save in the picture. */
  async function settle(page: Page): Promise<void> {
    await page.mouse.move(2, 790);
    await page.evaluate('document.activeElement && document.activeElement.blur()');
    const dismiss = page.locator('.toast').getByRole('button', { name: 'Dismiss' });
    while ((await dismiss.count()) > 0) await dismiss.first().click();
    await page.mouse.move(2, 790);
    await expectSaved(page);
  }

  test('the Backups screen after a restore', async ({ app: page, host }) => {
    const id = await seedStory(host, 'The Lighthouse Keeper', [
      {
        title: 'Arrival',
        beats: [
          ['The sea is flat as slate', 0],
          ['The ladder is iced', 45],
        ],
      },
      { title: 'The empty tower', beats: [['Supper on the table'], ['Footprints', 62]] },
    ]);
    await seedStory(host, 'Salt Road', [{ title: 'Departure', beats: [['The caravan leaves']] }]);
    await page.reload();
    await page.getByRole('button', { name: 'Backups', exact: true }).click();
    await page.getByRole('button', { name: 'Back up now' }).click();
    await expect(backupTable(page).getByRole('row')).toHaveCount(2);
    await seedStory(host, 'A Quiet Year', [{ title: 'Spring', beats: [['Thaw']] }]);
    must(
      await hostApi(host).stories.update({ storyId: id, title: 'The Lighthouse Keeper (draft 2)' }),
    );
    await page.getByRole('button', { name: 'Back up now' }).click();
    await expect(backupTable(page).getByRole('row')).toHaveCount(3);
    await backupTable(page)
      .getByRole('button', { name: /^Restore the backup from / })
      .last()
      .click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Restore backup' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Restored' })).toBeVisible();
    await page.getByRole('button', { name: 'Backups', exact: true }).click();
    await expect(backupTable(page).getByRole('row')).toHaveCount(4);
    await settle(page);
    await page.screenshot({ path: join(shots, 'backups.png') });
  });

  test('the recovery screen', async ({ page, rendererDir }) => {
    const dir = mkdtempSync(join(tmpdir(), 'beatline-recovery-'));
    try {
      const dbPath = join(dir, 'library.db');
      const first = await startWebHost({ dbPath, rendererDir });
      await seedStory(first, 'The Lighthouse Keeper', [
        {
          title: 'Arrival',
          beats: [
            ['The sea is flat as slate', 0],
            ['The ladder is iced', 45],
          ],
        },
      ]);
      await seedStory(first, 'Salt Road', [
        { title: 'Departure', beats: [['The caravan leaves']] },
      ]);
      await first.close();
      cliBackup(dbPath);
      damageLibrary(dbPath, 'flipped');
      const host = await startWebHost({ dbPath, rendererDir });
      try {
        await page.goto(host.url);
        await expect(page.getByRole('button', { name: 'Restore this backup' })).toBeVisible();
        await page.mouse.move(2, 790);
        await page.screenshot({ path: join(shots, 'recovery.png') });
      } finally {
        await host.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
