import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { hostApi, must, seedStory, type SeedEvent } from './api';
import { beat, column, expectBeats, expectSaved, pointIn } from './timeline';

const STORY = 'The Lighthouse Keeper';
const EVENTS: SeedEvent[] = [
  {
    title: 'Arrival',
    beats: [['The door is bolted from the inside'], ['The landing ladder is iced']],
  },
  {
    title: 'The empty tower',
    beats: [['Supper on the table, still warm'], ['Wet footprints stop at the wall']],
  },
  { title: 'Night watch', beats: [['She breaks the door in']] },
];

interface StoredLink {
  from: string;
  to: string;
  kind: string;
  strength: string;
  intentional: number;
}

/** The links of a story as the SQLite file holds them, by beat text. */
function storedLinks(dbPath: string, title: string): StoredLink[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        `SELECT f.beat_description AS "from", t.beat_description AS "to", l.kind, l.strength,
           l.intentional
         FROM beat_links l
         JOIN stories s ON s.story_uuid = l.story_uuid
         JOIN event_moments f ON f.moment_uuid = l.from_moment_uuid
         JOIN event_moments t ON t.moment_uuid = l.to_moment_uuid
         WHERE s.title = ? ORDER BY l.kind, f.beat_description`,
      )
      .all(title) as StoredLink[];
  } finally {
    db.close();
  }
}

/** Story time of each event of the newest story with `title`: titles in chronological order. */
function storedChronology(
  dbPath: string,
  title: string,
): { title: string; label: string; mode: string }[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        `SELECT e.title, e.time_label AS label, e.time_mode AS mode FROM events e
         WHERE e.story_uuid = (SELECT story_uuid FROM stories WHERE title = ?
           ORDER BY created_at DESC LIMIT 1)
         ORDER BY e.chrono_position, e.event_uuid`,
      )
      .all(title) as { title: string; label: string; mode: string }[];
  } finally {
    db.close();
  }
}

/** Presses a beat's link handle and lets go over another beat. */
async function drawLink(page: Page, from: Locator, to: Locator): Promise<void> {
  await from.hover();
  const handle = from.locator('.link-handle');
  const box = (await handle.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 10, box.y + 10, { steps: 2 });
  const target = await pointIn(to, 'center');
  await page.mouse.move(target.x, target.y, { steps: 10 });
  await expect(to).toHaveClass(/is-link-target/);
  await page.mouse.up();
}

/** What the axe-like check reads of a control (the spec compiles without the DOM's types). */
interface Control {
  offsetParent: unknown;
  tabIndex: number;
  disabled?: boolean;
  textContent: string | null;
  labels?: { length: number } | null;
  outerHTML: string;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
}

/**
 * Axe-like basics: every visible control on the page has a name (its text, aria-label,
 * aria-labelledby or a label) and, unless disabled, is reachable by keyboard (tabindex >= 0).
 * Returns the offenders.
 */
async function unnamedOrUnreachable(page: Page): Promise<string[]> {
  return page
    .locator('button, input, select, textarea, [role="button"], [role="radio"], [role="combobox"]')
    .evaluateAll((els) =>
      (els as unknown as Control[])
        .filter((c) => c.offsetParent !== null)
        .filter((c) => {
          const named =
            (c.getAttribute('aria-label') ?? '').trim() !== '' ||
            c.hasAttribute('aria-labelledby') ||
            (c.textContent ?? '').trim() !== '' ||
            (c.labels?.length ?? 0) > 0;
          return !named || (!c.disabled && c.tabIndex < 0);
        })
        .map((c) => c.outerHTML.slice(0, 120)),
    );
}

const liveRegion = (page: Page) => page.locator('[role="log"][aria-live]');

let dir: string;
test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'beatline-logic-'));
});
test.afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

