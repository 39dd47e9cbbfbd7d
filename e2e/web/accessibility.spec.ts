import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { startWebHost } from '../../electron/web/server';
import { expect, test } from './fixtures';
import { seedStory } from './api';
import { cliBackup, damageLibrary } from './recovery';
import { expectBeats } from './timeline';

/**
 * Every screen passes an axe-core audit with no serious or critical violation, in the light
 * and the dark theme (issue 16): library, board, the dialogs, backups and recovery.
 */

async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n  ')}`,
    );
  expect(bad, `${screen}: serious or critical violations`).toEqual([]);
}

const STORY = 'The Lighthouse Keeper';
const MOD = process.platform === 'darwin' ? 'Meta' : 'Control';

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });
    // Each audit takes seconds on a loaded 2-core machine; a screen sequence takes minutes.
    test.describe.configure({ timeout: 300_000 });

    test('library, board and dialogs', async ({ app: page, host }) => {
      await expectAccessible(page, 'empty library');
      await seedStory(host, STORY, [
        {
          title: 'Arrival',
          description: 'Dawn, the supply boat.',
          beats: [['The sea is flat as slate', 30], ['The ladder is iced', 10], ['']],
        },
        { title: 'Night', beats: [['The lamp fails']] },
      ]);
      await seedStory(host, 'Salt Road', []);
      await page.reload();
      await expect(page.getByRole('button', { name: new RegExp(`^Open ${STORY}:`) })).toBeVisible();
      await expectAccessible(page, 'library');

      await page.getByRole('button', { name: new RegExp(`^Open ${STORY}:`) }).click();
      await expectBeats(page, 0, [
        'The sea is flat as slate',
        'The ladder is iced',
        'Empty beat. Click to write.',
      ]);
      await expectAccessible(page, 'board');

      await page.getByRole('button', { name: 'Export…' }).click();
      await expect(page.getByRole('dialog', { name: /^Export/ })).toBeVisible();
      await expectAccessible(page, 'export dialog');
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: 'Delete story' }).click();
      await expect(page.getByRole('alertdialog')).toBeVisible();
      await expectAccessible(page, 'delete dialog');
      await page.getByRole('button', { name: 'Cancel' }).click();

      await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
      await expectAccessible(page, 'keyboard help');
      await page.getByRole('button', { name: 'Done' }).click();

      await page.getByRole('button', { name: 'Backups', exact: true }).click();
      await expect(page.getByRole('heading', { name: /Backups/ }).first()).toBeVisible();
      await expectAccessible(page, 'backups');
    });

    test('overview, go to, search, story check, chronology and settings', async ({
      app: page,
      host,
    }) => {
      await seedStory(host, STORY, [
        { title: 'Arrival', beats: [['The sea is flat as slate', 30], ['The lamp is lit']] },
        { title: 'Night', beats: [['The lamp fails']] },
      ]);
      await page.reload();
      await page.getByRole('button', { name: new RegExp(`^Open ${STORY}:`) }).click();
      await expectBeats(page, 1, ['The lamp fails']);

      await page.getByRole('button', { name: 'Overview' }).click();
      await expect(page.getByRole('button', { name: /^Go to event 1:/ })).toBeVisible();
      await expectAccessible(page, 'overview');
      await page.getByRole('button', { name: 'Overview' }).click();

      await page.keyboard.press(`${MOD}+G`);
      const goTo = page.getByRole('dialog', { name: 'Go to event' });
      await expect(goTo).toBeVisible();
      await page.keyboard.type('night');
      await expect(goTo.getByRole('option')).toHaveCount(1);
      await expectAccessible(page, 'go to event');
      await page.keyboard.press('Escape');

      await page.keyboard.press(`${MOD}+F`);
      const box = page.getByRole('searchbox', { name: 'Search the story’s beats' });
      await box.fill('lamp');
      await expect(page.locator('#board-search-count')).toHaveText('1 of 2');
      await expectAccessible(page, 'search with matches');
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: /^Story check/ }).click();
      await expect(page.getByRole('complementary', { name: 'Story check' })).toBeVisible();
      await expectAccessible(page, 'story check');

      await page.getByRole('radio', { name: 'Chronology' }).click();
      await expect(page.locator('[data-chrono-row]')).toHaveCount(2);
      await expectAccessible(page, 'chronology');

      await page.getByRole('button', { name: 'Settings' }).click();
      await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
      await expectAccessible(page, 'settings');
    });

    test('recovery screen', async ({ page, rendererDir }) => {
      const dir = mkdtempSync(join(tmpdir(), 'beatline-a11y-'));
      try {
        const dbPath = join(dir, 'library.db');
        const first = await startWebHost({ dbPath, rendererDir });
        await seedStory(first, STORY, [{ title: 'Arrival', beats: [['The sea', 0]] }]);
        await first.close();
        cliBackup(dbPath);
        damageLibrary(dbPath, 'flipped');
        const host = await startWebHost({ dbPath, rendererDir });
        try {
          await page.goto(host.url);
          await expect(page.getByRole('button', { name: 'Restore this backup' })).toBeVisible();
          await expectAccessible(page, 'recovery');
        } finally {
          await host.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
