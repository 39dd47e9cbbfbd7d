import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { screenshotsDir } from '../screenshots-dir';
import { seedStory, type SeedEvent } from './api';
import { cliExportStory, cliList } from './database';
import { expectBeats, expectEvents, expectSaved } from './timeline';
import type { Page } from '@playwright/test';

const STORY = 'The Lighthouse Keeper';
const screenshots = screenshotsDir();

const EVENTS: SeedEvent[] = [
  {
    title: 'Arrival',
    description: 'Dusk. Mara rows out with the winter supplies.',
    beats: [
      ['The sea is flat as slate', 0],
      ['The landing ladder is iced', 30],
      ['The door is bolted from the inside', 130],
    ],
  },
  {
    title: 'The empty tower',
    description: 'She searches room by room.',
    beats: [['Supper on the table, still warm'], ['Wet footprints stop at the wall', 245]],
  },
  { title: 'Night watch', beats: [['She lights the lamp herself']] },
];

/** The story as `beatline export` reads it: titles, descriptions, beat texts and offsets. */
const EXPECTED = {
  title: STORY,
  events: EVENTS.map((e) => ({
    title: e.title,
    description: e.description ?? '',
    beats: e.beats.map(([text, offset]) => ({ text, offset: offset ?? null })),
  })),
};

const FORMAT_NAMES = {
  json: /^Beatline story file/,
  md: /^Markdown outline/,
  docx: /^Word document/,
  fountain: /^Fountain outline/,
} as const;

/** Picks a format in the open Export dialog, exports, and reads the downloaded file. */
async function exportFromDialog(
  page: Page,
  format: keyof typeof FORMAT_NAMES,
  dir: string,
): Promise<{ fileName: string; path: string; bytes: Buffer }> {
  const dialog = page.getByRole('dialog', { name: /^Export/ });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('radio', { name: FORMAT_NAMES[format] }).check();
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: /^Export \./ }).click();
  const download = await downloading;
  const fileName = download.suggestedFilename();
  const path = join(dir, fileName);
  await download.saveAs(path);
  await expect(dialog).toBeHidden();
  await expect(page.locator('.toast').filter({ hasText: `Exported “${fileName}”` })).toBeVisible();
  return { fileName, path, bytes: readFileSync(path) };
}

/** Import… through the file picker the browser host asks for. */
async function importThroughPicker(page: Page, open: () => Promise<void>, file: string) {
  const choosing = page.waitForEvent('filechooser');
  await open();
  const chooser = await choosing;
  expect(chooser.isMultiple()).toBe(false);
  await chooser.setFiles(file);
}

async function openSeeded(page: Page, host: Parameters<typeof seedStory>[0]): Promise<string> {
  const id = await seedStory(host, STORY, EVENTS);
  await page.reload();
  await page.getByRole('button', { name: new RegExp(`^Open ${STORY}:`) }).click();
  await expectEvents(
    page,
    EVENTS.map((e) => e.title),
  );
  return id;
}

let dir: string;
test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'beatline-files-'));
});
test.afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