test('links by pointer and keyboard, a warning before and after a drop, intentional, chronology, export and import', async ({
  app: page,
  host,
}) => {
  test.setTimeout(240_000);
  await seedStory(host, STORY, EVENTS);
  await page.reload();
  await page.getByRole('button', { name: new RegExp(`^Open ${STORY}:`) }).click();
  await expectBeats(page, 2, ['She breaks the door in']);
  // Every event shows both of its places.
  await expect(column(page, 1).locator('.event-positions')).toHaveText('R 2 · C 2');

  // By pointer: from the bolted door onto the break-in, in another column.
  await drawLink(page, beat(page, 0, 0), beat(page, 2, 0));
  await expect(beat(page, 0, 0).locator('.link-badges')).toHaveText('causes 1');
  await expect(beat(page, 2, 0).locator('.link-badges')).toHaveText('caused by 1');
  await expectSaved(page);
  expect(storedLinks(host.dbPath, STORY)).toEqual([
    {
      from: 'The door is bolted from the inside',
      to: 'She breaks the door in',
      kind: 'causes',
      strength: 'hard',
      intentional: 0,
    },
  ]);

  // By keyboard: L on a beat, find the other beat by typing, choose kind and strength.
  await beat(page, 0, 1).focus();
  await page.keyboard.press('l');
  const picker = page.getByRole('dialog', { name: /^Link / });
  await expect(picker).toBeVisible();
  await picker.getByLabel('Kind of link').selectOption('sets_up');
  await picker.getByLabel('Strength of link').selectOption('soft');
  await picker.getByLabel('Find a beat to link to').fill('footprints');
  await expect(picker.getByRole('listbox').getByRole('option')).toHaveCount(1);
  expect(await unnamedOrUnreachable(page)).toEqual([]);
  await page.keyboard.press('Enter');
  await expect(picker).toBeHidden();
  await expect(beat(page, 0, 1).locator('.link-badges')).toHaveText('sets up 1');
  await expect(beat(page, 1, 1).locator('.link-badges')).toHaveText('set up by 1');
  await expectSaved(page);
  expect(storedLinks(host.dbPath, STORY)).toHaveLength(2);

  // Undo and redo of a link step refresh the badges.
  await page.getByRole('button', { name: /^Undo/ }).click();
  await expect(beat(page, 0, 1).locator('.link-badges')).toHaveCount(0);
  await page.getByRole('button', { name: /^Redo/ }).click();
  await expect(beat(page, 0, 1).locator('.link-badges')).toHaveText('sets up 1');
  await expectSaved(page);

  // Focusing a beat highlights the beats it links to; its badges say where they are.
  await beat(page, 0, 0).focus();
  await expect(beat(page, 2, 0)).toHaveClass(/is-linked/);
  await beat(page, 0, 0).locator('.link-badges').click();
  await expect(beat(page, 0, 0).getByRole('group', { name: 'Links of this beat' })).toContainText(
    "causes → 'She breaks the door in' (Night watch, beat 1)",
  );
  await beat(page, 0, 0).locator('.link-badges').click();

  // A keyboard move of the cause after its effect says so before the drop.
  await beat(page, 0, 0).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await expect(liveRegion(page)).toContainText('Warning: Breaks a link');
  await expect(page.locator('[data-drag-warning]')).toContainText('now happens after it');
  await page.keyboard.press('Escape');
  await expect(page.locator('[data-drag-warning]')).toHaveCount(0);

  // The same by pointer: the drop indicator turns red and says why, before the drop.
  const source = beat(page, 0, 0);
  const box = (await source.boundingBox())!;
  await page.mouse.move(box.x + 24, box.y + 12);
  await page.mouse.down();
  await page.mouse.move(box.x + 28, box.y + 18, { steps: 2 });
  const below = await pointIn(beat(page, 2, 0), 'bottom');
  await page.mouse.move(below.x, below.y, { steps: 10 });
  await page.mouse.move(below.x, below.y + 1);
  await expect(page.locator('body')).toHaveAttribute('data-drag-breaks', 'error');
  await expect(page.locator('[data-drag-warning]')).toContainText('Breaks a link');
  await page.mouse.up();
  await expectBeats(page, 2, ['She breaks the door in', 'The door is bolted from the inside']);
  await expectSaved(page);

  // After the drop: the beats are marked and the Story check lists the problem.
  await expect(beat(page, 2, 1)).toHaveClass(/is-broken/);
  await expect(beat(page, 2, 0)).toHaveClass(/is-broken/);
  const toggle = page.getByRole('button', { name: /^Story check/ });
  await expect(toggle).toHaveAccessibleName('Story check, 1 problem');
  await toggle.click();
  const panel = page.getByRole('complementary', { name: 'Story check' });
  const problem = panel.locator('.check-problem');
  await expect(problem).toHaveCount(1);
  await expect(problem).toContainText('Effect before cause (error)');
  expect(await unnamedOrUnreachable(page)).toEqual([]);
  await problem.getByRole('button', { name: 'Show second beat' }).click();
  await expect(beat(page, 2, 0)).toBeFocused();

  // Typing goes on with the panel open.
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.keyboard.type(' at last');
  await page.keyboard.press('Escape');
  await expectBeats(page, 2, [
    'She breaks the door in at last',
    'The door is bolted from the inside',
  ]);

  // Mark it intentional: listed, not counted; the ordinary Undo takes it back.
  await problem.getByRole('button', { name: 'Mark intentional' }).click();
  await expect(problem).toContainText('(intentional)');
  await expect(toggle).toHaveAccessibleName('Story check, no problems');
  await expect(beat(page, 2, 1)).not.toHaveClass(/is-broken/);
  await expectSaved(page);
  expect(storedLinks(host.dbPath, STORY).find((l) => l.kind === 'causes')?.intentional).toBe(1);
  await page.getByRole('button', { name: /^Undo/ }).click();
  await expect(problem.getByRole('button', { name: 'Mark intentional' })).toBeVisible();
  await expect(toggle).toHaveAccessibleName('Story check, 1 problem');
  await page.getByRole('button', { name: /^Redo/ }).click();
  await expect(problem).toContainText('(intentional)');
  await expectSaved(page);
  expect(storedLinks(host.dbPath, STORY).find((l) => l.kind === 'causes')?.intentional).toBe(1);

  // Chronology: make "The empty tower" a flashback that happens first.
  await page.getByRole('radio', { name: 'Chronology' }).click();
  const rows = page.locator('[data-chrono-row]');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText('R 2 · C 2');
  expect(await unnamedOrUnreachable(page)).toEqual([]);
  await page.getByLabel('Mode of The empty tower').selectOption('flashback');
  await page.getByLabel('Story time of The empty tower').fill('Years before');
  await page.getByLabel('Story time of The empty tower').press('Enter');
  const grip = page.getByRole('button', { name: /^Move The empty tower in story time/ });
  await grip.focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Space');
  await expect(rows.nth(0)).toContainText('R 2 · C 1');
  await expect(rows.nth(0)).toContainText('The empty tower');
  await expectSaved(page);
  expect(storedChronology(host.dbPath, STORY)).toEqual([
    { title: 'The empty tower', label: 'Years before', mode: 'flashback' },
    { title: 'Arrival', label: '', mode: 'linear' },
    { title: 'Night watch', label: '', mode: 'linear' },
  ]);
  // By pointer: Night watch dragged above Arrival in story time; Undo takes the step back.
  const watchGrip = page.getByRole('button', { name: /^Move Night watch in story time/ });
  const gripBox = (await watchGrip.boundingBox())!;
  await page.mouse.move(gripBox.x + 8, gripBox.y + 8);
  await page.mouse.down();
  const above = await pointIn(rows.nth(1), 'top');
  await page.mouse.move(gripBox.x + 8, above.y, { steps: 10 });
  await expect(page.locator('.chrono-drop')).toHaveCount(1);
  await page.mouse.up();
  await expect(rows.nth(1)).toContainText('Night watch');
  await expect(rows.nth(1)).toContainText('R 3 · C 2');
  await expectSaved(page);
  expect(storedChronology(host.dbPath, STORY).map((e) => e.title)).toEqual([
    'The empty tower',
    'Night watch',
    'Arrival',
  ]);
  await page.getByRole('button', { name: /^Undo/ }).click();
  await expect(rows.nth(2)).toContainText('Night watch');
  await expect(rows.nth(2)).toContainText('R 3 · C 3');
  await expectSaved(page);

  // Reading order did not move; its headers show the new story time.
  await page.getByRole('radio', { name: 'Reading order' }).click();
  await expect(column(page, 1).locator('.event-positions')).toHaveText('R 2 · C 1');
  await expect(column(page, 1).locator('.event-time')).toContainText('flashback · Years before');
  await expect(column(page, 0).locator('.event-positions')).toHaveText('R 1 · C 2');

  // Export the story file (version 2) and import it back: the links come with it.
  await page.keyboard.press('Control+e');
  const exportDialog = page.getByRole('dialog', { name: /^Export/ });
  await exportDialog.getByRole('radio', { name: /^Beatline story file/ }).check();
  const downloading = page.waitForEvent('download');
  await exportDialog.getByRole('button', { name: /^Export \./ }).click();
  const download = await downloading;
  const file = join(dir, download.suggestedFilename());
  await download.saveAs(file);
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { version: number; links?: unknown[] };
  expect(doc.version).toBe(2);

  const choosing = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import…' }).click();
  await (await choosing).setFiles(file);
  // The story is still in the library under its title: the writer adds the file as a copy.
  await page
    .getByRole('alertdialog', { name: 'Add a copy?' })
    .getByRole('button', { name: 'Add a copy' })
    .click();
  await expect(page.locator('.toast').filter({ hasText: `Imported “${STORY}` })).toBeVisible();
  await expectBeats(page, 2, [
    'She breaks the door in at last',
    'The door is bolted from the inside',
  ]);
  await expect(beat(page, 2, 1).locator('.link-badges')).toHaveText('causes 1');
  await expect(beat(page, 0, 0).locator('.link-badges')).toHaveText('sets up 1');
  await expect(column(page, 1).locator('.event-positions')).toHaveText('R 2 · C 1');
  await expectSaved(page);
  const db = new Database(host.dbPath, { readonly: true });
  try {
    const perStory = db
      .prepare(
        `SELECT s.story_uuid AS id, count(l.link_uuid) AS links, sum(l.intentional) AS marked
         FROM stories s LEFT JOIN beat_links l ON l.story_uuid = s.story_uuid
         WHERE s.title IN (?, ?) GROUP BY s.story_uuid`,
      )
      .all(STORY, `${STORY} (copy)`) as { links: number; marked: number }[];
    expect(perStory.map((s) => [s.links, s.marked])).toEqual([
      [2, 1],
      [2, 1],
    ]);
  } finally {
    db.close();
  }
  expect(storedChronology(host.dbPath, STORY)[0]).toEqual({
    title: 'The empty tower',
    label: 'Years before',
    mode: 'flashback',
  });
});

