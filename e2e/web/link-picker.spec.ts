import Database from 'better-sqlite3';
import { expect, test } from './fixtures';
import { importStory } from './api';
import { beat, expectSaved } from './timeline';

/**
 * The keyboard "Link…" picker on a long story (issue 14): it searches the library as the writer
 * types (`moments:search`) instead of reading the whole story, so a beat far off screen, in a
 * column never loaded, is found and linked, and opening the picker reads no story whole.
 */

const STORY = 'The Long Count';
const EVENTS = 1_500;
const BEATS = 20;
const FAR = 'The astronomer finally sees the comet';

/** The links of the story as the SQLite file holds them, by beat text. */
function storedLinks(dbPath: string): { from: string; to: string; kind: string }[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        `SELECT f.beat_description AS "from", t.beat_description AS "to", l.kind
         FROM beat_links l
         JOIN event_moments f ON f.moment_uuid = l.from_moment_uuid
         JOIN event_moments t ON t.moment_uuid = l.to_moment_uuid`,
      )
      .all() as { from: string; to: string; kind: string }[];
  } finally {
    db.close();
  }
}

test('the link picker finds a beat far off screen in a 30,000-beat story by searching', async ({
  app: page,
  host,
}) => {
  test.setTimeout(240_000);
  await importStory(
    host,
    STORY,
    Array.from({ length: EVENTS }, (_, e) => ({
      title: `Night ${e + 1}`,
      beats: Array.from({ length: BEATS }, (_, b) => [
        e === 1_400 && b === 7 ? FAR : `Night ${e + 1}, beat ${b + 1}: the sky is clouded`,
      ]),
    })),
  );
  await page.reload();
  await page.getByRole('button', { name: new RegExp(`^Open ${STORY}:`) }).click();
  await expect(beat(page, 0, 0).getByTestId('beat-text')).toHaveText(
    'Night 1, beat 1: the sky is clouded',
  );
  const wholeReads: string[] = [];
  page.on('request', (r) => {
    if (/\/api\/(stories:load|moments:list)$/.test(r.url())) wholeReads.push(r.url());
  });

  await beat(page, 0, 0).focus();
  await page.keyboard.press('l');
  const picker = page.getByRole('dialog', { name: /^Link / });
  await expect(picker).toBeVisible();
  const options = picker.getByRole('listbox').getByRole('option');
  // Before anything is typed: the first beats on the board, never the whole story.
  await expect(options).toHaveCount(50);
  await picker.getByLabel('Find a beat to link to').fill('comet');
  await expect(options).toHaveCount(1);
  await expect(options.first()).toHaveText(`'${FAR}' (Night 1401)`);
  // A common word: the first 50, and how many more there are.
  await picker.getByLabel('Find a beat to link to').fill('clouded');
  await expect(picker.getByRole('listbox')).toContainText('beats match: type more');
  await expect(options).toHaveCount(50);
  await picker.getByLabel('Find a beat to link to').fill('comet');
  await expect(options).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(picker).toBeHidden();
  await expect(beat(page, 0, 0).locator('.link-badges')).toHaveText('causes 1');
  await expectSaved(page);
  expect(storedLinks(host.dbPath)).toEqual([
    { from: 'Night 1, beat 1: the sky is clouded', to: FAR, kind: 'causes' },
  ]);
  expect(wholeReads).toEqual([]);
});

test('the link picker finds “the beat in the Storm scene” by its event’s title', async ({
  app: page,
  host,
}) => {
  await importStory(host, 'Weather', [
    { title: 'Arrival', beats: [['A door creaks in the hall'], ['She hangs up her coat']] },
    { title: 'Storm', beats: [['The door bangs open'], ['Rain on the roof']] },
    { title: 'Aftermath', beats: [['The storm is over']] },
  ]);
  await page.reload();
  await page.getByRole('button', { name: /^Open Weather:/ }).click();
  await expect(beat(page, 0, 1).getByTestId('beat-text')).toHaveText('She hangs up her coat');

  await beat(page, 0, 1).focus();
  await page.keyboard.press('l');
  const picker = page.getByRole('dialog', { name: /^Link / });
  const search = picker.getByLabel('Find a beat to link to');
  const options = picker.getByRole('listbox').getByRole('option');
  // The scene's title finds its beats, and a beat whose own text says it.
  await search.fill('storm');
  await expect(options).toHaveText([
    /^'The door bangs open' \(Storm/,
    /^'Rain on the roof' \(Storm/,
    /^'The storm is over' \(Aftermath/,
  ]);
  // Words of the text and of the title together: the door in the Storm scene, not the hall's.
  await search.fill('door storm');
  await expect(options).toHaveText([/^'The door bangs open' \(Storm/]);
  await page.keyboard.press('Enter');
  await expect(picker).toBeHidden();
  await expect(beat(page, 0, 1).locator('.link-badges')).toHaveText('causes 1');
  await expectSaved(page);
  expect(storedLinks(host.dbPath)).toEqual([
    { from: 'She hangs up her coat', to: 'The door bangs open', kind: 'causes' },
  ]);
});
