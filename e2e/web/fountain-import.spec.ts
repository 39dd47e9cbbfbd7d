import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { cliExportStory, cliList } from './database';
import { expectSaved } from './timeline';

/**
 * Screenwriters' files through the browser's file picker (issue 16): the renderer sends every
 * name it does not know as `json`, and a Fountain outline still comes in; a Word file named
 * like an outline gets the clear message and changes nothing.
 */

const PILOT = [
  'Title: Pilot',
  'Author: A. Writer',
  '',
  '# Cold open',
  '',
  '[[Night. Rain on the harbour.]]',
  '',
  '= [[0:05]] A boat without lights',
  '',
  '= [[0:01.5]] *Aurora* on the pier',
  '',
  'EXT. HARBOUR - NIGHT',
  '',
  'Rain.',
  '',
  '# Act one',
  '',
  '= The harbour master lies',
  '',
].join('\n');

let dir: string;
test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'beatline-fountain-'));
});
test.afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

test('Import… reads a Fountain outline and refuses a Word file named .md', async ({
  app: page,
  host,
}) => {
  const fountain = join(dir, 'Pilot.fountain');
  writeFileSync(fountain, PILOT);
  const choosing = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import…' }).click();
  await (await choosing).setFiles(fountain);
  await expect(page.locator('.toast').filter({ hasText: 'Imported “Pilot”' })).toBeVisible();
  await expectSaved(page);
  expect(cliExportStory(host.dbPath, 'Pilot')).toEqual({
    title: 'Pilot',
    events: [
      {
        title: 'Cold open',
        description: 'Night. Rain on the harbour.',
        beats: [
          { text: 'A boat without lights', offset: 5 },
          { text: '*Aurora* on the pier', offset: 1.5 },
        ],
      },
      {
        title: 'Act one',
        description: '',
        beats: [{ text: 'The harbour master lies', offset: null }],
      },
    ],
  });

  const before = cliList(host.dbPath);
  const word = join(dir, 'outline.md');
  // A Word file's first bytes (a ZIP archive), whatever its name says.
  writeFileSync(word, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(64, 1)]));
  const again = page.waitForEvent('filechooser');
  await page.keyboard.press('Control+o');
  await (await again).setFiles(word);
  const problem = page.locator('.toast.error');
  await expect(problem).toContainText('“outline.md” was not imported');
  await expect(problem).toContainText(
    'Word (.docx) files can be exported but not imported; import a .beatline.json, ' +
      'Markdown (.md) or Fountain (.fountain) file.',
  );
  expect(cliList(host.dbPath)).toEqual(before);
});