test('a link that would close a loop is refused with its reason and writes nothing', async ({
  app: page,
  host,
}) => {
  const storyId = await seedStory(host, 'Loops', [
    { title: 'One', beats: [['The fuse is lit'], ['The barrel bursts']] },
  ]);
  const api = hostApi(host);
  const { events } = must(await api.stories.load({ storyId }));
  const [lit, bursts] = events[0]!.moments.map((m) => m.id);
  must(
    await api.links.create({
      fromMomentId: lit!,
      toMomentId: bursts!,
      kind: 'causes',
      strength: 'hard',
    }),
  );
  await page.reload();
  await page.getByRole('button', { name: /^Open Loops:/ }).click();
  await expect(beat(page, 0, 1).locator('.link-badges')).toHaveText('caused by 1');

  await beat(page, 0, 1).focus();
  await page.keyboard.press('l');
  const picker = page.getByRole('dialog', { name: /^Link / });
  await picker.getByLabel('Find a beat to link to').fill('fuse');
  await expect(picker.getByRole('listbox').getByRole('option')).toHaveCount(1);
  await picker.getByRole('button', { name: 'Link', exact: true }).click();
  await expect(page.locator('.toast').filter({ hasText: 'loop in story time' })).toBeVisible();
  await expect(beat(page, 0, 1).locator('.link-badges')).toHaveText('caused by 1');
  await expectSaved(page);
  expect(storedLinks(host.dbPath, 'Loops')).toEqual([
    {
      from: 'The fuse is lit',
      to: 'The barrel bursts',
      kind: 'causes',
      strength: 'hard',
      intentional: 0,
    },
  ]);
});