test('Export… writes each format as a download, from the story view, the keyboard and the library', async ({
  app: page,
  host,
}) => {
  await openSeeded(page, host);

  // Ctrl+E opens the dialog for the open story, focus on the chosen format.
  await page.keyboard.press('Control+e');
  const dialog = page.getByRole('dialog', { name: `Export “${STORY}”` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('radio', { name: FORMAT_NAMES.json })).toBeFocused();
  await expect(dialog.getByRole('radio', { name: FORMAT_NAMES.json })).toBeChecked();
  const json = await exportFromDialog(page, 'json', dir);
  expect(json.fileName).toBe(`${STORY}.beatline.json`);
  const storyFile = JSON.parse(json.bytes.toString('utf8')) as {
    format: string;
    version: number;
    story: { title: string; events: { title: string; moments: unknown[] }[] };
  };
  expect(storyFile.format).toBe('beatline-story');
  expect(storyFile.version).toBe(1);
  expect(storyFile.story.title).toBe(STORY);
  expect(storyFile.story.events.map((e) => [e.title, e.moments.length])).toEqual([
    ['Arrival', 3],
    ['The empty tower', 2],
    ['Night watch', 1],
  ]);

  // Escape closes the dialog without exporting.
  await page.getByRole('button', { name: 'Export…' }).click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await page.getByRole('button', { name: 'Export…' }).click();
  const md = await exportFromDialog(page, 'md', dir);
  expect(md.fileName).toBe(`${STORY}.md`);
  const markdown = md.bytes.toString('utf8');
  expect(markdown).toContain(`# ${STORY}`);
  for (const event of EVENTS) expect(markdown).toContain(`## ${event.title}`);
  expect(markdown).toContain('[0:30] The landing ladder is iced');
  expect(markdown).toContain('[4:05] Wet footprints stop at the wall');

  await page.getByRole('button', { name: 'Export…' }).click();
  const docx = await exportFromDialog(page, 'docx', dir);
  expect(docx.fileName).toBe(`${STORY}.docx`);
  // A DOCX is a zip: it starts with PK\x03\x04, and the bytes came through base64 intact.
  expect(docx.bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  expect(docx.bytes.includes(Buffer.from('word/document.xml'))).toBe(true);

  // From the library: the story card's Export button; the dialog remembers the last format.
  await page.getByRole('button', { name: 'Back to the library' }).click();
  await page.getByRole('button', { name: `Export ${STORY}…` }).click();
  await expect(dialog.getByRole('radio', { name: FORMAT_NAMES.docx })).toBeChecked();
  const fountain = await exportFromDialog(page, 'fountain', dir);
  expect(fountain.fileName).toBe(`${STORY}.fountain`);
  const screenplay = fountain.bytes.toString('utf8');
  expect(screenplay).toMatch(new RegExp(`^Title: ${STORY}`, 'm'));
  expect(screenplay).toContain('# Arrival');
  expect(screenplay).toContain('= [[0:30]] The landing ladder is iced');
  expect(screenplay).toMatch(/^= Supper on the table, still warm$/m);

  // Ctrl+E in the library asks which story.
  await page.keyboard.press('Control+e');
  const choose = page.getByRole('dialog', { name: 'Export a story' });
  await expect(choose.getByRole('combobox', { name: 'Story' })).toHaveValue(/.+/);
  await choose.getByRole('button', { name: 'Cancel' }).click();
  await expect(choose).toBeHidden();

  // Both shortcuts are in the "?" sheet.
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toContainText('Ctrl+EExport the story');
  await expect(sheet).toContainText('Ctrl+OImport a story file');
  await page.keyboard.press('Escape');
  await expectSaved(page);
});

test('Import… brings an exported story file and Markdown outline back as new stories', async ({
  app: page,
  host,
}) => {
  // Two exports, two imports and two duplicate-title prompts: over a minute on a loaded machine.
  test.slow();
  await openSeeded(page, host);
  await page.getByRole('button', { name: 'Export…' }).click();
  const json = await exportFromDialog(page, 'json', dir);
  await page.getByRole('button', { name: 'Export…' }).click();
  const md = await exportFromDialog(page, 'md', dir);

  // The story file, from the library's Import… button: the new story opens.
  await page.getByRole('button', { name: 'Back to the library' }).click();
  await importThroughPicker(
    page,
    () => page.getByRole('button', { name: 'Import…' }).click(),
    json.path,
  );
  // The library already has this title: the writer is asked first (issue 16).
  await page
    .getByRole('alertdialog', { name: 'Add a copy?' })
    .getByRole('button', { name: 'Add a copy' })
    .click();
  // Added as "X (copy)", as `beatline import --copy` names it (issue 16, h35).
  await expect(
    page.locator('.toast').filter({ hasText: `Imported “${STORY} (copy)”` }),
  ).toContainText('3 events, 6 beats');
  await expectEvents(
    page,
    EVENTS.map((e) => e.title),
  );
  for (const [i, event] of EVENTS.entries()) {
    await expectBeats(
      page,
      i,
      event.beats.map(([text]) => text),
    );
  }
  await expect(page.getByRole('article', { name: /^Beat 2, at 0:30:/ })).toContainText(
    'The landing ladder is iced',
  );
  await expectSaved(page);
  let stories = cliList(host.dbPath);
  expect(stories).toHaveLength(2);
  expect(new Set(stories.map((s) => s.id)).size).toBe(2);
  expect(stories.map((s) => s.title).sort()).toEqual([STORY, `${STORY} (copy)`]);
  for (const story of stories) {
    expect(story).toMatchObject({ eventCount: 3, beatCount: 6 });
    expect(cliExportStory(host.dbPath, story.id)).toEqual({ ...EXPECTED, title: story.title });
  }

  // The Markdown outline, with Ctrl+O from the story view.
  const earlier = stories.map((s) => s.id);
  await importThroughPicker(page, () => page.keyboard.press('Control+o'), md.path);
  await page
    .getByRole('alertdialog', { name: 'Add a copy?' })
    .getByRole('button', { name: 'Add a copy' })
    .click();
  await expect.poll(() => cliList(host.dbPath).length).toBe(3);
  await expectSaved(page);
  stories = cliList(host.dbPath);
  const fromMarkdown = stories.find((s) => !earlier.includes(s.id));
  // The story now open is the one just imported.
  await expect
    .poll(() => page.evaluate(() => sessionStorage.getItem('beatline.view')))
    .toContain(fromMarkdown!.id);
  const third = `${STORY} (copy 2)`;
  expect(fromMarkdown).toMatchObject({ title: third, eventCount: 3, beatCount: 6 });
  expect(cliExportStory(host.dbPath, fromMarkdown!.id)).toEqual({ ...EXPECTED, title: third });
  await expectEvents(
    page,
    EVENTS.map((e) => e.title),
  );
  await expectBeats(page, 1, [
    'Supper on the table, still warm',
    'Wet footprints stop at the wall',
  ]);
  // The window shows the new story: three cards in the library.
  await page.getByRole('button', { name: 'Back to the library' }).click();
  await expect(
    page.getByRole('button', { name: new RegExp(`^Open ${STORY}( \\(copy( 2)?\\))?:`) }),
  ).toHaveCount(3);
});

test('a bad story file is refused with its first problem, and the library is unchanged', async ({
  app: page,
  host,
}) => {
  await openSeeded(page, host);
  await page.getByRole('button', { name: 'Export…' }).click();
  const json = await exportFromDialog(page, 'json', dir);
  const file = JSON.parse(json.bytes.toString('utf8')) as {
    story: { title: string; events: { moments: { timestamp_offset: number | null }[] }[] };
  };
  file.story.title = 'Should Not Appear';
  file.story.events[1]!.moments[1]!.timestamp_offset = -5;
  const bad = join(dir, 'Broken.beatline.json');
  writeFileSync(bad, JSON.stringify(file, null, 2));
  const before = cliList(host.dbPath);

  await page.getByRole('button', { name: 'Back to the library' }).click();
  await importThroughPicker(page, () => page.getByRole('button', { name: 'Import…' }).click(), bad);
  const problem = page.locator('.toast.error');
  await expect(problem).toContainText('“Broken.beatline.json” was not imported');
  await expect(problem).toContainText('Your library is unchanged.');
  await expect(problem.locator('code')).toHaveText(
    'story.events[1].moments[1].timestamp_offset: must be >= 0',
  );
  // Nothing else changed: the library view stays, with the same one story.
  await expect(page.getByRole('heading', { name: 'Your stories' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Open / })).toHaveCount(1);
  await expectSaved(page);
  expect(cliList(host.dbPath)).toEqual(before);

  // The message stays until dismissed (it may need reading closely), then goes.
  await page.waitForTimeout(500);
  await expect(problem).toBeVisible();
  await problem.getByRole('button', { name: 'Dismiss' }).click();
  await expect(problem).toHaveCount(0);

  // A file that is not JSON at all says so too.
  const garbage = join(dir, 'garbage.beatline.json');
  writeFileSync(garbage, '{ "format": "beatline-story", ');
  await importThroughPicker(page, () => page.keyboard.press('Control+o'), garbage);
  await expect(page.locator('.toast.error')).toContainText(
    '“garbage.beatline.json” was not imported',
  );
  expect(cliList(host.dbPath)).toEqual(before);
});

test('screenshot of the Export dialog', async ({ app: page, host }) => {
  await openSeeded(page, host);
  await expectSaved(page);
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: `Export “${STORY}”` });
  await dialog.getByRole('radio', { name: FORMAT_NAMES.md }).check();
  await page.mouse.move(2, 790);
  await page.screenshot({ path: join(screenshots, 'export-dialog.png') });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
